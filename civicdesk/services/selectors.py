from django.db.models import Prefetch, QuerySet

from civicdesk.org.models import Network

from .models import Service, ServiceGroup


def services_for(network: Network, *, include_archived: bool = False) -> QuerySet[Service]:
    qs = Service.objects.filter(network=network).select_related("group")
    if not include_archived:
        qs = qs.filter(is_archived=False)
    return qs.order_by("group__position", "position", "name")


def service_groups_with_services(network: Network, *, include_archived: bool = False):
    """Groups in regulation order, each with `.listed` services."""
    return ServiceGroup.objects.filter(network=network).order_by("position").prefetch_related(
        Prefetch("services", queryset=services_for(network, include_archived=include_archived),
                 to_attr="listed")
    )
