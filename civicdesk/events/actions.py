"""Writes on events: create and change (validated here, whatever page calls), copies and
repeating series, cancelling and holding, registrations with the capacity kept by the
database, the waiting list, attendance and feedback. auditlog records every change."""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from civicdesk.patrons.actions import consent_give
from civicdesk.patrons.models import Consent
from civicdesk.patrons.normalize import phone_key
from civicdesk.patrons.selectors import withdrew_consent

from .models import Event, Feedback, Registration, Room

log = logging.getLogger(__name__)

# The fields a person sets on an event (forms, copies, repeats).
FIELDS = ("kind", "title", "description", "library", "starts_at", "ends_at", "setup_minutes",
          "teardown_minutes", "room", "online_url", "speakers", "audience",
          "audience_category", "capacity", "registration_open", "is_public", "campaign",
          "is_template")
COPIED = tuple(f for f in FIELDS if f not in ("starts_at", "ends_at"))
MAX_REPEATS = 52


# --- e-mail ------------------------------------------------------------------

def mail_configured() -> bool:
    """Whether e-mail leaves the server (not the console or dummy backend)."""
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2] if "." in settings.EMAIL_BACKEND else ""
    return backend not in ("console", "dummy")


def public_url(path: str, base_url: str = "") -> str:
    base = (base_url or settings.PUBLIC_URL or "").rstrip("/")
    return base + path


def _send(to: str, subject: str, body: str) -> bool:
    if not (to and mail_configured()):
        return False
    try:
        send_mail(subject, body, None, [to])
    except Exception:  # noqa: BLE001 (a mail server failing must not fail the sign-up)
        log.exception("events mail to %s failed", to)
        return False
    return True


def local_text(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _place(event: Event) -> str:
    parts = [event.library.name]
    if event.room_id:
        parts.append(event.room.name)
    if event.library.address or event.library.settlement:
        parts.append(", ".join(p for p in (event.library.address, event.library.settlement) if p))
    return ", ".join(parts)


def _links(registration: Registration, base_url: str) -> list[str]:
    lines = []
    if base_url or settings.PUBLIC_URL:
        lines.append(_("To cancel your registration: %(url)s") % {"url": public_url(
            reverse("events_public:cancel", args=[registration.token]), base_url)})
        lines.append(_("After the event, tell us how it was: %(url)s") % {"url": public_url(
            reverse("events_public:feedback", args=[registration.event_id])
            + f"?t={registration.token}", base_url)})
    return lines


def _event_lines(event: Event) -> list[str]:
    lines = [event.title, _("When: %(when)s") % {"when": local_text(event.starts_at)}]
    if event.room_id or not event.online_url:
        lines.append(_("Where: %(place)s") % {"place": _place(event)})
    if event.online_url:
        lines.append(_("Online: %(url)s") % {"url": event.online_url})
    return lines


def _mail_registration(registration: Registration, subject: str, intro: str,
                       base_url: str = "") -> bool:
    if not registration.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = "\n".join([
            _("Hello, %(name)s!") % {"name": registration.name}, "", intro, "",
            *_event_lines(registration.event), "", *_links(registration, base_url), "",
            _("This letter was sent by civicdesk.")])
        return _send(registration.email, str(subject), body)


# --- events ------------------------------------------------------------------

def _is_http(url: str) -> bool:
    lowered = url.lower()
    return (lowered.startswith("http://") or lowered.startswith("https://")) and \
        len(url.split("://", 1)[1].strip("/")) > 0 and not any(c.isspace() for c in url)


def registered_count(event: Event) -> int:
    if event.pk is None:
        return 0
    return event.registrations.filter(status=Registration.Status.REGISTERED).count()


def _validate(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    event.title = (event.title or "").strip()
    event.online_url = (event.online_url or "").strip()
    if not event.title:
        errors.setdefault("title", []).append(_("Give the event a title."))
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors.setdefault("ends_at", []).append(_("The end must be after the start."))
    if event.online_url and not _is_http(event.online_url):
        errors.setdefault("online_url", []).append(
            _("Only a web address starting with http:// or https:// can be the online link."))
    if event.library_id and event.library.network_id != event.network_id:
        errors.setdefault("library", []).append(_("Choose a library of this network."))
    if event.room_id:
        room = Room.objects.select_related("library").get(pk=event.room_id)
        if room.library.network_id != event.network_id:
            errors.setdefault("room", []).append(
                _("The room belongs to another library network."))
    if event.capacity is not None:
        taken = registered_count(event)
        if event.capacity < taken:
            errors.setdefault("capacity", []).append(
                _("%(n)s people are registered already; the capacity cannot be below that.")
                % {"n": taken})
    if errors:
        raise ValidationError(errors)
    event.full_clean(exclude=["network", "library", "room", "audience_category", "campaign",
                              "created_by", "online_url"], validate_constraints=False)


def event_create(*, network, by=None, **fields) -> Event:
    event = Event(network=network, created_by=by,
                  **{k: v for k, v in fields.items() if k in FIELDS})
    _validate(event)
    event.save()
    return event


def event_update(*, event: Event, **fields) -> Event:
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(name)
        setattr(event, name, value)
    _validate(event)
    try:
        with transaction.atomic():
            # seats_taken is the database's: never written back from this (maybe stale) object
            event.save(update_fields=list(fields))
            promoted = _promote_waiting(event) if event.status == Event.Status.PLANNED else []
    except IntegrityError:  # someone registered meanwhile: capacity below the seats taken
        raise ValidationError({"capacity": _(
            "More people are registered than this capacity allows.")}) from None
    for registration in promoted:
        _mail_promoted(registration)
    return event


def copy_initial(event: Event) -> dict:
    """A form's starting values from an event or a template: everything but the dates."""
    initial = {name: getattr(event, name) for name in COPIED}
    for name in ("library", "room", "audience_category", "campaign"):
        value = initial[name]
        initial[name] = value.pk if value is not None else None
    initial["is_template"] = False
    return initial


def _add_months(moment: datetime, months: int) -> datetime:
    local = timezone.localtime(moment)
    month0 = local.month - 1 + months
    year, month = local.year + month0 // 12, month0 % 12 + 1
    from calendar import monthrange

    day = min(local.day, monthrange(year, month)[1])
    naive = local.replace(tzinfo=None, year=year, month=month, day=day)
    return timezone.make_aware(naive)


def _shift(moment: datetime, step: str, n: int) -> datetime:
    if step == "month":
        return _add_months(moment, n)
    # weekly: the same local time of day, also across a daylight-saving change
    local = timezone.localtime(moment).replace(tzinfo=None) + timedelta(weeks=n)
    return timezone.make_aware(local)


def event_repeat(*, event: Event, count: int, step: str, by=None) -> list[Event]:
    """`count` copies of the event, a week or a month apart, in one series; all or none."""
    if step not in ("week", "month"):
        raise ValidationError({"step": _("Choose weekly or monthly.")})
    if not 1 <= count <= MAX_REPEATS:
        raise ValidationError({"count": _("Between 1 and %(n)s copies.") % {"n": MAX_REPEATS}})
    if event.is_template:
        raise ValidationError(_("A template is not repeated; create an event from it first."))
    copies = []
    with transaction.atomic():
        if not event.series:
            event.series = secrets.token_hex(8)
            event.save(update_fields=["series"])
        for n in range(1, count + 1):
            copy = Event(network=event.network, created_by=by, series=event.series,
                         starts_at=_shift(event.starts_at, step, n),
                         ends_at=_shift(event.ends_at, step, n),
                         **{name: getattr(event, name) for name in COPIED})
            _validate(copy)
            copy.save()
            copies.append(copy)
    return copies


def event_cancel(*, event: Event, reason: str, base_url: str = "") -> int:
    """Cancel the event with a reason; everyone signed up who gave an e-mail hears of it.
    Returns the number of letters sent."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the event is cancelled.")})
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("The event is cancelled already."))
    if event.status == Event.Status.HELD:
        raise ValidationError(_("The event has been held; it cannot be cancelled."))
    event.status, event.cancel_reason = Event.Status.CANCELLED, reason[:300]
    event.save(update_fields=["status", "cancel_reason"])
    sent = 0
    people = event.registrations.exclude(status=Registration.Status.CANCELLED).exclude(email="")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Cancelled: %(title)s") % {"title": event.title}
        intro = _("We are sorry: the event is cancelled. Reason: %(reason)s") % {
            "reason": event.cancel_reason}
        for registration in people.select_related("event__library", "event__room"):
            sent += _mail_registration(registration, subject, intro, base_url)
    return sent


def event_mark_held(*, event: Event) -> Event:
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be marked as held."))
    if event.is_template:
        raise ValidationError(_("A template is not an event."))
    if event.starts_at > timezone.now():
        raise ValidationError(_("The event has not started yet."))
    event.status = Event.Status.HELD
    event.save(update_fields=["status"])
    return event


def set_walk_ins(*, event: Event, walk_ins: int) -> Event:
    if walk_ins is None or walk_ins < 0 or walk_ins > 100000:
        raise ValidationError({"walk_ins": _("A number from 0.")})
    event.walk_ins = walk_ins
    event.save(update_fields=["walk_ins"])
    return event


# --- registrations -----------------------------------------------------------

def person_key(*, patron=None, email: str = "", phone: str = "") -> str:
    """Who a registration is for: the patron, or the e-mail (lower case), or the phone digits."""
    if patron is not None:
        return f"patron-{patron.pk}"
    if email and email.strip():
        return email.strip().lower()
    return phone_key(phone)


def registration_refusal(event: Event) -> str | None:
    """Why nobody can register for the event now, or None."""
    if event.is_template:
        return _("This is a template, not an event.")
    if event.status == Event.Status.CANCELLED:
        return _("The event is cancelled.")
    if event.status == Event.Status.HELD or event.starts_at <= timezone.now():
        return _("The event has already taken place.")
    if not event.registration_open:
        return _("Registration for this event is closed.")
    return None


def _take_seat(event_id: int) -> bool:
    """Take one seat if one is free; the database decides (a conditional update, the
    check constraint behind it)."""
    try:
        with transaction.atomic():
            taken = Event.objects.filter(
                Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity")), pk=event_id,
            ).update(seats_taken=F("seats_taken") + 1)
    except IntegrityError:  # the check constraint: the last seat went meanwhile
        return False
    return taken == 1


def _free_seat(event_id: int) -> None:
    Event.objects.filter(pk=event_id, seats_taken__gt=0).update(
        seats_taken=F("seats_taken") - 1)


def _same_person_error() -> ValidationError:
    return ValidationError({"__all__": _(
        "This person is already registered for this event (or on its waiting list).")})


def register(*, event: Event, name: str = "", phone: str = "", email: str = "", patron=None,
             consent: bool = False, by=None, base_url: str = "") -> Registration:
    """Sign a person up: registered while a seat is free, else on the waiting list."""
    refusal = registration_refusal(event)
    if refusal:
        raise ValidationError(refusal)
    if patron is not None:
        name = name or " ".join(p for p in (patron.surname, patron.given_name,
                                            patron.patronymic) if p)
        phone = phone or patron.phone
        email = email or patron.email
    name, phone, email = (name or "").strip(), (phone or "").strip(), (email or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Give the name.")
    if patron is None and not (phone or email):
        errors["phone"] = _("Give a phone number or an e-mail address (at least one).")
    if phone and patron is None and len(phone_key(phone)) < 5:
        errors["phone"] = _("This does not look like a phone number.")
    if patron is None and by is None and not consent:
        errors["consent"] = _("Without your consent we cannot keep your registration.")
    if patron is not None and withdrew_consent(Consent.Purpose.EVENTS).filter(
            pk=patron.pk).exists():
        if consent:  # given again, now: recorded as a consent of its own
            consent_give(patron=patron, purpose=Consent.Purpose.EVENTS, recorded_by=by)
        else:
            errors["consent"] = _("The patron has withdrawn consent to registration for "
                                  "events: record their consent again first.")
    if errors:
        raise ValidationError(errors)
    key = person_key(patron=patron, email=email, phone=phone)
    registration = Registration(
        event=event, patron=patron, name=name[:200], phone=phone[:32], email=email[:254],
        person_key=key[:120], created_by=by,
        consent_at=timezone.now() if consent or patron is not None else None)
    registration.full_clean(exclude=["event", "patron", "created_by", "person_key"],
                            validate_constraints=False)
    if Registration.objects.filter(event=event, person_key=registration.person_key) \
            .exclude(status=Registration.Status.CANCELLED).exists():
        raise _same_person_error()
    try:
        with transaction.atomic():
            registration.status = (Registration.Status.REGISTERED if _take_seat(event.pk)
                                   else Registration.Status.WAITLISTED)
            registration.save()
    except IntegrityError:
        # the same person at the same moment from another window: their row won
        if Registration.objects.filter(event=event, person_key=registration.person_key) \
                .exclude(status=Registration.Status.CANCELLED).exists():
            raise _same_person_error() from None
        raise
    with translation.override(settings.LANGUAGE_CODE):
        if registration.status == Registration.Status.REGISTERED:
            subject = _("You are registered: %(title)s") % {"title": event.title}
            intro = _("You are registered for the event.")
        else:
            subject = _("Waiting list: %(title)s") % {"title": event.title}
            intro = _("All seats are taken; you are on the waiting list. We will write "
                      "to you if a seat becomes free.")
        _mail_registration(registration, subject, intro, base_url)
    return registration


def _lock(qs):
    # PostgreSQL locks the rows; SQLite's IMMEDIATE transaction holds the write lock already
    return qs.select_for_update() if connection.vendor == "postgresql" else qs


def _promote_waiting(event: Event) -> list[Registration]:
    """Move people from the waiting list onto free seats, first come first. Call inside
    a transaction."""
    promoted = []
    while True:
        first = _lock(Registration.objects.filter(
            event_id=event.pk, status=Registration.Status.WAITLISTED)
            .order_by("created_at", "pk")).first()
        if first is None or not _take_seat(event.pk):
            return promoted
        first.status = Registration.Status.REGISTERED
        first.save(update_fields=["status"])
        promoted.append(first)


def _mail_promoted(registration: Registration, base_url: str = "") -> bool:
    with translation.override(settings.LANGUAGE_CODE):
        return _mail_registration(
            registration, _("A seat for you: %(title)s") % {"title": registration.event.title},
            _("A seat became free and you are now registered for the event."), base_url)


def registration_cancel(*, registration: Registration, base_url: str = "") -> Registration | None:
    """Cancel a registration; its seat goes to the first person waiting, who is told.
    Returns the promoted registration, if any."""
    with transaction.atomic():
        current = _lock(Registration.objects.filter(pk=registration.pk)).get()
        if current.status == Registration.Status.CANCELLED:
            raise ValidationError(_("This registration is cancelled already."))
        event = Event.objects.get(pk=current.event_id)
        if event.status == Event.Status.HELD or event.is_template:
            raise ValidationError(_("The event has already taken place."))
        had_seat = current.status == Registration.Status.REGISTERED
        current.status, current.cancelled_at = Registration.Status.CANCELLED, timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        promoted = []
        if had_seat:
            _free_seat(event.pk)
            if event.status == Event.Status.PLANNED:
                promoted = _promote_waiting(event)
    registration.status, registration.cancelled_at = current.status, current.cancelled_at
    for person in promoted:
        _mail_promoted(person, base_url)
    return promoted[0] if promoted else None


def mark_attended(*, registration: Registration, attended: bool) -> Registration:
    if registration.status == Registration.Status.CANCELLED and attended:
        raise ValidationError(_("This registration was cancelled."))
    registration.attended = attended
    registration.save(update_fields=["attended"])
    return registration


# --- feedback ----------------------------------------------------------------

def feedback_open(event: Event) -> bool:
    return (not event.is_template and event.status != Event.Status.CANCELLED
            and event.ends_at <= timezone.now())


def feedback_submit(*, event: Event, rating: int, learned: bool = False, comment: str = "",
                    registration: Registration | None = None) -> Feedback:
    if not feedback_open(event):
        raise ValidationError(_("Feedback opens when the event is over."))
    if registration is not None and registration.event_id != event.pk:
        registration = None
    if registration is not None and Feedback.objects.filter(registration=registration).exists():
        raise ValidationError(_("Thank you, we already have your feedback."))
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("Choose from 1 to 5.")})
    try:
        with transaction.atomic():
            return Feedback.objects.create(event=event, registration=registration,
                                           rating=rating, learned=bool(learned),
                                           comment=(comment or "").strip()[:2000])
    except IntegrityError:
        raise ValidationError(_("Thank you, we already have your feedback.")) from None
