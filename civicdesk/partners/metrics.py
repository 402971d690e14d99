"""Partners' and publicity's numbers in the metrics registry (for plans and reports).

Partners, publications and news belong to a network, not to one library: a metric
counts the rows of the networks the given libraries belong to (as the resource catalog
does). The period is half-open [start, end) of local dates.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civicdesk.core import metrics
from civicdesk.core.metrics import period_bounds as _bounds
from civicdesk.events.models import Event

from .models import Agreement, News, Partner, Publication


def _networks(libraries):
    return libraries.values("network_id")


def active_partners(libraries, start, end) -> int:
    """Partners with an interaction dated in the period, or a joint event (not cancelled,
    not a template) starting in it; each partner once."""
    since, until = _bounds(start, end)
    return Partner.objects.filter(network_id__in=_networks(libraries)).filter(
        Q(interactions__happened_on__gte=start, interactions__happened_on__lt=end)
        | Q(events__starts_at__gte=since, events__starts_at__lt=until,
            events__is_template=False, events__status__in=[Event.Status.PLANNED,
                                                           Event.Status.HELD])
    ).distinct().count()


def publications(libraries, start, end) -> int:
    return Publication.objects.filter(network_id__in=_networks(libraries),
                                      published_on__gte=start, published_on__lt=end).count()


def agreements_in_force(libraries, start, end) -> int:
    """Agreements in force on the period's last day (end − 1): signed by then and not
    expired before it (no end date: in force)."""
    last = end - timedelta(days=1)
    return Agreement.objects.filter(
        partner__network_id__in=_networks(libraries), signed_on__lte=last).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=last)).count()


def news_published(libraries, start, end) -> int:
    """News items on the portal (published, not taken off) with their time in the period."""
    since, until = _bounds(start, end)
    return News.objects.filter(network_id__in=_networks(libraries), is_published=True,
                               published_at__gte=since, published_at__lt=until).count()


def register_metrics() -> None:
    metrics.register(metrics.Metric("active_partners", _("active partners"),
                                    active_partners, order=120))
    metrics.register(metrics.Metric("publications", _("publications in the media"),
                                    publications, order=121))
    metrics.register(metrics.Metric("agreements_in_force",
                                    _("partner agreements in force at the period's end"),
                                    agreements_in_force, order=122))
    metrics.register(metrics.Metric("news_published", _("news published on the portal"),
                                    news_published, order=123))
