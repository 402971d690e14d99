"""Working days for the legal deadlines: weekends, Ukraine's public holidays, the
martial-law setting and manual overrides.

- Saturday and Sunday are days off.
- With MARTIAL_LAW on (the default while martial law lasts), public holidays are
  ordinary working days (Law 2136-IX, in force from 15.03.2022). The `holidays`
  package applies that law itself: its "public" category is what stays a day off (all
  holidays before 2022, a few early in 2022, none from 2023).
- With MARTIAL_LAW off, the days off are the public holidays as without martial law:
  the package's "public" and "workday" categories together, and a holiday falling on a
  Saturday or Sunday moves to the next working day (Labour Code art. 67; the package
  gives these transfers only for the years it already counts as "public", so the rest
  are added here the same way).
- A CalendarDay row (a date made working or a day off by hand) wins over everything.

The holidays of a year are computed once per process (lru_cache); the overrides are
read once per `Calendar` (one query), so a computation makes a Calendar and asks it.
"""

from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings

import holidays


@lru_cache(maxsize=256)
def holidays_off(year: int, martial_law: bool) -> frozenset[date]:
    """The public holidays of `year` that are days off (weekends apart)."""
    if martial_law:
        return frozenset(holidays.Ukraine(years=year, categories=("public",)))
    public = holidays.Ukraine(years=year, categories=("public",))
    workday = holidays.Ukraine(years=year, categories=("workday",))
    days = set(public) | set(workday)
    # The package already transferred its "public" holidays that fell on a weekend; a
    # "workday" one (a holiday martial law made a working day) on a Saturday or Sunday
    # gives the next working day off, as it would without martial law.
    for day in sorted(workday):
        if day.weekday() >= 5:
            nxt = day + timedelta(days=1)
            while nxt.weekday() >= 5 or nxt in days:
                nxt += timedelta(days=1)
            days.add(nxt)
    return frozenset(days)


def martial_law() -> bool:
    return bool(getattr(settings, "MARTIAL_LAW", True))


class Calendar:
    """Working days with the overrides read once (one query)."""

    def __init__(self, overrides: dict[date, bool] | None = None,
                 martial_law_on: bool | None = None):
        if overrides is None:
            from .models import CalendarDay

            overrides = dict(CalendarDay.objects.values_list("day", "is_working"))
        self.overrides = overrides
        self.martial_law = martial_law() if martial_law_on is None else martial_law_on

    def is_holiday(self, d: date) -> bool:
        """A public holiday that is a day off under the current setting."""
        return d in holidays_off(d.year, self.martial_law)

    def is_working_day(self, d: date) -> bool:
        if d in self.overrides:
            return self.overrides[d]
        return d.weekday() < 5 and not self.is_holiday(d)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after day d (d itself not counted); d for n = 0."""
        if n < 0:
            raise ValueError("n must not be negative")
        while n:
            d += timedelta(days=1)
            if self.is_working_day(d):
                n -= 1
        return d

    def next_working_day(self, d: date) -> date:
        """d when it is a working day, else the first working day after it."""
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]."""
        count, d = 0, start
        while d < end:
            d += timedelta(days=1)
            count += self.is_working_day(d)
        return count


def is_working_day(d: date) -> bool:
    return Calendar().is_working_day(d)


def add_working_days(d: date, n: int) -> date:
    return Calendar().add_working_days(d, n)


def next_working_day(d: date) -> date:
    return Calendar().next_working_day(d)
