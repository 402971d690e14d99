"""Courses: changes (the course, its sessions, participants, attendance, completion) and
reads (progress, the attendance grid, certificates by their code).

The completion rule: a participant has completed when the sessions they attended make
at least `completion_percent` of the sessions held so far (those that have started) —
and the course is over (its last session has started), so that a certificate is only
issued once. 80 % of 5 sessions is 4: attended × 100 ≥ percent × held, in whole numbers.
A certificate's code is made at the first completion and kept; the certificate is
genuine while the participant stays completed.
"""

import math
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Course, CourseSession, Enrollment, Room, SessionAttendance

# Letters and digits that cannot be mistaken for one another: no 0/O, no 1/I.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
_NOT_CODE = re.compile(r"[^A-Z0-9]+")
# Cyrillic letters that look like Latin ones, for a code typed in the Ukrainian layout.
_LOOKALIKES = str.maketrans("АВСЕНІКМОРТХУ", "ABCEHIKMOPTXY")


# --- the course ---------------------------------------------------------------------

COURSE_FIELDS = ("title", "description", "audience", "completion_percent", "hours",
                 "is_public")


def _check_course(course: Course) -> None:
    percent = course.completion_percent
    if percent is None or not 1 <= percent <= 100:
        raise ValidationError({"completion_percent": _(
            "The share of sessions to attend must be from 1 to 100 %.")})
    course.title = course.title.strip()
    course.full_clean(exclude=["network", "library"])


@transaction.atomic
def course_create(*, library, **fields) -> Course:
    course = Course(network=library.network, library=library,
                    **{k: v for k, v in fields.items() if k in COURSE_FIELDS})
    _check_course(course)
    course.save()
    return course


@transaction.atomic
def course_update(*, course: Course, library=None, **fields) -> Course:
    if library is not None:
        if library.network_id != course.network_id:
            raise ValidationError({"library": _("Choose a library of the same network.")})
        course.library = library
    for name, value in fields.items():
        if name in COURSE_FIELDS:
            setattr(course, name, value)
    _check_course(course)
    course.save()
    course_evaluate(course)
    return course


# --- sessions -----------------------------------------------------------------------

@transaction.atomic
def session_save(*, course: Course, starts_at: datetime, ends_at: datetime, topic: str = "",
                 room: Room | None = None, session: CourseSession | None = None) -> CourseSession:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})
    if room is not None and room.library.network_id != course.network_id:
        raise ValidationError({"room": _("Choose a room of this network's libraries.")})
    session = session or CourseSession(course=course)
    if session.course_id != course.pk:
        raise ValidationError(_("This session belongs to another course."))
    session.starts_at, session.ends_at = starts_at, ends_at
    session.topic, session.room = (topic or "").strip(), room
    session.full_clean(exclude=["course"])
    session.save()
    course_evaluate(course)
    return session


@transaction.atomic
def session_delete(*, session: CourseSession) -> None:
    course = session.course
    session.delete()
    course_evaluate(course)


# --- participants -------------------------------------------------------------------

@transaction.atomic
def enroll_patron(*, course: Course, patron) -> Enrollment:
    if patron.library.network_id != course.network_id:
        raise ValidationError(_("This patron is registered in another library network."))
    if patron.anonymised_at:
        raise ValidationError(_("This patron's data were removed; they cannot be enrolled."))
    existing = Enrollment.objects.select_for_update().filter(course=course, patron=patron).first()
    if existing is not None:
        if existing.withdrawn_at is None:
            raise ValidationError(_("%(name)s is enrolled in this course already.")
                                  % {"name": existing.name})
        existing.withdrawn_at = None  # back on the course, with the attendance they had
        existing.save(update_fields=["withdrawn_at"])
        return existing
    try:
        with transaction.atomic():
            return Enrollment.objects.create(course=course, patron=patron,
                                             name=patron.full_name)
    except IntegrityError:  # enrolled at the same moment from another desk
        raise ValidationError(_("%(name)s is enrolled in this course already.")
                              % {"name": patron.full_name}) from None


def _name_key(name: str) -> str:
    return " ".join(name.casefold().replace("’", "'").replace("ʼ", "'").split())


@transaction.atomic
def enroll_staff(*, course: Course, name: str) -> Enrollment:
    """A branch library's staff member (§3.1.6), by name: they are not patrons."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Enter the staff member's full name.")})
    if len(name) > 200:
        raise ValidationError({"name": _("The name is too long.")})
    for other in Enrollment.objects.filter(course=course, patron__isnull=True,
                                           withdrawn_at__isnull=True):
        if _name_key(other.name) == _name_key(name):
            raise ValidationError({"name": _("%(name)s is enrolled in this course already.")
                                   % {"name": other.name}})
    return Enrollment.objects.create(course=course, name=name, is_staff=True)


@transaction.atomic
def withdraw(*, enrollment: Enrollment) -> Enrollment:
    if enrollment.withdrawn_at is not None:
        raise ValidationError(_("%(name)s has withdrawn already.") % {"name": enrollment.name})
    if enrollment.completed_at is not None:
        raise ValidationError(_("%(name)s has completed the course; a completed course "
                                "cannot be left.") % {"name": enrollment.name})
    enrollment.withdrawn_at = timezone.now()
    enrollment.save(update_fields=["withdrawn_at"])
    return enrollment


# --- attendance ---------------------------------------------------------------------

def sessions_held(course: Course, now: datetime | None = None) -> list[CourseSession]:
    now = now or timezone.now()
    return [s for s in course.sessions.all() if s.starts_at <= now]


@transaction.atomic
def attendance_save(*, course: Course, marks: set[tuple[int, int]]) -> int:
    """Save the whole grid at once. `marks` are (enrollment id, session id) of the boxes
    ticked; an active participant's box not in it is "absent". A withdrawn participant's
    row is kept as it was; ticking a box for them, or for a session that has not started,
    is refused. Returns how many participants completed with this save."""
    now = timezone.now()
    sessions = {s.pk: s for s in course.sessions.all()}
    held = {pk for pk, s in sessions.items() if s.starts_at <= now}
    enrollments = {e.pk: e for e in Enrollment.objects.select_for_update().filter(course=course)}
    existing = {(a.enrollment_id, a.session_id): a for a in
                SessionAttendance.objects.filter(session__course=course)}
    errors = []
    for enrollment_id, session_id in sorted(marks):
        enrollment, session = enrollments.get(enrollment_id), sessions.get(session_id)
        if enrollment is None or session is None:
            errors.append(_("A mark refers to a participant or session not of this course."))
        elif session_id not in held:
            errors.append(_("The session of %(date)s has not started yet; its attendance "
                            "cannot be marked.")
                          % {"date": timezone.localtime(session.starts_at)
                             .strftime("%d.%m.%Y %H:%M")})
        elif enrollment.withdrawn_at is not None:
            row = existing.get((enrollment_id, session_id))
            if row is None or not row.present:
                errors.append(_("%(name)s has withdrawn from the course; their attendance "
                                "is not recorded.") % {"name": enrollment.name or "—"})
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    for enrollment in enrollments.values():
        if enrollment.withdrawn_at is not None:
            continue
        for session_id in held:
            want = (enrollment.pk, session_id) in marks
            row = existing.get((enrollment.pk, session_id))
            if row is None and want:
                SessionAttendance.objects.create(session_id=session_id, enrollment=enrollment,
                                                 present=True)
            elif row is not None and row.present != want:
                row.present = want
                row.save(update_fields=["present"])
    return course_evaluate(course, now=now)


# --- completion ---------------------------------------------------------------------

def meets_rule(attended: int, held: int, percent: int) -> bool:
    """attended / held ≥ percent %, in whole numbers (80 % of 5 is 4)."""
    return held > 0 and attended * 100 >= percent * held


def sessions_needed(total: int, percent: int) -> int:
    """The fewest sessions of `total` that satisfy the rule."""
    return math.ceil(total * percent / 100) if total else 0


def new_certificate_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        if not Enrollment.objects.filter(certificate_code=code).exists():
            return code


def normalize_code(typed: str) -> str:
    """A code as people type it: any case, with spaces or dashes, Cyrillic look-alikes."""
    return _NOT_CODE.sub("", (typed or "")[:100].upper().translate(_LOOKALIKES))[:40]


def format_code(code: str) -> str:
    """ABCDE-FGHJK: easier to read out and type."""
    return f"{code[:5]}-{code[5:]}" if code and len(code) == CODE_LENGTH else (code or "")


def _attended_counts(course: Course, held_ids) -> dict[int, int]:
    rows = (SessionAttendance.objects.filter(session_id__in=held_ids, present=True,
                                             enrollment__course=course)
            .values("enrollment_id").annotate(n=Count("pk")))
    return {r["enrollment_id"]: r["n"] for r in rows}


@transaction.atomic
def course_evaluate(course: Course, *, now: datetime | None = None) -> int:
    """Apply the completion rule to every participant. Once the last session has started,
    those who meet the rule are completed (completed_at: the end of the last session, or
    now if it is still going on) and get a certificate code if they have none; those
    who no longer meet it (attendance corrected, sessions added) are not. Returns the
    number of newly completed participants."""
    now = now or timezone.now()
    sessions = list(course.sessions.all())
    held = [s for s in sessions if s.starts_at <= now]
    over = bool(sessions) and len(held) == len(sessions)
    counts = _attended_counts(course, [s.pk for s in held])
    newly = 0
    for enrollment in Enrollment.objects.select_for_update().filter(course=course):
        completes = (over and enrollment.withdrawn_at is None
                     and meets_rule(counts.get(enrollment.pk, 0), len(held),
                                    course.completion_percent))
        if completes and enrollment.completed_at is None:
            enrollment.completed_at = min(now, sessions[-1].ends_at)
            enrollment.certificate_code = enrollment.certificate_code or new_certificate_code()
            enrollment.save(update_fields=["completed_at", "certificate_code"])
            newly += 1
        elif not completes and enrollment.completed_at is not None:
            enrollment.completed_at = None  # the code stays: it comes back if they complete
            enrollment.save(update_fields=["completed_at"])
    return newly


# --- reads --------------------------------------------------------------------------

@dataclass
class Progress:
    enrollment: Enrollment
    attended: int
    held: int
    total: int
    needed: int  # of all sessions
    marks: dict = field(default_factory=dict)  # session id -> present

    @property
    def present_ids(self) -> set[int]:
        return {sid for sid, present in self.marks.items() if present}

    @property
    def on_track(self) -> bool:
        return meets_rule(self.attended, self.held, self.enrollment.course.completion_percent)


def course_progress(course: Course, now: datetime | None = None) -> tuple[list, list[Progress]]:
    """(sessions, one Progress per participant — the active first, then the withdrawn)."""
    now = now or timezone.now()
    sessions = list(course.sessions.select_related("room"))
    held_ids = {s.pk for s in sessions if s.starts_at <= now}
    for s in sessions:
        s.is_held = s.pk in held_ids
    marks: dict[int, dict[int, bool]] = {}
    for a in SessionAttendance.objects.filter(session__course=course):
        marks.setdefault(a.enrollment_id, {})[a.session_id] = a.present
    rows = []
    enrollments = course.enrollments.select_related("patron", "course")
    for e in sorted(enrollments, key=lambda e: (e.withdrawn_at is not None, e.name, e.pk)):
        own = marks.get(e.pk, {})
        rows.append(Progress(enrollment=e, held=len(held_ids), total=len(sessions),
                             attended=sum(1 for sid, p in own.items() if p and sid in held_ids),
                             needed=sessions_needed(len(sessions), course.completion_percent),
                             marks=own))
    return sessions, rows


def course_dates(course: Course):
    """The local dates of the first and the last session (None, None without sessions)."""
    first = course.sessions.order_by("starts_at").first()
    last = course.sessions.order_by("-starts_at").first()
    if first is None:
        return None, None
    return timezone.localtime(first.starts_at).date(), timezone.localtime(last.starts_at).date()


def certificate_by_code(typed: str) -> Enrollment | None:
    code = normalize_code(typed)
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return (Enrollment.objects.select_related("course", "course__library", "patron")
            .filter(certificate_code=code).first())


def is_anonymised(enrollment: Enrollment) -> bool:
    return not enrollment.name.strip() or bool(
        enrollment.patron_id and enrollment.patron.anonymised_at)


def masked_name(name: str) -> str:
    """"Петренко Іван Іванович" → "Петренко І. І.": the surname and initials."""
    words = name.split()
    if not words:
        return ""
    initials = []
    for word in words[1:]:
        parts = [p for p in word.split("-") if p]
        initials.append("-".join(f"{p[0].upper()}." for p in parts))
    return " ".join([words[0], *initials])


def courses_with_counts(courses: QuerySet) -> QuerySet:
    return courses.annotate(
        session_count=Count("sessions", distinct=True),
        participant_count=Count("enrollments", filter=Q(enrollments__withdrawn_at__isnull=True),
                                distinct=True),
        completed_count=Count("enrollments", filter=Q(enrollments__completed_at__isnull=False),
                              distinct=True))
