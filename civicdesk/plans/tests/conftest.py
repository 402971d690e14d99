"""A network with journal entries counted by hand (January 2025, December 2024,
January 2024), made with the journal's own actions."""

from datetime import date, datetime

from django.utils import timezone

import pytest

from civicdesk.journal import actions as journal
from civicdesk.patrons import actions as patron_actions
from civicdesk.patrons.models import Patron
from civicdesk.services.catalog import catalog_seed
from civicdesk.services.models import Service


def at(day: date, hour: int = 10):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 15))


@pytest.fixture
def data(world, settings):
    """January 2025: the central library 2 entries (Olena twice), the branch 1 (Ivan):
    3 services, 2 distinct patrons. December 2024: 1 entry. January 2024: 2 entries.
    The other network: 5 entries in January 2025 that must never count."""
    settings.JOURNAL_BACKDATE_DAYS = 36500
    for lib in (world.central, world.branch, world.foreign_central):
        lib.has_center = True
        lib.save()
    catalog_seed(world.central.network)
    catalog_seed(world.foreign_central.network)
    service = Service.objects.filter(network=world.central.network).order_by("code").first()
    foreign_service = Service.objects.filter(network=world.foreign_central.network).first()
    ivan = patron_actions.patron_register(library=world.branch, card_number="K001",
                                          surname="Петренко", given_name="Іван",
                                          birth_year=1951, consent_service=True)
    olena = patron_actions.patron_register(library=world.central, card_number="S001",
                                           surname="Шевчук", given_name="Олена",
                                           birth_year=1985, consent_service=True)
    Patron.objects.filter(pk__in=[ivan.pk, olena.pk]).update(registered_on=date(2023, 5, 1))
    cons, libr = world.users["consultant"], world.users["branch_librarian"]

    def make(library, staff, patron, day, svc=service):
        return journal.entry_create(library=library, staff=staff, patron=patron,
                                    services=[svc], duration_minutes=15,
                                    served_at=at(day))[0]

    make(world.central, cons, olena, date(2025, 1, 8))
    make(world.central, cons, olena, date(2025, 1, 20))
    make(world.branch, libr, ivan, date(2025, 1, 15))
    make(world.central, cons, olena, date(2024, 12, 10))
    make(world.central, cons, olena, date(2024, 1, 10))
    make(world.branch, libr, ivan, date(2024, 1, 11))
    fd = world.users["foreign_director"]
    stranger = patron_actions.patron_register(library=world.foreign_central, card_number="D001",
                                              surname="Чужий", given_name="Петро",
                                              birth_year=1970, consent_service=True)
    for d in range(1, 6):
        make(world.foreign_central, fd, stranger, date(2025, 1, d), foreign_service)
    return world, {"service": service, "ivan": ivan, "olena": olena, "make": make}
