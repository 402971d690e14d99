"""Reads on the journal."""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from civicdesk.services.models import Service

from .models import JournalEntry


def desk_services(*, staff, network) -> list[Service]:
    """The network's services in use, the staff member's most used of the last 90 days first."""
    since = timezone.now() - timedelta(days=90)
    return list(
        Service.objects.filter(network=network, is_archived=False)
        .select_related("group")
        .annotate(used=Count("entry_services", filter=Q(
            entry_services__entry__staff=staff,
            entry_services__entry__served_at__gte=since,
            entry_services__entry__cancelled_at__isnull=True)))
        .order_by("-used", "group__position", "position", "name")
    )


def entries_of_day(entries: QuerySet[JournalEntry], day) -> QuerySet[JournalEntry]:
    return entries.filter(served_at__date=day).prefetch_related("services").order_by(
        "-served_at")


def unmet_needs(entries: QuerySet[JournalEntry], status: str | None) -> QuerySet[JournalEntry]:
    qs = entries.exclude(unmet_need="").filter(cancelled_at__isnull=True)
    if status:
        qs = qs.filter(need_status=status)
    return qs.order_by("-served_at")
