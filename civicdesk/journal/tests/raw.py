"""The journal's figures counted the slow way, from the entries themselves: what the
running counts (tallies.py) must agree with."""

from collections import Counter
from datetime import date, datetime

from django.utils import timezone

from civicdesk.journal.models import JournalEntry


def at(day: date, hour: int, minute: int = 0):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def raw_counts(libraries, start: date, end: date) -> Counter:
    """The same figures, counted the slow way from the entries themselves."""
    c: Counter = Counter()
    since, until = at(start, 0), at(end, 0)
    for e in JournalEntry.objects.filter(library__in=libraries, served_at__gte=since,
                                         served_at__lt=until, cancelled_at__isnull=True):
        local = timezone.localtime(e.served_at)
        c["entries", ""] += 1
        c["minutes", ""] += e.duration_minutes
        c["unmet", ""] += bool(e.unmet_need)
        services = list(e.services.all())
        for s in services:
            c["service", str(s.pk)] += 1
        for g in {s.group_id for s in services}:
            c["group", str(g)] += 1
        c["channel", e.channel] += 1
        c["outcome", e.outcome] += 1
        c["staff", str(e.staff_id)] += 1
        c["hour", f"{local.hour:02d}"] += 1
        c["weekday", str(local.isoweekday())] += 1
        if e.patron_id:
            c["settlement", e.settlement] += 1
            for pk in filter(None, e.category_ids.split(",")):
                c["category", pk] += 1
        elif e.unidentified_category_id:
            c["category", str(e.unidentified_category_id)] += 1
    return +c


def raw_distinct(libraries, start, end) -> int:
    return len(set(JournalEntry.objects.filter(
        library__in=libraries, served_at__gte=at(start, 0), served_at__lt=at(end, 0),
        cancelled_at__isnull=True, patron__isnull=False).values_list("patron_id", flat=True)))
