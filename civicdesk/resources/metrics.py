"""The catalog's numbers in the metrics registry (for plans and reports)."""


from django.utils.translation import gettext_lazy as _

from civicdesk.core import metrics
from civicdesk.core.metrics import period_bounds as _bounds

from .models import EntryResource, LinkCheck, Resource


def _networks(libraries):
    return libraries.values("network_id")


def resources_added(libraries, start, end) -> int:
    since, until = _bounds(start, end)
    return Resource.objects.filter(network_id__in=_networks(libraries), created_at__gte=since,
                                   created_at__lt=until).count()


def links_checked(libraries, start, end) -> int:
    since, until = _bounds(start, end)
    return LinkCheck.objects.filter(resource__network_id__in=_networks(libraries),
                                    checked_at__gte=since, checked_at__lt=until).count()


def resources_used_at_desk(libraries, start, end) -> int:
    since, until = _bounds(start, end)
    return EntryResource.objects.filter(
        entry__library__in=libraries, entry__cancelled_at__isnull=True,
        entry__served_at__gte=since, entry__served_at__lt=until).count()


def register_metrics() -> None:
    metrics.register(metrics.Metric("resources_added", _("e-resources added to the catalog"),
                                    resources_added, order=60))
    metrics.register(metrics.Metric("resources_used", _("e-resources used at the desk"),
                                    resources_used_at_desk, order=61))
    metrics.register(metrics.Metric("links_checked", _("links checked"), links_checked,
                                    order=62))
