"""The metrics registry: every number the center reports, published by the app that owns it.

Apps register metrics in AppConfig.ready(); statistics pages, plans and reports
read them from here, never the apps' tables (STYLE.md).
A metric computes one number for a set of libraries and a half-open period
[start, end) of local dates.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone


@dataclass(frozen=True)
class Metric:
    key: str
    label: str  # a lazy translation
    compute: Callable[[QuerySet, date, date], int]
    order: int = 100  # where it stands in tables: lower first


_metrics: dict[str, Metric] = {}


def register(metric: Metric) -> None:
    _metrics[metric.key] = metric


def get(key: str) -> Metric:
    return _metrics[key]


def all_metrics() -> list[Metric]:
    return sorted(_metrics.values(), key=lambda m: (m.order, m.key))


def compute(key: str, libraries: QuerySet, start: date, end: date) -> int:
    return _metrics[key].compute(libraries, start, end)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period [start, end) of local dates as aware datetimes in the center's time
    zone (TIME_ZONE), for metrics that count rows by a timestamp."""
    tz = timezone.get_default_timezone()
    return (timezone.make_aware(datetime.combine(start, time.min), tz),
            timezone.make_aware(datetime.combine(end, time.min), tz))
