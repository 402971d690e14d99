import csv
import io
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from civicdesk.core import metrics
from civicdesk.journal import actions
from civicdesk.journal.statistics import journal_statistics, period_bounds
from civicdesk.org.models import Library
from civicdesk.patrons import actions as patron_actions
from civicdesk.patrons.categories import social_categories_seed
from civicdesk.patrons.models import Patron, SocialCategory
from civicdesk.services.catalog import catalog_seed
from civicdesk.services.models import Service


def at(day: date, hour: int):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 15))


@pytest.fixture
def journal(world, settings):
    settings.JOURNAL_BACKDATE_DAYS = 3650
    catalog_seed(world.central.network)
    social_categories_seed()
    pensioner = SocialCategory.objects.get(code="pensioner")
    idp = SocialCategory.objects.get(code="idp")
    s = {c: Service.objects.get(network=world.central.network, code=c)
         for c in ("3.1.2.1", "3.1.3.4", "3.1.7.1")}
    ivan = patron_actions.patron_register(library=world.branch, card_number="K001",
                                          surname="Петренко", given_name="Іван", birth_year=1951,
                                          settlement="Кричильськ", categories=[pensioner],
                                          consent_service=True)
    olena = patron_actions.patron_register(library=world.central, card_number="S001",
                                           surname="Шевчук", given_name="Олена",
                                           birth_year=1985, settlement="Сарни",
                                           categories=[idp], consent_service=True)
    today = timezone.localdate()
    day = today - timedelta(days=today.weekday() + 7)  # Monday of last week
    libr, cons = world.users["branch_librarian"], world.users["consultant"]
    make = actions.entry_create
    make(library=world.branch, staff=libr, patron=ivan, services=[s["3.1.2.1"], s["3.1.7.1"]],
         duration_minutes=10, served_at=at(day, 9))
    make(library=world.branch, staff=libr, patron=ivan, services=[s["3.1.3.4"]],
         duration_minutes=20, served_at=at(day, 14), channel="phone", outcome="not_resolved",
         unmet_need="Бланк заяви")
    make(library=world.central, staff=cons, patron=olena, services=[s["3.1.3.4"]],
         duration_minutes=30, served_at=at(day + timedelta(days=2), 9))
    make(library=world.central, staff=cons, patron=None, unidentified_reason="Дзвінок",
         unidentified_category=pensioner, services=[s["3.1.2.1"]], duration_minutes=5,
         served_at=at(day + timedelta(days=2), 10), channel="phone")
    cancelled, _ = make(library=world.central, staff=cons, patron=olena,
                        services=[s["3.1.2.1"]], duration_minutes=5,
                        served_at=at(day + timedelta(days=3), 11))
    actions.entry_cancel(entry=cancelled, by=world.users["center_head"], reason="Помилка")
    # the week before: one entry, for the comparison
    make(library=world.central, staff=cons, patron=olena, services=[s["3.1.2.1"]],
         duration_minutes=5, served_at=at(day - timedelta(days=5), 12))
    Patron.objects.filter(pk=olena.pk).update(registered_on=day - timedelta(days=5))
    Patron.objects.filter(pk=ivan.pk).update(registered_on=day)
    return world, day, s


pytestmark = pytest.mark.django_db


def test_statistics_against_hand_counts(journal):
    world, monday, s = journal
    libraries = Library.objects.filter(network=world.central.network)
    stats = journal_statistics(libraries, monday, monday + timedelta(days=7))
    totals = {label: (now, before) for label, now, before in stats.totals}
    assert totals["надано послуг (записів)"] == (4, 1)  # the cancelled one does not count
    assert totals["обслуговано користувачів"] == (2, 1)
    assert totals["нових користувачів"] == (1, 1)
    assert totals["незадоволених запитів"] == (1, 0)
    b = stats.breakdowns
    assert dict(b["service"].rows) == {s["3.1.2.1"].name: 2, s["3.1.7.1"].name: 1,
                                       s["3.1.3.4"].name: 2}
    assert dict(b["group"].rows) == {"3.1.2. Пошук": 2, "3.1.3. Консультування з питань": 2,
                                     "3.1.7. Додаткові платні послуги": 1}
    assert dict(b["channel"].rows) == {"особисто": 2, "телефоном": 2}
    assert dict(b["outcome"].rows) == {"вирішено": 3, "не вирішено": 1}
    assert dict(b["category"].rows) == {"Пенсіонер": 3, "Внутрішньо переміщена особа": 1}
    assert dict(b["settlement"].rows) == {"Кричильськ": 2, "Сарни": 1}
    assert dict(b["hour"].rows) == {"09:00": 2, "10:00": 1, "14:00": 1}
    assert b["weekday"].rows[0] == ("Пн", 2) and b["weekday"].rows[2] == ("Ср", 2)
    assert sum(n for _, n in b["staff"].rows) == 4


def test_statistics_of_one_branch(journal):
    world, monday, _s = journal
    stats = journal_statistics(Library.objects.filter(pk=world.branch.pk), monday,
                               monday + timedelta(days=7))
    assert stats.totals[[label for label, *_ in stats.totals].index(
        "надано послуг (записів)")][1] == 2


def test_metrics_registry_publishes_the_numbers(journal):
    world, monday, _s = journal
    libraries = Library.objects.filter(network=world.central.network)
    keys = {m.key for m in metrics.all_metrics()}
    assert {"consultations", "distinct_patrons", "new_patrons", "unmet_needs"} <= keys
    assert metrics.compute("consultations", libraries, monday, monday + timedelta(days=7)) == 4


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["day", "week", "month", "quarter", "year"]))
def test_period_bounds_hold_the_day(day, kind):
    start, end = period_bounds(kind, day)
    assert start <= day < end
    if kind == "week":
        assert start.weekday() == 0 and (end - start).days == 7
    if kind in ("month", "quarter", "year"):
        assert start.day == 1 and end.day == 1


STATS_STATUS = {"anonymous": 302, "no_role": 403, "director": 200, "center_head": 200,
                "consultant": 200, "viewer": 200, "branch_librarian": 200,
                "foreign_director": 200, "admin": 200}


@pytest.mark.parametrize("role", STATS_STATUS)
def test_statistics_page_per_role(client, journal, role):
    world = journal[0]
    if role != "anonymous":
        client.force_login(world.users[role])
    assert client.get(reverse("journal:statistics")).status_code == STATS_STATUS[role]


def test_branch_librarian_counts_only_their_branch(client, journal):
    world, monday, _s = journal
    client.force_login(world.users["branch_librarian"])
    r = client.get(reverse("journal:statistics"),
                   {"period": "week", "day": monday.isoformat()})
    totals = {label: now for label, now, _ in r.context["stats"].totals}
    assert totals["надано послуг (записів)"] == 2
    # choosing another branch in the URL does not widen the reach
    r = client.get(reverse("journal:statistics"), {"period": "week", "day": monday.isoformat(),
                                                   "libraries": [world.central.pk]})
    assert r.context["stats"] is None and "libraries" in r.context["form"].errors


def test_exports(client, journal):
    world, monday, s = journal
    client.force_login(world.users["center_head"])
    params = {"period": "week", "day": monday.isoformat()}
    r = client.get(reverse("journal:statistics"), {**params, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(r.content)).active
    values = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert ("надано послуг (записів)", 4, 1) in [v[:3] for v in values]
    r = client.get(reverse("journal:statistics"), {**params, "export": "csv"})
    text = r.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [s["3.1.3.4"].name, "2"] in rows


def test_custom_period_bad_input(client, journal):
    world = journal[0]
    client.force_login(world.users["center_head"])
    r = client.get(reverse("journal:statistics"), {"period": "custom", "date_from": "2026-05-10",
                                                   "date_to": "2026-05-01"})
    assert r.context["form"].errors["date_to"] == ["Останній день не може бути раніше першого."]
    r = client.get(reverse("journal:statistics"), {"period": "custom"})
    assert {"date_from", "date_to"} <= set(r.context["form"].errors)
