from django.core.cache import cache
from django.db import transaction
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


# The services in use change seldom and are read on every desk entry saved: kept in
# the cache, forgotten whenever a service or a group is saved or deleted (apps.py).
IN_USE_SECONDS = 300


def _in_use_key(network_id) -> str:
    return f"services:in_use:{network_id}"


def services_in_use(network: Network) -> list[Service]:
    """The network's services not archived, with their groups, in the catalog's order."""
    key = _in_use_key(network.pk)
    found = cache.get(key)
    if found is None:
        found = list(services_for(network))
        cache.set(key, found, IN_USE_SECONDS)
    return found


def forget_services_in_use(network_id) -> None:
    """Now, and again once the change is committed (a read in between may have cached
    the list as it was)."""
    key = _in_use_key(network_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
