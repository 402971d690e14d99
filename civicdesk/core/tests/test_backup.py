from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

import pytest

from civicdesk.core import backup
from civicdesk.core.tasks import nightly_backup
from civicdesk.org import actions
from civicdesk.org.models import Closure, Library
from civicdesk.services.catalog import catalog_seed


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table civicdesk and its libraries own."""
    tables = {}
    with connection.cursor() as cursor:
        for name in sorted(connection.introspection.table_names()):
            if name.startswith("sqlite_"):
                continue
            cursor.execute(f'SELECT * FROM "{name}"')
            tables[name] = sorted(map(tuple, cursor.fetchall()), key=repr)
    return tables


@pytest.fixture
def backup_dir(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.BACKUP_DIR


@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_every_table_and_the_files(world, backup_dir):
    catalog_seed(world.central.network)
    actions.closure_create(library=world.branch, starts_on="2026-12-01", ends_on="2026-12-03",
                           reason="repairs", note="Ремонт")
    upload = Path(settings.MEDIA_ROOT) / "documents" / "наказ.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("Наказ директора № 12", encoding="utf-8")
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 50

    made = backup.backup_create()

    # Work goes on after the backup, then something goes wrong.
    Closure.objects.all().delete()
    actions.library_update(library=world.central, name="Перейменована ЦРБ",
                           address="вул. Нова, 1")
    actions.library_create(network=world.central.network, kind="branch", parent=world.central,
                           name="Нова філія", address="вул. Лісова, 2")
    upload.unlink()
    assert snapshot() != before

    call_command("restore", str(made.folder), "--yes")

    connection.close()
    after = snapshot()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    assert upload.read_text(encoding="utf-8") == "Наказ директора № 12"
    assert Library.objects.get(pk=world.central.pk).name == "Сарненська ЦРБ"


@pytest.mark.django_db(transaction=True)
def test_nightly_backup_keeps_the_last_n(world, backup_dir, settings):
    settings.BACKUP_KEEP = 2
    for _ in range(3):
        nightly_backup.call_local()
    kept = backup.backups_list()
    assert len(kept) == 2
    assert all(b.database_file.stat().st_size > 0 for b in kept)


def test_nightly_backup_is_a_periodic_job():
    from datetime import datetime

    from huey.contrib.djhuey import HUEY

    periodic = {t.__name__: t for t in HUEY._registry._periodic_tasks}
    task = periodic["nightly_backup"]()
    assert task.validate_datetime(datetime(2026, 11, 26, settings.BACKUP_HOUR, 30))
    assert not task.validate_datetime(datetime(2026, 11, 26, 14, 30))
    assert apps.is_installed("huey.contrib.djhuey")


@pytest.mark.django_db(transaction=True)
def test_a_failed_backup_leaves_nothing_and_hand_made_folders_are_ignored(world, backup_dir,
                                                                          monkeypatch):
    (backup_dir / "before-upgrade").mkdir(parents=True)
    monkeypatch.setattr(backup, "_write_backup", lambda work, alias: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        backup.backup_create()
    assert [p.name for p in backup_dir.iterdir()] == ["before-upgrade"]
    assert backup.backups_list() == []
    monkeypatch.undo()
    made = backup.backup_create(keep=1)
    backup.backup_create(keep=1)
    names = sorted(p.name for p in backup_dir.iterdir())
    assert "before-upgrade" in names and len(names) == 2
    assert made.folder.name not in names
