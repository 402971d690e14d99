"""Settings for the test suite: same as base, fast hashing, tasks run at once."""

from .base import *  # noqa: F403
from .base import DATA_DIR, DATABASES, HUEY

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = {**HUEY, "immediate": True}
HUEY.pop("connection", None)
HUEY["huey_class"] = "huey.MemoryHuey"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = DATA_DIR / "test-media"
BACKUP_DIR = DATA_DIR / "test-backups"

# A file database, not :memory:, so concurrency tests and the browser tests'
# live server see real SQLite locking.
if DATABASES["default"]["ENGINE"] in ("civicdesk.core.sqlite", "django.db.backends.sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}

# whitenoise looks for STATIC_ROOT at start-up; tests serve static files through the finders.
STATIC_ROOT = DATA_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True

# One process: an in-memory cache, emptied before each test (conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
