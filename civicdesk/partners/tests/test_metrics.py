"""Partners' and publicity's metrics against a fixture counted by hand (October 2025)."""

from datetime import date

import pytest

from civicdesk.core import metrics
from civicdesk.events.models import Event
from civicdesk.org.models import Library
from civicdesk.partners.models import Agreement, Interaction, News, Partner, Publication

from .conftest import aware

pytestmark = pytest.mark.django_db

START, END = date(2025, 10, 1), date(2025, 11, 1)


@pytest.fixture
def fixture(world, make_event, network, foreign_network):
    def partner(name, net=network):
        return Partner.objects.create(network=net, name=name, kind=Partner.Kind.OTHER)

    def talk(p, day):
        Interaction.objects.create(partner=p, happened_on=day, kind="meeting", summary="з")

    # active partners: p1, p3, p5 (3); the foreign one is the foreign network's
    p1 = partner("p1")
    talk(p1, date(2025, 10, 5))
    p2 = partner("p2")
    talk(p2, date(2025, 9, 30))  # the day before
    p3 = partner("p3")
    p3.events.add(make_event(starts=aware(2025, 10, 31, 23, 30)))  # still October, locally
    p4 = partner("p4")
    p4.events.add(make_event(starts=aware(2025, 10, 15), status=Event.Status.CANCELLED))
    talk(p4, date(2025, 11, 1))  # the day after
    p5 = partner("p5")
    talk(p5, date(2025, 10, 10))
    p5.events.add(make_event(starts=aware(2025, 10, 20)))  # counted once
    p6 = partner("p6")
    p6.events.add(make_event(starts=aware(2025, 11, 1, 0, 0)))  # November
    pf = partner("pf", foreign_network)
    talk(pf, date(2025, 10, 5))

    # publications: 2
    for day in (date(2025, 10, 1), date(2025, 10, 31), date(2025, 11, 1), date(2025, 9, 30)):
        Publication.objects.create(network=network, published_on=day, kind="article",
                                   title="т", outlet_name="газета")
    Publication.objects.create(network=foreign_network, published_on=date(2025, 10, 10),
                               kind="article", title="т", outlet_name="газета")

    # agreements in force on 31.10.2025: a1, a2, a5 (3)
    def agree(p, signed, until=None):
        Agreement.objects.create(partner=p, title="у", signed_on=signed, valid_until=until)
    agree(p1, date(2025, 1, 1))  # a1: no end
    agree(p2, date(2024, 1, 1), date(2025, 10, 31))  # a2: ends on the last day
    agree(p3, date(2024, 1, 1), date(2025, 10, 30))  # a3: ended the day before
    agree(p4, date(2025, 11, 1))  # a4: signed after
    agree(p5, date(2025, 10, 31), date(2026, 12, 31))  # a5: signed on the last day
    agree(pf, date(2025, 1, 1))  # another network

    # news published: 2
    for when, published in ((aware(2025, 10, 1, 0, 0), True), (aware(2025, 10, 31, 23, 59), True),
                            (aware(2025, 11, 1, 0, 0), True), (aware(2025, 10, 15), False),
                            (aware(2025, 9, 30, 23, 59), True)):
        News.objects.create(network=network, title="н", body="т", published_at=when,
                            is_published=published)
    News.objects.create(network=foreign_network, title="н", body="т",
                        published_at=aware(2025, 10, 15))
    return world


@pytest.mark.parametrize("key,ours,foreign", [
    ("active_partners", 3, 1),
    ("publications", 2, 1),
    ("agreements_in_force", 3, 1),
    ("news_published", 2, 1),
])
def test_metrics_counted_by_hand(fixture, network, foreign_network, key, ours, foreign):
    assert metrics.compute(key, Library.objects.filter(network=network), START, END) == ours
    # a branch's figures are its network's (partners belong to the network)
    assert metrics.compute(key, Library.objects.filter(pk=fixture.branch.pk), START,
                           END) == ours
    assert metrics.compute(key, Library.objects.filter(network=foreign_network), START,
                           END) == foreign
    assert metrics.compute(key, Library.objects.none(), START, END) == 0


def test_metrics_are_registered_with_labels():
    keys = [m.key for m in metrics.all_metrics()]
    for key in ("active_partners", "publications", "agreements_in_force", "news_published"):
        assert key in keys
        assert str(metrics.get(key).label)
