"""Online backups of the database and uploaded files into the data folder.

SQLite is copied with its online backup API (consistent while civicdesk runs);
PostgreSQL with pg_dump in its custom format. Uploaded files go into a tar.gz
beside it. Only the newest `keep` backups are kept.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

STAMP = "%Y%m%d-%H%M%S"


@dataclass
class Backup:
    folder: Path

    @property
    def database_file(self) -> Path:
        for name in ("db.sqlite3", "db.pgdump"):
            if (self.folder / name).exists():
                return self.folder / name
        raise FileNotFoundError(self.folder)

    @property
    def media_file(self) -> Path:
        return self.folder / "media.tar.gz"


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def backup_create(*, alias: str = "default", target_dir: Path | None = None,
                  keep: int | None = None) -> Backup:
    """Write one backup folder and prune old ones; returns the new backup."""
    target_dir = Path(target_dir or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime(STAMP)
    work = Path(tempfile.mkdtemp(prefix=f".{stamp}-", dir=target_dir))
    try:
        _write_backup(work, alias)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)  # a failed backup leaves nothing behind
        raise
    final = target_dir / stamp
    suffix = 1
    while final.exists():
        final = target_dir / f"{stamp}-{suffix}"
        suffix += 1
    work.rename(final)
    backups_prune(target_dir=target_dir, keep=keep)
    return Backup(final)


def _write_backup(work: Path, alias: str) -> None:
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        dest = sqlite3.connect(work / "db.sqlite3")
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
    elif connection.vendor == "postgresql":
        subprocess.run(
            ["pg_dump", "-Fc", "-f", str(work / "db.pgdump"), *_pg_args(db), db["NAME"]],
            check=True, env=_pg_env(db), capture_output=True,
        )
    else:  # pragma: no cover - only the two supported databases
        raise RuntimeError(f"no backup for {connection.vendor}")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(work / "media.tar.gz", "w:gz") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")


def backups_list(target_dir: Path | None = None) -> list[Backup]:
    """Backups, newest first."""
    target_dir = Path(target_dir or settings.BACKUP_DIR)
    if not target_dir.exists():
        return []
    folders = [p for p in target_dir.iterdir() if p.is_dir() and _is_backup_name(p.name)]
    return [Backup(p) for p in sorted(folders, key=lambda p: p.name, reverse=True)]


def _is_backup_name(name: str) -> bool:
    """Only folders this module wrote: a copy put there by hand is never pruned or picked."""
    try:
        datetime.strptime(name[:15], STAMP)
    except ValueError:
        return False
    return len(name) == 15 or name[15] == "-"


def backups_prune(*, target_dir: Path, keep: int) -> None:
    for old in backups_list(target_dir)[max(keep, 1):]:
        shutil.rmtree(old.folder)


def backup_restore(backup: Backup, *, alias: str = "default") -> None:
    """Replace the database and uploaded files with those of `backup`."""
    connection = connections[alias]
    db = connection.settings_dict
    source = backup.database_file
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        src = sqlite3.connect(source)
        try:
            # The backup API writes every page under SQLite's own locks, so a
            # running server sees either the old or the restored database.
            src.backup(connection.connection)
        finally:
            src.close()
    elif connection.vendor == "postgresql":
        connection.close()
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "-d", db["NAME"], *_pg_args(db), str(source)],
            check=True, env=_pg_env(db), capture_output=True,
        )
    media_root = Path(settings.MEDIA_ROOT)
    if backup.media_file.exists():
        if media_root.exists():
            shutil.rmtree(media_root)
        media_root.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(backup.media_file, "r:gz") as tar:
            tar.extractall(media_root.parent, filter="data")


def backup_taken_at(backup: Backup) -> datetime:
    return datetime.strptime(backup.folder.name[:15], STAMP)
