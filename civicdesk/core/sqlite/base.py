"""Django's SQLite backend with writers queued at a lock file.

SQLite lets one transaction write at a time. A transaction that finds the write lock
taken waits in SQLite's busy handler, which sleeps and tries again — 1, 2, 5, 10 … up
to 100 ms between tries — so a writer often sleeps on long after the lock came free;
with several web workers saving at once, the slowest saves waited seconds (desk entries
with 8 clients at full size: p99 1.3 s). Here every transaction first takes an
exclusive lock on a file beside the database (`flock` on "<database>-writers", held
until COMMIT or ROLLBACK), trying again every 2 ms at most: a waiting writer starts a
millisecond or two after the lock's release (p99 0.3–0.4 s on the same machine), and
SQLite's own lock is then free. Processes that do not use this backend (the sqlite3
shell, a backup) still meet SQLite's lock as before.

Readers are not held up: outside a transaction (autocommit) nothing is locked, and WAL
lets them read while one writer writes.
"""

import fcntl
import os
import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _queue_fd: int | None = None
    _queued = False

    def _queue_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name:
            return None
        return name + "-writers"

    def _queue_take(self) -> None:
        path = self._queue_path()
        if path is None or self._queued:
            return
        if self._queue_fd is None:
            self._queue_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        # Tries every few milliseconds, for as long as SQLite itself would wait
        # (OPTIONS["timeout"]): blocking in flock could not be given up after a while.
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        pause = 0.0005
        while True:
            try:
                fcntl.flock(self._queue_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OperationalError("database is locked") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.002)
        self._queued = True

    def _queue_leave(self) -> None:
        if self._queued:
            self._queued = False
            fcntl.flock(self._queue_fd, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        self._queue_take()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._queue_leave()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._queue_leave()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._queue_leave()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._queue_leave()
            if self._queue_fd is not None:
                os.close(self._queue_fd)
                self._queue_fd = None
