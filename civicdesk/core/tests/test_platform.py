"""Settings, translations and reference data: the platform promises of issue #2."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

import polib
import pytest

from civicdesk.core import reference_data
from civicdesk.services.models import Service

BASE_DIR = Path(settings.BASE_DIR) if hasattr(settings, "BASE_DIR") else None
ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "locale" / "uk" / "LC_MESSAGES" / "django.po"
MO = ROOT / "locale" / "uk" / "LC_MESSAGES" / "django.mo"


def test_every_ukrainian_string_is_translated_and_none_fuzzy():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_compiled_catalog_matches_the_po_file():
    def text(entry):
        return entry.msgstr_plural if entry.msgid_plural else entry.msgstr

    po = {e.msgid: text(e) for e in polib.pofile(str(PO)) if not e.obsolete}
    mo = {e.msgid: text(e) for e in polib.mofile(str(MO))}
    mo.pop("", None)
    assert mo == po


def test_no_string_in_the_code_is_missing_from_the_catalog(tmp_path):
    """Extract the strings from the code again; each must have a Ukrainian translation."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("gettext (xgettext) is not installed")
        pytest.skip("gettext (xgettext) is not installed")
    target = tmp_path / "uk" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(PO, target / "django.po")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with override_settings(LOCALE_PATHS=[tmp_path]):
            call_command("makemessages", locale=["uk"], no_obsolete=True, verbosity=0,
                         ignore_patterns=[".venv/*", "var/*", "static/*", "benchmarks/*",
                                          "tests/*"])
    finally:
        os.chdir(cwd)
    fresh = polib.pofile(str(target / "django.po"))
    missing = [e.msgid for e in fresh if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert missing == []


def test_production_settings_pass_check_deploy(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("SECRET_KEY", "HTTPS", "DEBUG", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="civicdesk.settings.production",
               CIVICDESK_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    # generated once: a second start reads the same key
    subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    assert (tmp_path / "secret_key").read_text() == key


@pytest.mark.django_db
def test_reference_data_loads_idempotently(world):
    call_command("load_reference_data")
    count = Service.objects.count()
    assert count == 2 * 26
    call_command("load_reference_data")
    assert Service.objects.count() == count
    assert "services" in dict(reference_data.load_all())


def test_settings_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.HUEY['huey_class']);"
        "print(s.ALLOWED_HOSTS)"
    )
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    base.update(DJANGO_SETTINGS_MODULE="civicdesk.settings.production",
                CIVICDESK_DATA_DIR=str(tmp_path), SECRET_KEY="x" * 60)
    run = [sys.executable, "-c", "import django; django.setup();" + code]
    out = subprocess.run(run, cwd=ROOT, env=base, capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:3] == [
        "civicdesk.core.sqlite", "django.core.cache.backends.filebased.FileBasedCache",
        "huey.SqliteHuey"]
    env = dict(base, DATABASE_URL="postgres://civic@db.example:5432/civicdesk",
               REDIS_URL="redis://127.0.0.1:6379/3", ALLOWED_HOSTS="cd.example.ua,localhost")
    out = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:4] == [
        "django.db.backends.postgresql", "django.core.cache.backends.redis.RedisCache",
        "huey.RedisHuey", "['cd.example.ua', 'localhost']"]
