"""SQLite set up for concurrent writers: 8 threads writing at once, zero errors."""

import threading

from django.db import connection, connections, transaction

import pytest

from civicdesk.org.models import Closure
from civicdesk.org.tests.factories import CentralLibraryFactory

WRITERS = 8
WRITES_EACH = 25


@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_writers_on_a_file_database_make_no_errors():
    if connection.vendor == "sqlite":
        assert connection.settings_dict["NAME"] not in ("", ":memory:")
        assert "mode=memory" not in connection.settings_dict["NAME"]
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    library = CentralLibraryFactory()
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(n):
        try:
            start.wait()
            for i in range(WRITES_EACH):
                # Read, then write in one transaction: the pattern that fails with
                # "database is locked" when SQLite's transactions are DEFERRED.
                with transaction.atomic():
                    Closure.objects.filter(library=library).count()
                    Closure.objects.create(library=library, starts_on="2026-12-01",
                                           ends_on="2026-12-01", reason="power_cut",
                                           note=f"{n}-{i}")
        except BaseException as exc:  # noqa: BLE001 - every error counts
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Closure.objects.filter(library=library).count() == WRITERS * WRITES_EACH


@pytest.mark.django_db
def test_sqlite_uses_wal_and_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite pragmas; PostgreSQL has its own locking")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
