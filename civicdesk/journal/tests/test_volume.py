"""The volume generator (journal.volume) at a tiny size: what it promises holds."""

from datetime import date, timedelta

from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from civicdesk.core import metrics
from civicdesk.journal import tallies
from civicdesk.journal import volume as loader
from civicdesk.journal.models import EntryService, JournalEntry
from civicdesk.journal.statistics import journal_statistics
from civicdesk.journal.tests.raw import raw_counts, raw_distinct
from civicdesk.journal.volume import APOSTROPHES, NETWORK_NAME, volume_load
from civicdesk.org.models import Library, Network
from civicdesk.patrons.models import Consent, Patron, PatronWord
from civicdesk.patrons.normalize import name_key, name_words, phone_key, phone_reversed
from civicdesk.patrons.selectors import patron_search

pytestmark = pytest.mark.django_db

SIZE = {"libraries": 3, "patrons": 50, "entries": 300, "years": 3, "seed": 7}


@pytest.fixture
def volume(db):
    return volume_load(**SIZE)


def test_counts_and_rows_as_the_actions_make_them(volume):
    network = volume.network
    assert network.name == NETWORK_NAME
    libraries = Library.objects.filter(network=network)
    assert libraries.count() == 3 and libraries.filter(kind="central").count() == 1
    patrons = Patron.objects.filter(library__network=network)
    entries = JournalEntry.objects.filter(library__network=network)
    assert patrons.count() == 50 and entries.count() == 300
    assert volume.counts["entries"] == 300 and volume.counts["patrons"] == 50
    for p in patrons:
        assert p.name_key == name_key(p.surname, p.given_name, p.patronymic)
        assert p.phone_key == phone_key(p.phone)
        assert p.phone_reversed == phone_reversed(p.phone_key)
        assert sorted(PatronWord.objects.filter(patron=p).values_list("word", flat=True)) \
            == sorted(name_words(p.surname, p.given_name, p.patronymic))
        assert 1935 <= p.birth_year <= 2010
        assert volume.start <= p.registered_on < volume.end
    assert patrons.values("card_number").distinct().count() == 50
    # every entry has 1-3 services, a patron or a reason, and is served in the period
    per_entry = {e: 0 for e in entries.values_list("pk", flat=True)}
    for link in EntryService.objects.filter(entry__in=entries).values_list("entry", flat=True):
        per_entry[link] += 1
    assert set(per_entry.values()) <= {1, 2, 3}
    assert not entries.filter(patron__isnull=True, unidentified_reason="").exists()
    assert not entries.filter(patron__isnull=True, unidentified_category__isnull=True).exists()
    assert entries.filter(patron__isnull=True).count() >= 45  # 15 %
    assert entries.exclude(unmet_need="").count() == 15  # 5 %
    assert entries.filter(cancelled_at__isnull=False).exclude(cancel_reason="").count() == 3
    for e in entries:
        assert e.created_at >= e.served_at
        assert e.is_backdated == (e.served_at < e.created_at - timedelta(minutes=30))
        if e.patron_id:
            assert e.patron.registered_on <= e.served_at.date() + timedelta(days=1)


def test_every_staff_account_logs_in_with_the_demo_password(volume):
    """The accounts share one password, hashed once for all of them."""
    from civicdesk.org.demo import DEMO_PASSWORD
    from civicdesk.org.models import Membership

    members = Membership.objects.filter(library__network=volume.network)
    assert members.count() == 3 + 3 + 2  # director, head, viewer; consultants; branches
    for membership in members.select_related("user"):
        assert membership.user.check_password(DEMO_PASSWORD)
        assert not membership.user.check_password("wrong-password")


def test_every_patron_has_an_active_service_consent(volume):
    patrons = Patron.objects.filter(library__network=volume.network)
    with_consent = Consent.objects.filter(
        patron__in=patrons, purpose=Consent.Purpose.SERVICE, withdrawn_at__isnull=True)
    assert with_consent.values("patron").distinct().count() == patrons.count()


def test_statistics_count_exactly_the_entries_not_cancelled(volume):
    libraries = Library.objects.filter(network=volume.network)
    stats = journal_statistics(libraries, volume.start, volume.end)
    label = str(metrics.get("consultations").label)
    given = next(now for name, now, _before in stats.totals if name == label)
    counted = JournalEntry.objects.filter(library__in=libraries, cancelled_at__isnull=True)
    assert given == counted.count() == 297


def test_bulk_written_counts_agree_with_the_entries(volume):
    """The loader adds up the counts in memory (days, then months and years from them):
    any period, any libraries, they equal the entries counted one by one."""
    libraries = Library.objects.filter(network=volume.network)
    central = libraries.filter(kind="central")
    middle = volume.start + (volume.end - volume.start) / 2
    periods = [(volume.start, volume.end),  # days, whole years and months, days
               (date(middle.year, 1, 1), date(middle.year + 1, 1, 1)),
               (middle.replace(day=1), middle + timedelta(days=45)),
               (middle, middle + timedelta(days=1))]
    for start, end in periods:
        for libs in (libraries, central):
            assert tallies.sums(libs, start, end) == raw_counts(libs, start, end), (start, end)
            assert tallies.distinct_patrons(libs, start, end) == raw_distinct(libs, start, end)


def test_search_finds_a_patron_typed_with_another_apostrophe(volume):
    patron = next(p for p in Patron.objects.filter(library__network=volume.network)
                  if any(a in p.surname for a in APOSTROPHES))
    stored = next(a for a in APOSTROPHES if a in patron.surname)
    other = next(a for a in APOSTROPHES if a != stored)
    typed = f"{patron.surname.replace(stored, other)} {patron.given_name}"
    assert patron in patron_search(Patron.objects.all(), typed)


def test_refuses_a_second_run_unless_forced(volume):
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_volume", libraries=2, patrons=5, entries=5, verbosity=0)
    call_command("load_demo_volume", libraries=2, patrons=5, entries=5, force=True, verbosity=0)
    second = Network.objects.get(name=f"{NETWORK_NAME} 2")
    assert Patron.objects.filter(library__network=second).count() == 5
    assert JournalEntry.objects.filter(library__network=second).count() == 5


def _index_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c for c, info in connection.introspection.get_constraints(cursor, table).items()
                if info["index"] and not info["unique"]}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's load only drops indexes")
def test_a_load_cut_short_has_its_dropped_indexes_built_by_the_next_migrate(db):
    table = JournalEntry._meta.db_table
    before = _index_names(table)
    assert before  # (library|staff|patron, served_at), served_at, …
    cut_short = loader._indexes_built_after(JournalEntry)
    cut_short.__enter__()  # and the process dies: no __exit__
    assert _index_names(table) == set()
    call_command("migrate", verbosity=0, interactive=False)
    assert _index_names(table) == before
    assert loader.restore_dropped_indexes() == []  # nothing left pending
