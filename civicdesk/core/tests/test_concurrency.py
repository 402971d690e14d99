"""SQLite set up for concurrent writers: 8 threads writing at once, zero errors."""

import threading

from django.db import OperationalError, connection, connections, transaction

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


def _queue_is_free(path: str) -> bool:
    """Whether another process could start writing now (the writers' queue lock)."""
    import fcntl
    import os

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


@pytest.mark.django_db(transaction=True)
def test_sqlite_writers_queue_is_held_for_a_transaction_and_always_released():
    """civicdesk.core.sqlite: a transaction holds the writers' queue until it commits or
    rolls back, and a writer that waits too long gets SQLite's own error, not a hang."""
    if connection.vendor != "sqlite":
        pytest.skip("the writers' queue is SQLite's; PostgreSQL locks rows")
    assert connection.settings_dict["ENGINE"] == "civicdesk.core.sqlite"
    path = connection.settings_dict["NAME"] + "-writers"
    library = CentralLibraryFactory()
    assert _queue_is_free(path)
    with transaction.atomic():
        Closure.objects.create(library=library, starts_on="2026-12-01", ends_on="2026-12-01",
                               reason="power_cut")
        assert not _queue_is_free(path)
    assert _queue_is_free(path)
    with pytest.raises(RuntimeError), transaction.atomic():
        Closure.objects.create(library=library, starts_on="2026-12-02", ends_on="2026-12-02",
                               reason="power_cut")
        raise RuntimeError("the form failed")
    assert _queue_is_free(path)
    assert Closure.objects.filter(library=library).count() == 1

    # Another connection holds the queue: a writer with a short timeout gives up.
    holding, give_up = threading.Event(), threading.Event()

    def holder():
        try:
            with transaction.atomic():
                Closure.objects.filter(library=library).count()
                holding.set()
                give_up.wait(5)
        finally:
            connections.close_all()

    failures: list[BaseException] = []

    def impatient_writer():
        from django.db import connection as own  # this thread's own connection

        own.settings_dict = {**own.settings_dict,
                             "OPTIONS": {**own.settings_dict["OPTIONS"], "timeout": 0.2}}
        try:
            with transaction.atomic():
                Closure.objects.filter(library=library).count()
        except OperationalError as exc:
            failures.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=holder)
    thread.start()
    assert holding.wait(5)
    waiter = threading.Thread(target=impatient_writer)
    waiter.start()
    waiter.join(10)
    give_up.set()
    thread.join()
    assert [str(e) for e in failures] == ["database is locked"]
    assert _queue_is_free(path)
