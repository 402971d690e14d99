from datetime import datetime, timedelta

from django.utils import timezone

import pytest

from civicdesk.events.models import Event
from civicdesk.partners.models import Partner


@pytest.fixture
def network(world):
    return world.central.network


@pytest.fixture
def foreign_network(world):
    return world.foreign_central.network


@pytest.fixture
def make_event(world):
    def make(library=None, title="Круглий стіл", starts=None, **extra):
        library = library or world.central
        starts = starts or timezone.now() - timedelta(days=3)
        return Event.objects.create(network=library.network, library=library,
                                    kind=Event.Kind.ROUND_TABLE, title=title,
                                    starts_at=starts, ends_at=starts + timedelta(hours=2),
                                    **extra)
    return make


@pytest.fixture
def partner(network):
    return Partner.objects.create(network=network, name="Сарненська міська рада",
                                  kind=Partner.Kind.SELF_GOVERNMENT,
                                  contact_person="Петрук Г. І.", phone="+380 3655 31245")


def aware(y, m, d, hh=10, mm=0):
    return timezone.make_aware(datetime(y, m, d, hh, mm))
