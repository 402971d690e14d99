"""Reads for the partners app's pages, the portal and the feeds."""

from django.db.models import Count, Q
from django.utils import timezone

from civicdesk.events.models import Campaign, Event
from civicdesk.org.models import Network

from .models import News, Partner, Publication


def published_news(network: Network):
    """What the portal and the feeds show: published items whose time has come, newest
    first."""
    return News.objects.filter(network=network, is_published=True,
                               published_at__lte=timezone.now()).order_by("-published_at",
                                                                           "-pk")


def latest_news(networks, limit: int = 3):
    """The newest published items of these networks (the portal's home page)."""
    return (News.objects.filter(network__in=networks, is_published=True,
                                published_at__lte=timezone.now())
            .select_related("network").order_by("-published_at", "-pk")[:limit])


def network_events(network: Network):
    """The events of a network one may link to (templates left out), newest first."""
    return Event.objects.filter(network=network, is_template=False).order_by("-starts_at")


def partners(network: Network, *, kind: str = "", active: str = ""):
    qs = Partner.objects.filter(network=network).annotate(
        n_interactions=Count("interactions", distinct=True),
        n_events=Count("events", distinct=True))
    if kind:
        qs = qs.filter(kind=kind)
    if active == "1":
        qs = qs.filter(is_active=True)
    elif active == "0":
        qs = qs.filter(is_active=False)
    return qs.order_by("name")


def campaigns(network: Network):
    return Campaign.objects.filter(network=network).annotate(
        n_events=Count("events", filter=Q(events__is_template=False), distinct=True),
        n_publications=Count("publications", distinct=True)).order_by("-starts_on", "-pk")


def publications(network: Network, year: int | None = None):
    qs = (Publication.objects.filter(network=network)
          .select_related("outlet", "campaign").prefetch_related("events"))
    if year:
        qs = qs.filter(published_on__year=year)
    return qs.order_by("-published_on", "-pk")


def publication_years(network: Network) -> list[int]:
    return sorted({d.year for d in Publication.objects.filter(network=network)
                   .dates("published_on", "year")}, reverse=True)
