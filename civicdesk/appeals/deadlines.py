"""Legal deadlines: which rule applies to an appeal and when the answer is due.

The rules are data (DeadlineRule rows, seeded here from the laws and editable by the
administrator); this module only picks a rule by the appeal's kind and status and
counts its amount on the working-day calendar (calendar.py):

- hours: the start time plus that many hours (elapsed time, whatever the clock does);
- working days: the n-th working day after the start day, due at its end (23:59:59);
- calendar days: the start day plus n days; a last day that is a day off moves to the
  next working day;
- months: the same day number n months later (the month's last day when it has no such
  day), moved to the next working day when it is a day off.

`due_for(appeal)` returns the due time with a sentence saying how it was counted;
`refresh_due(appeal)` stores both on the appeal (submit, extend, forward).
"""

import calendar as pycalendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .calendar import Calendar
from .models import Appeal, Authority, DeadlineRule

Unit = DeadlineRule.Unit
Start = DeadlineRule.Start

_INFO = "Закону України «Про доступ до публічної інформації»"
_APPEALS = "Закону України «Про звернення громадян»"

# code, title, amount, unit, counted from, legal basis
RULES = [
    ("info_request", "Запит на публічну інформацію", 5, Unit.WORKING_DAYS, Start.RECEIVED,
     f"ч. 1 ст. 20 {_INFO}"),
    ("info_request_urgent", "Запит на публічну інформацію, терміновий (життя чи свобода "
     "особи, довкілля, якість продуктів, аварії, катастрофи, надзвичайні ситуації)",
     48, Unit.HOURS, Start.SUBMITTED, f"ч. 2 ст. 20 {_INFO}"),
    ("info_request_extended", "Запит на публічну інформацію, строк продовжено", 20,
     Unit.WORKING_DAYS, Start.RECEIVED, f"ч. 4 ст. 20 {_INFO}"),
    ("appeal", "Звернення: пропозиція, заява, скарга", 1, Unit.MONTHS, Start.RECEIVED,
     f"ст. 20 {_APPEALS}"),
    ("appeal_short", "Звернення, що не потребує додаткового вивчення", 15,
     Unit.CALENDAR_DAYS, Start.RECEIVED, f"ст. 20 {_APPEALS}"),
    ("appeal_extended", "Звернення, строк продовжено (загалом не більше 45 днів)", 45,
     Unit.CALENDAR_DAYS, Start.RECEIVED, f"ст. 20 {_APPEALS}"),
    ("petition_national_collect", "Електронна петиція до органу державної влади: "
     "збір 25 000 підписів", 3, Unit.MONTHS, Start.SUBMITTED, f"ст. 23-1 {_APPEALS}"),
    ("petition_national", "Електронна петиція до органу державної влади: розгляд", 10,
     Unit.WORKING_DAYS, Start.COLLECTED, f"ст. 23-1 {_APPEALS}"),
    ("petition_local_collect", "Місцева електронна петиція: збір підписів (коли статут "
     "громади не встановив строку)", 90, Unit.CALENDAR_DAYS, Start.SUBMITTED,
     f"ст. 23-1 {_APPEALS}; статут територіальної громади"),
    ("petition_local", "Місцева електронна петиція: розгляд", 10, Unit.WORKING_DAYS,
     Start.COLLECTED, f"ст. 23-1 {_APPEALS}"),
    ("deputy", "Звернення депутата місцевої ради", 10, Unit.CALENDAR_DAYS, Start.RECEIVED,
     "ст. 13 Закону України «Про статус депутатів місцевих рад»"),
]
_SEED = {code: dict(title=title, amount=amount, unit=unit, starts=starts, basis=basis)
         for code, title, amount, unit, starts, basis in RULES}


@transaction.atomic
def rules_seed() -> str:
    """Create the rules that are missing; rules that exist stay as the administrator set
    them (idempotent; registered as reference data "appeals_rules")."""
    created = 0
    for code, fields in _SEED.items():
        created += DeadlineRule.objects.get_or_create(code=code, defaults=fields)[1]
    return f"{created} deadline rules created"


def check_rule(rule: DeadlineRule) -> None:
    """Refuse a rule an answer could never be counted from (for admin and forms)."""
    if rule.amount is None or rule.amount <= 0:
        raise ValidationError({"amount": _(
            "The amount must be a whole number greater than zero.")})


@dataclass(frozen=True)
class Due:
    at: datetime
    explanation: str
    rule: DeadlineRule


def rule_code(appeal: Appeal, *, short: bool = False) -> str:
    """Which rule applies: by kind, then urgency, extension and the option `short` (an
    appeal needing no extra study, 15 days). A forwarded appeal keeps its kind's rule,
    counted from the forwarding."""
    extended = appeal.status == Appeal.Status.EXTENDED
    if appeal.kind == Appeal.Kind.INFO_REQUEST:
        if extended:
            return "info_request_extended"
        return "info_request_urgent" if appeal.urgent else "info_request"
    if appeal.kind == Appeal.Kind.PETITION:
        scope = ("national" if appeal.authority.level == Authority.Level.NATIONAL
                 else "local")
        return f"petition_{scope}" if appeal.signatures_collected_on else \
            f"petition_{scope}_collect"
    if appeal.kind == Appeal.Kind.DEPUTY:
        return "deputy"
    # Proposals, statements, complaints and complaints about an unanswered request.
    if extended:
        return "appeal_extended"
    return "appeal_short" if short else "appeal"


def get_rule(code: str) -> DeadlineRule:
    """The rule row; a seeded rule someone deleted is created again from the law."""
    rule = DeadlineRule.objects.filter(code=code).first()
    if rule is None:
        rule = DeadlineRule.objects.get_or_create(code=code, defaults=_SEED[code])[0]
    return rule


def _tz():
    return timezone.get_default_timezone()


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment, _tz()).date()


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)), _tz())


def add_months(day: date, n: int) -> tuple[date, bool]:
    """The same day number n months later, clamped to that month's last day; and
    whether it was clamped."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    last = pycalendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last)), day.day > last


def _fmt(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def _amount_text(amount: int, unit: str) -> str:
    if unit == Unit.HOURS:
        return ngettext("%(n)d hour", "%(n)d hours", amount) % {"n": amount}
    if unit == Unit.WORKING_DAYS:
        return ngettext("%(n)d working day", "%(n)d working days", amount) % {"n": amount}
    if unit == Unit.CALENDAR_DAYS:
        return ngettext("%(n)d calendar day", "%(n)d calendar days", amount) % {"n": amount}
    return ngettext("%(n)d month", "%(n)d months", amount) % {"n": amount}


def _start(appeal: Appeal, rule: DeadlineRule) -> tuple[str, date | None, datetime | None]:
    """(event, start day, start moment): what the count starts from. The moment is the
    submission time when the rule counts from it, else the start day's midnight."""
    if appeal.status == Appeal.Status.FORWARDED and appeal.forwarded_on:
        return "forwarded", appeal.forwarded_on, None
    submitted = appeal.submitted_at
    if rule.starts == Start.SUBMITTED:
        if submitted:
            return "submitted", _local_date(submitted), submitted
        return "submitted", None, None
    if rule.starts == Start.COLLECTED:
        return "collected", appeal.signatures_collected_on, None
    if rule.starts == Start.FORWARDED and appeal.forwarded_on:
        return "forwarded", appeal.forwarded_on, None
    # Received by the body; the submission date while the receipt is not known.
    if appeal.received_on:
        return "received", appeal.received_on, None
    if submitted:
        return "submitted", _local_date(submitted), None
    return "received", None, None


def _from_text(event: str, when: str) -> str:
    if event == "received":
        return _("from receipt on %(date)s") % {"date": when}
    if event == "forwarded":
        return _("from forwarding on %(date)s") % {"date": when}
    if event == "collected":
        return _("from the day the signatures were collected, %(date)s") % {"date": when}
    return _("from submission on %(date)s") % {"date": when}


def due_for(appeal: Appeal, *, short: bool = False, cal: Calendar | None = None) -> Due | None:
    """When the answer (or, for an e-petition still collecting, the collection) is due,
    and how that was counted; None while the start event is not known (a draft, a
    petition without its collection date)."""
    rule = get_rule(rule_code(appeal, short=short))
    event, start_day, start_moment = _start(appeal, rule)
    if start_day is None:
        return None
    cal = cal or Calendar()
    amount, unit = rule.amount, rule.unit
    notes = []
    with translation.override(settings.LANGUAGE_CODE):
        if rule.code == "petition_local_collect":
            if appeal.authority.petition_days:
                amount, unit = appeal.authority.petition_days, Unit.CALENDAR_DAYS
                notes.append(_("the collection period set by the community's statute"))
            else:
                notes.append(_("the body has no collection period from the statute on "
                               "record, so the usual one is used"))
        if unit == Unit.HOURS:
            begin = start_moment or timezone.make_aware(
                datetime.combine(start_day, time.min), _tz())
            # Elapsed hours, counted in UTC: a clock change does not shorten them.
            at = timezone.localtime(
                (begin.astimezone(UTC) + timedelta(hours=amount)), _tz())
            when = f"{timezone.localtime(begin, _tz()):%d.%m.%Y %H:%M}"
            due_text = f"{at:%d.%m.%Y %H:%M}"
        else:
            when = _fmt(start_day)
            if unit == Unit.WORKING_DAYS:
                last = cal.add_working_days(start_day, amount)
                notes.append(_("weekends and public holidays not counted"))
            else:
                if unit == Unit.CALENDAR_DAYS:
                    last = start_day + timedelta(days=amount)
                else:
                    last, clamped = add_months(start_day, amount)
                    if clamped:
                        notes.append(_("that month has no such day, so its last day is "
                                       "taken"))
                moved = cal.next_working_day(last)
                if moved != last:
                    notes.append(_("the last day, %(date)s, is a day off, so the deadline "
                                   "moves to the next working day") % {"date": _fmt(last)})
                last = moved
            if cal.martial_law:
                notes.append(_("martial law: public holidays are working days"))
            at = _end_of(last)
            due_text = _fmt(last)
        head = f"{_amount_text(amount, unit)} {_from_text(event, when)}"
        if rule.basis:
            head += f" ({rule.basis})"
        parts = [head, *notes, _("due by %(date)s") % {"date": due_text}]
        explanation = "; ".join(parts)
    max_length = Appeal._meta.get_field("due_explanation").max_length
    if len(explanation) > max_length:
        explanation = explanation[:max_length - 1] + "…"
    return Due(at=at, explanation=explanation, rule=rule)


def refresh_due(appeal: Appeal, *, short: bool = False, save: bool = False) -> Due | None:
    """Set appeal.due_at and due_explanation from the rules (cleared while nothing
    starts the count); with save=True also write those two fields."""
    due = due_for(appeal, short=short)
    appeal.due_at = due.at if due else None
    appeal.due_explanation = due.explanation if due else ""
    if save:
        appeal.save(update_fields=["due_at", "due_explanation"])
    return due
