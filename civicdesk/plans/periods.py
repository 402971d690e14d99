"""Plan and report periods: a year, a quarter or a month, as [start, end) of dates."""

from datetime import date, timedelta

from django.db import models
from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from civicdesk.journal.statistics import period_bounds, previous_period_start


class PeriodKind(models.TextChoices):
    YEAR = "year", gettext_lazy("year")
    QUARTER = "quarter", gettext_lazy("quarter")
    MONTH = "month", gettext_lazy("month")


def bounds(kind: str, day: date) -> tuple[date, date]:
    """[start, end) of the year, quarter or month holding `day`."""
    return period_bounds(kind, day)


def previous(kind: str, start: date) -> tuple[date, date]:
    end = bounds(kind, start)[1]
    prev = previous_period_start(start, end)
    return prev, start


def same_last_year(kind: str, start: date) -> tuple[date, date]:
    first = start.replace(year=start.year - 1)
    return bounds(kind, first)


def months(start: date, end: date) -> list[tuple[date, date]]:
    out = []
    day = start
    while day < end:
        nxt = (day + timedelta(days=32)).replace(day=1)
        out.append((day, nxt))
        day = nxt
    return out


ROMAN = ["I", "II", "III", "IV"]


def label(kind: str, start: date) -> str:
    """"2026", "I quarter 2026", "January 2026" in the current language."""
    if kind == PeriodKind.YEAR:
        return _("%(year)s year") % {"year": start.year}
    if kind == PeriodKind.QUARTER:
        return _("%(q)s quarter %(year)s") % {"q": ROMAN[(start.month - 1) // 3],
                                              "year": start.year}
    text = formats.date_format(start, "F Y")
    return text.lower() if get_language().startswith("uk") else text  # "січень 2026"


def elapsed_share(start: date, end: date, today: date) -> float:
    """The part of [start, end) that has passed by the end of `today` (0…1)."""
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / (end - start).days
