"""The daily reminder: each consultant hears what falls due within 2 days and what is
overdue, and every overdue appeal gets a draft complaint about the missing answer."""

import logging
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import drafting
from .models import Appeal

log = logging.getLogger(__name__)

SOON_DAYS = 2

# What the chaser's subject calls the earlier letter (accusative case).
_KIND_ACCUSATIVE = {
    Appeal.Kind.INFO_REQUEST: "запит на публічну інформацію",
    Appeal.Kind.PROPOSAL: "пропозицію",
    Appeal.Kind.STATEMENT: "заяву",
    Appeal.Kind.COMPLAINT: "скаргу",
    Appeal.Kind.NO_ANSWER: "скаргу",
    Appeal.Kind.PETITION: "електронну петицію",
    Appeal.Kind.DEPUTY: "депутатське звернення",
}


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, timezone.get_default_timezone())


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min),
                               timezone.get_default_timezone())


def _needs_chaser(appeal: Appeal) -> bool:
    # A complaint about no answer is not chased with another one; a petition still
    # collecting signatures has nothing to answer yet.
    if appeal.kind == Appeal.Kind.NO_ANSWER:
        return False
    if appeal.kind == Appeal.Kind.PETITION and not appeal.signatures_collected_on:
        return False
    return not appeal.followups.filter(kind=Appeal.Kind.NO_ANSWER).exists()


def chaser_for(appeal: Appeal) -> Appeal:
    """A draft complaint about the missing answer to `appeal` (saved)."""
    kind = _KIND_ACCUSATIVE.get(appeal.kind, "звернення")
    subject = f"Скарга на ненадання відповіді на {kind} «{appeal.subject}»"
    if len(subject) > 300:
        subject = subject[:298] + "…»"
    submitted = _local(appeal.submitted_at).strftime("%d.%m.%Y") if appeal.submitted_at \
        else "—"
    number = (f", реєстраційний номер {appeal.registration_number}"
              if appeal.registration_number else "")
    due = _local(appeal.due_at).strftime("%d.%m.%Y") if appeal.due_at else "—"
    substance = (
        f"{submitted} до {appeal.authority.name} подано {kind} «{appeal.subject}»{number}. "
        f"Відповідь мала надійти не пізніше {due}, але її не отримано.")
    if appeal.substance:
        substance += f"\n\nЗміст звернення:\n{appeal.substance}"
    chaser = Appeal(
        network=appeal.network, library=appeal.library, patron=appeal.patron,
        authority=appeal.authority, kind=Appeal.Kind.NO_ANSWER, status=Appeal.Status.DRAFT,
        follows=appeal, created_by=appeal.created_by, subject=subject,
        substance=substance[:20000], requester_name=appeal.requester_name,
        requester_address=appeal.requester_address, residence=appeal.residence)
    # the letter from the network's template, as a consultant's draft would be
    chaser.letter = drafting.fill(drafting.template_for(appeal.network, chaser.kind), chaser)
    chaser.save()
    return chaser


def _line(appeal: Appeal) -> str:
    return _("- %(subject)s — %(authority)s, due %(date)s") % {
        "subject": appeal.subject, "authority": appeal.authority.name,
        "date": _local(appeal.due_at).strftime("%d.%m.%Y")}


def _message(user, soon: list[Appeal], overdue: list[Appeal], chasers: int) -> str:
    name = user.get_full_name() or user.get_username()
    lines = [_("Hello, %(name)s!") % {"name": name}, ""]
    if soon:
        lines += [_("Answers due within %(n)s days:") % {"n": SOON_DAYS},
                  *map(_line, soon), ""]
    if overdue:
        lines += [_("Answers overdue:"), *map(_line, overdue), ""]
    if chasers:
        lines += [_("Draft complaints about the missing answer were prepared: %(n)s.")
                  % {"n": chasers}, ""]
    lines.append(_("This letter was sent by civicdesk."))
    return "\n".join(lines)


def prepare_reminders(today: date | None = None, *, now: datetime | None = None) -> dict:
    """Remind each consultant (the appeal's author) once a day of their open appeals due
    within 2 days and those overdue, and draft a chaser for each overdue appeal that has
    none. `now` defaults to the current time, or to APPEALS_REMINDER_HOUR on `today`
    when only `today` is given. Appeals already reminded on `today` are skipped."""
    if today is None:
        now = now or timezone.now()
        today = _local(now).date()
    elif now is None:
        now = _day_start(today) + timedelta(hours=settings.APPEALS_REMINDER_HOUR)
    soon_until = _day_start(today + timedelta(days=SOON_DAYS + 1))
    appeals = (Appeal.objects.filter(status__in=Appeal.OPEN, due_at__isnull=False,
                                     due_at__lt=soon_until)
               .exclude(reminded_on=today)
               .select_related("authority", "network", "library", "patron")
               .order_by("due_at", "pk"))
    by_user: dict[int, list[Appeal]] = defaultdict(list)
    for appeal in appeals:
        by_user[appeal.created_by_id].append(appeal)
    users = get_user_model().objects.in_bulk(list(by_user))
    result = {"consultants": 0, "emails": 0, "due_soon": 0, "overdue": 0, "chasers": 0,
              "failed": 0}
    for user_id, items in by_user.items():
        user = users[user_id]
        overdue = [a for a in items if a.due_at < now]
        soon = [a for a in items if a.due_at >= now]
        with transaction.atomic():
            chasers = [chaser_for(a) for a in overdue if _needs_chaser(a)]
            Appeal.objects.filter(pk__in=[a.pk for a in items]).update(reminded_on=today)
        result["consultants"] += 1
        result["due_soon"] += len(soon)
        result["overdue"] += len(overdue)
        result["chasers"] += len(chasers)
        if not (user.email and user.is_active):
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Appeals: answers due soon and overdue")
            body = _message(user, soon, overdue, len(chasers))
        try:
            send_mail(subject, body, None, [user.email])
            result["emails"] += 1
        except Exception:  # noqa: BLE001 (one address failing must not stop the others)
            log.exception("appeals reminder to %s failed", user.email)
            result["failed"] += 1
    return result


@db_periodic_task(crontab(hour=settings.APPEALS_REMINDER_HOUR, minute="0"))
def appeals_daily_reminders():
    """Every morning (APPEALS_REMINDER_HOUR): reminders and chaser drafts."""
    return prepare_reminders()
