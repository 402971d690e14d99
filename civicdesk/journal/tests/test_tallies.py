"""The running counts agree with the journal after any sequence of writes."""

import random
from datetime import date, timedelta

from django.core.management import call_command

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicdesk.journal import actions, tallies
from civicdesk.journal.models import JournalEntry, PatronPeriod, Tally
from civicdesk.journal.statistics import journal_statistics
from civicdesk.journal.tests.raw import at, raw_counts, raw_distinct
from civicdesk.org.models import Library
from civicdesk.patrons import actions as patron_actions
from civicdesk.patrons.categories import social_categories_seed
from civicdesk.patrons.models import SocialCategory
from civicdesk.patrons.personal_data import patron_anonymise, patron_merge
from civicdesk.services.catalog import catalog_seed
from civicdesk.services.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world, settings):
    settings.JOURNAL_BACKDATE_DAYS = 3650
    catalog_seed(world.central.network)
    social_categories_seed()
    cats = list(SocialCategory.objects.order_by("pk")[:4])
    services = list(Service.objects.filter(network=world.central.network, is_archived=False))
    patrons = [
        patron_actions.patron_register(
            library=world.central, card_number=f"S{i:03d}", surname=f"Прізвище{i}",
            given_name="Ім'я", birth_year=1950 + i, settlement=["Сарни", "Кричильськ", ""][i % 3],
            categories=cats[i % 3:i % 3 + 2], consent_service=True)
        for i in range(6)
    ]
    return world, services, patrons, cats


PERIODS = [
    (date(2025, 1, 1), date(2026, 1, 1)),    # a year: whole months only
    (date(2025, 3, 17), date(2025, 6, 4)),   # days at both edges around whole months
    (date(2025, 3, 30), date(2025, 4, 2)),   # across a month's end, no whole month
    (date(2025, 4, 1), date(2025, 4, 2)),    # one day
    (date(2025, 2, 1), date(2025, 5, 20)),   # whole months then days
    (date(2024, 12, 30), date(2026, 2, 3)),  # days, a whole year, a month, days
]


def test_counts_follow_creates_corrections_and_cancels(setup):
    world, services, patrons, cats = setup
    rng = random.Random(7)
    libraries = [world.central, world.branch]
    staff = [world.users["consultant"], world.users["center_head"]]
    entries = []
    for _ in range(90):
        day = date(2024, 12, 1) + timedelta(days=rng.randrange(440))
        patron = rng.choice(patrons + [None])
        entry, _ = actions.entry_create(
            library=rng.choice(libraries), staff=rng.choice(staff), patron=patron,
            unidentified_reason="" if patron else "Дзвінок",
            unidentified_category=None if patron else rng.choice(cats + [None]),
            services=rng.sample(services, rng.randint(1, 3)),
            duration_minutes=rng.randint(5, 60), served_at=at(day, rng.randint(8, 18), 30),
            channel=rng.choice(JournalEntry.Channel.values),
            outcome=rng.choice(["resolved", "not_resolved"]),
            unmet_need=rng.choice(["", "", "Бланк"]))
        entries.append(entry)
    for entry in rng.sample(entries, 20):
        entry.refresh_from_db()
        actions.entry_update(
            entry=entry, services=rng.sample(services, rng.randint(1, 2)),
            served_at=entry.served_at + timedelta(days=rng.choice([-40, -1, 0, 3, 31])),
            channel=rng.choice(JournalEntry.Channel.values),
            duration_minutes=rng.randint(1, 480), unmet_need=rng.choice(["", "Довідка"]))
    for entry in rng.sample(entries, 10):
        entry.refresh_from_db()
        actions.entry_cancel(entry=entry, by=staff[1], reason="Помилка")
    # the patron's record changes later: past counts stay as served
    patron_actions.patron_update(patron=patrons[0], settlement="Тутовичі", categories=[cats[3]])

    everywhere = Library.objects.all()
    for start, end in PERIODS:
        for libs in (everywhere, Library.objects.filter(pk=world.branch.pk)):
            assert tallies.sums(libs, start, end) == raw_counts(libs, start, end), (start, end)
            assert tallies.distinct_patrons(libs, start, end) == raw_distinct(libs, start, end)
    assert not Tally.objects.filter(n__lt=0).exists()
    # a patron whose only entry of a month was cancelled is no longer kept for it
    assert not PatronPeriod.objects.filter(n__lte=0).exists()

    before = set(Tally.objects.filter(n__gt=0).values_list(
        "library_id", "span", "day", "kind", "key", "n"))
    months_before = set(PatronPeriod.objects.filter(n__gt=0).values_list(
        "library_id", "span", "start", "patron_id", "n"))
    call_command("rebuild_journal_tallies", verbosity=0)
    assert set(Tally.objects.values_list("library_id", "span", "day", "kind", "key", "n")) == before
    assert set(PatronPeriod.objects.values_list("library_id", "span", "start", "patron_id", "n")) \
        == months_before


def test_statistics_count_what_the_patron_was_when_served(setup):
    world, services, patrons, cats = setup
    ivan = patrons[0]  # Сарни, categories 0 and 1
    actions.entry_create(library=world.central, staff=world.users["consultant"], patron=ivan,
                         services=services[:1], duration_minutes=10,
                         served_at=at(date(2025, 5, 6), 10))
    patron_actions.patron_update(patron=ivan, settlement="Тутовичі", categories=[cats[3]])
    actions.entry_create(library=world.central, staff=world.users["consultant"], patron=ivan,
                         services=services[:1], duration_minutes=10,
                         served_at=at(date(2025, 5, 7), 10))
    stats = journal_statistics(Library.objects.all(), date(2025, 5, 1), date(2025, 6, 1))
    assert dict(stats.breakdowns["settlement"].rows) == {"Сарни": 1, "Тутовичі": 1}
    assert dict(stats.breakdowns["category"].rows) == {cats[0].name: 1, cats[1].name: 1,
                                                       cats[3].name: 1}


def test_merge_and_anonymise_keep_the_counts(setup):
    world, services, patrons, cats = setup
    one, twin = patrons[1], patrons[2]
    for patron, day in ((one, 3), (twin, 4), (twin, 20)):
        actions.entry_create(library=world.central, staff=world.users["consultant"],
                             patron=patron, services=services[:2], duration_minutes=15,
                             served_at=at(date(2025, 5, day), 11))
    libs = Library.objects.all()
    may = (date(2025, 5, 1), date(2025, 6, 1))
    counts = tallies.sums(libs, *may)
    assert tallies.distinct_patrons(libs, *may) == 2
    patron_merge(keep=one, duplicate=twin)
    assert tallies.sums(libs, *may) == counts
    # one person, served three times
    assert tallies.distinct_patrons(libs, *may) == 1
    assert PatronPeriod.objects.get(patron=one, span="m").n == 3
    patron_anonymise(one)
    assert tallies.sums(libs, *may) == counts
    assert tallies.distinct_patrons(libs, *may) == 1


@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(1, 1200))
def test_a_period_is_split_into_whole_years_months_and_days(start, length):
    end = start + timedelta(days=length)
    parts = tallies._parts(start, end)
    assert parts[0][1] == start and parts[-1][2] == end
    for (kind, first, stop), following in zip(parts, parts[1:] + [None], strict=True):
        assert first < stop
        if following:
            assert following[1] == stop and following[0] != kind
        if kind == "y":
            assert (first.month, first.day, stop.month, stop.day) == (1, 1, 1, 1)
        if kind == "m":
            assert first.day == 1 and stop.day == 1


def test_the_previous_period_is_the_previous_month_quarter_or_year():
    from civicdesk.journal.statistics import previous_period_start

    assert previous_period_start(date(2025, 1, 1), date(2026, 1, 1)) == date(2024, 1, 1)
    assert previous_period_start(date(2025, 3, 1), date(2025, 4, 1)) == date(2025, 2, 1)
    assert previous_period_start(date(2025, 1, 1), date(2025, 4, 1)) == date(2024, 10, 1)
    assert previous_period_start(date(2025, 3, 10), date(2025, 3, 17)) == date(2025, 3, 3)
