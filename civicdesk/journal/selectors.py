"""Reads on the journal."""

from datetime import datetime, time, timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone

from civicdesk.services.models import Service
from civicdesk.services.selectors import services_in_use

from .models import EntryService, JournalEntry


def desk_services(network) -> list[Service]:
    """The network's services in use, in the catalog's order (cached)."""
    return services_in_use(network)


def most_used_first(services: list[Service], *, staff) -> list[Service]:
    """The services with the staff member's most used of the last 90 days first (for the
    page only: a saved entry does not need the order)."""
    since = timezone.now() - timedelta(days=90)
    # Only the staff member's own last entries: a few hundred rows, not the journal.
    recent = list(JournalEntry.objects.filter(staff=staff, served_at__gte=since,
                                              cancelled_at__isnull=True)
                  .order_by("-served_at").values_list("pk", flat=True)[:500])
    used = dict(EntryService.objects.filter(entry_id__in=recent)
                .values_list("service").annotate(n=Count("id")).order_by())
    return sorted(services, key=lambda s: -used.get(s.pk, 0))


def entries_of_day(entries: QuerySet[JournalEntry], day) -> QuerySet[JournalEntry]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)
    return entries.filter(served_at__gte=start, served_at__lt=end).prefetch_related(
        "services").order_by("-served_at")


def unmet_needs(entries: QuerySet[JournalEntry], status: str | None) -> QuerySet[JournalEntry]:
    qs = entries.exclude(unmet_need="").filter(cancelled_at__isnull=True)
    if status:
        qs = qs.filter(need_status=status)
    return qs.order_by("-served_at")
