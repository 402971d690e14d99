"""The reminder the day before: everyone registered for tomorrow's events who gave an
e-mail hears once (reminded_at). Those without one are on the printable list to call."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from civicdesk.patrons.models import Consent
from civicdesk.patrons.selectors import withdrew_consent

from . import actions
from .models import Event, Registration


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min),
                               timezone.get_default_timezone())


def send_reminders(today: date | None = None) -> dict:
    """E-mail tomorrow's registrants (not yet reminded). Returns what was done."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    registrations = (Registration.objects.filter(
        status=Registration.Status.REGISTERED, reminded_at__isnull=True,
        event__status=Event.Status.PLANNED, event__is_template=False,
        event__starts_at__gte=_day_start(tomorrow),
        event__starts_at__lt=_day_start(tomorrow + timedelta(days=1)))
        .exclude(email="")
        .exclude(patron__in=withdrew_consent(Consent.Purpose.EVENTS))
        .select_related("event__library", "event__room"))
    result = {"emails": 0, "failed": 0}
    if not actions.mail_configured():
        return result
    for registration in registrations:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Tomorrow: %(title)s") % {"title": registration.event.title}
            intro = _("A reminder: we are waiting for you tomorrow.")
        if actions._mail_registration(registration, subject, intro):
            Registration.objects.filter(pk=registration.pk).update(reminded_at=timezone.now())
            result["emails"] += 1
        else:
            result["failed"] += 1
    return result


@db_periodic_task(crontab(hour=settings.EVENTS_REMINDER_HOUR, minute="0"))
def events_daily_reminders():
    """Every day at EVENTS_REMINDER_HOUR: reminders for tomorrow's events."""
    return send_reminders()
