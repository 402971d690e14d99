"""Events and courses of the center (§2.2, §3.1.4–§3.1.6): round tables, seminars,
webinars, video conferences with the authorities, training of branch staff, and courses
such as "Digital literacy for seniors" that end with a certificate.

Capacity is kept by the database: an event's `seats_taken` may never exceed its
`capacity` (a check constraint), and a person signs up for an event once (a unique
constraint on the person's key among registrations not cancelled).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.org.models import Library, Network
from civicdesk.patrons.models import Patron, SocialCategory


def _token() -> str:
    return secrets.token_urlsafe(24)


class Room(models.Model):
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="rooms",
                                verbose_name=_("library"))
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["library", "name"]
        constraints = [models.UniqueConstraint(fields=["library", "name"],
                                               name="events_room_once")]

    def __str__(self):
        return f"{self.library.name}: {self.name}"


class Campaign(models.Model):
    """An information campaign: events and publications around a topic (an e-petitions
    week, a digital-literacy month)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        verbose_name = _("information campaign")
        verbose_name_plural = _("information campaigns")
        ordering = ["-starts_on"]

    def __str__(self):
        return self.title


class Event(models.Model):
    class Kind(models.TextChoices):
        ROUND_TABLE = "round_table", _("round table")
        SEMINAR = "seminar", _("seminar")
        LECTURE = "lecture", _("lecture")
        WEBINAR = "webinar", _("webinar")
        VIDEO_CONFERENCE = "video_conference", _("video conference")
        TRAINING = "training", _("training session")
        OFFICIALS = "officials", _("meeting with officials")
        CAMPAIGN = "campaign", _("campaign activity")

    class Audience(models.TextChoices):
        CITIZENS = "citizens", _("citizens")
        BRANCH_STAFF = "branch_staff", _("branch library staff (§3.1.6)")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="events",
                                verbose_name=_("organising library"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    setup_minutes = models.PositiveSmallIntegerField(
        _("set-up, minutes"), default=0, help_text=_("Not shown to the public."))
    teardown_minutes = models.PositiveSmallIntegerField(
        _("tear-down, minutes"), default=0, help_text=_("Not shown to the public."))
    room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="events", verbose_name=_("room"))
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices,
                                default=Audience.CITIZENS)
    audience_category = models.ForeignKey(SocialCategory, on_delete=models.SET_NULL,
                                          null=True, blank=True, related_name="+",
                                          verbose_name=_("for a social category"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Empty: no limit."))
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    walk_ins = models.PositiveIntegerField(
        _("came without registering"), default=0)
    registration_open = models.BooleanField(_("registration open"), default=True)
    is_public = models.BooleanField(_("public"), default=True,
                                    help_text=_("Shown on the portal's calendar."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PLANNED)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="events", verbose_name=_("campaign"))
    # Repeating events share a series; a template is an event kept to copy from.
    series = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    is_template = models.BooleanField(_("template"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["network", "starts_at"]),
                   models.Index(fields=["library", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__isnull=True)
                                   | Q(seats_taken__lte=F("capacity")),
                                   name="events_event_within_capacity"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="events_event_ends_after_start"),
        ]

    def __str__(self):
        return self.title


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    patron = models.ForeignKey(Patron, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="event_registrations", verbose_name=_("patron"))
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # One person once per event: the patron, or the e-mail / phone digits they gave.
    person_key = models.CharField(max_length=120, editable=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.REGISTERED)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    attended = models.BooleanField(_("came"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["event", "person_key"], condition=~Q(status="cancelled"),
            name="events_registration_once")]

    def __str__(self):
        return f"{self.name} — {self.event}"


class Feedback(models.Model):
    """The short form after an event (no name asked)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    registration = models.OneToOneField(Registration, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("how useful was it (1–5)"))
    learned = models.BooleanField(_("I learned something I can use"), default=False)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5),
                                              name="events_feedback_rating_1_5")]

    def __str__(self):
        return f"{self.event}: {self.rating}"


class Course(models.Model):
    """A course of several sessions with a completion rule and a certificate."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="courses",
                                verbose_name=_("library"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    audience = models.CharField(_("audience"), max_length=20, choices=Event.Audience.choices,
                                default=Event.Audience.CITIZENS)
    completion_percent = models.PositiveSmallIntegerField(
        _("sessions to attend for the certificate, %"), default=80)
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(
            condition=Q(completion_percent__gte=1, completion_percent__lte=100),
            name="events_course_completion_percent")]

    def __str__(self):
        return self.title


class CourseSession(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("room"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                              name="events_session_ends_after_start")]

    def __str__(self):
        return f"{self.course}: {self.starts_at:%d.%m.%Y}"


class Enrollment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    patron = models.ForeignKey(Patron, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="course_enrollments", verbose_name=_("patron"))
    name = models.CharField(_("name"), max_length=200)
    is_staff = models.BooleanField(_("a branch staff member"), default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The code printed on the certificate; the portal confirms it.
    certificate_code = models.CharField(max_length=20, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["course", "patron"],
                                               condition=Q(patron__isnull=False),
                                               name="events_enrollment_once")]

    def __str__(self):
        return f"{self.name} — {self.course}"


class SessionAttendance(models.Model):
    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE,
                                related_name="attendance")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE,
                                   related_name="attendance")
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "enrollment"],
                                               name="events_attendance_once")]

    def __str__(self):
        return f"{self.enrollment.name}: {self.session}"
