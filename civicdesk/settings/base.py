"""Settings shared by every deployment. Values from the environment come from env.py."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, DATA_DIR, REDIS_URL, database, env, secret_key

SECRET_KEY = secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "axes",
    "auditlog",
    "csp",
    "django_htmx",
    "civicdesk.core",
    "civicdesk.accounts",
    "civicdesk.org",
    "civicdesk.services",
    "civicdesk.patrons",
    "civicdesk.journal",
    "civicdesk.resources",
    "civicdesk.documents",
    "civicdesk.appeals",
    "civicdesk.events",
    "civicdesk.partners",
    "civicdesk.portal",
    "civicdesk.plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "civicdesk.core.middleware.SessionIdleRefreshMiddleware",
    "civicdesk.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "civicdesk.org.middleware.SetupRequiredMiddleware",
    # Last: axes must see the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "civicdesk.urls"
WSGI_APPLICATION = "civicdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "civicdesk.org.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Sessions are read from the cache and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Staff sessions end after 30 minutes without a request (the expiry is pushed
# forward by core.middleware.SessionIdleRefreshMiddleware).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lockout after 5 failed attempts for the same user from the same address, 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# --- Language and formats -------------------------------------------------
LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", _("Ukrainian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Kyiv")
USE_THOUSAND_SEPARATOR = True

# --- Files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
BACKUP_DIR = DATA_DIR / "backups"
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)

# --- Cache and background jobs -------------------------------------------
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
    HUEY = {"huey_class": "huey.RedisHuey", "name": "civicdesk",
            "connection": {"url": REDIS_URL}, "immediate": False}
else:
    # A file cache, not a per-process one: every server worker and the task worker
    # see the same entries (sessions, access rules), as they would in Redis.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(DATA_DIR / "cache"),
                          "OPTIONS": {"MAX_ENTRIES": 20000}}}
    HUEY = {"huey_class": "huey.SqliteHuey", "name": "civicdesk",
            "filename": str(DATA_DIR / "tasks.sqlite3"), "immediate": False}
# Periodic jobs follow TIME_ZONE (Django sets the process's TZ from it), not UTC.
HUEY["utc"] = False
HUEY["consumer"] = {"workers": env.int("WORKER_THREADS", default=2), "worker_type": "thread"}

# --- E-mail ---------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="civicdesk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security headers -----------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Audit ----------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "sessions",
    "admin.logentry",
    "auditlog.logentry",
    "axes",
    "contenttypes",
    # running counts kept with each journal entry (the entry itself is audited)
    "journal.tally",
    "journal.patronperiod",
    # search words derived from the patron's name (the patron's changes are audited)
    "patrons.patronword",
    # the search index, derived from the documents (whose changes are audited)
    "documents.indexpart",
    "documents.termstat",
    "documents.termtop",
)
AUDITLOG_EXCLUDE_TRACKING_FIELDS = ("password", "last_login", "path")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
BACKUP_HOUR = env.int("BACKUP_HOUR", default=2)

# Personal data: patrons with no activity for this many years are anonymised
# by `manage.py anonymise_patrons --apply`.
PATRON_RETENTION_YEARS = env.int("PATRON_RETENTION_YEARS", default=3)

# The journal: how far back an entry may be dated (days); older ones are refused.
JOURNAL_BACKDATE_DAYS = env.int("JOURNAL_BACKDATE_DAYS", default=7)

# The resource catalog's link checker (civicdesk.resources.tasks): which day of the
# week it runs (0 = Sunday … 6, cron style; "*" every day), at what hour; a link is
# "slow" from this many milliseconds; a resource no person has confirmed for this many
# days is due for review. Private and loopback addresses are refused unless allowed.
LINKCHECK_DAY_OF_WEEK = env.str("LINKCHECK_DAY_OF_WEEK", default="1")
LINKCHECK_HOUR = env.int("LINKCHECK_HOUR", default=3)
LINKCHECK_SLOW_MS = env.int("LINKCHECK_SLOW_MS", default=3000)
LINKCHECK_ALLOW_PRIVATE = env.bool("LINKCHECK_ALLOW_PRIVATE", default=False)
# Private networks the checker may still open (CIDR, comma-separated), e.g. a library's
# own intranet site; tests allow their loopback server this way.
LINKCHECK_ALLOWED_NETWORKS = env.list("LINKCHECK_ALLOWED_NETWORKS", default=[])
LINKCHECK_CONCURRENCY = env.int("LINKCHECK_CONCURRENCY", default=32)
RESOURCE_REVIEW_DAYS = env.int("RESOURCE_REVIEW_DAYS", default=183)

# --- Documents ----------------------------------------------------------------
# The document library (civicdesk.documents): an uploaded file (and a ZIP of files) may
# weigh at most this many megabytes.
DOCUMENT_MAX_UPLOAD_MB = env.int("DOCUMENT_MAX_UPLOAD_MB", default=50)
# Off: search the words as written, without reducing them to lemmas (for comparison).
DOCUMENT_SEARCH_LEMMAS = env.bool("DOCUMENT_SEARCH_LEMMAS", default=True)
# The national legislation corpus (JSONL.gz) for import_legislation and build_lemma_table.
LEGISLATION_CORPUS = env.path(
    "LEGISLATION_CORPUS",
    default=str(BASE_DIR.parent / "shared" / "data" / "ua-legislation" / "ua-legislation.jsonl.gz"))

# --- Appeals: deadlines -------------------------------------------------------
# Under martial law public holidays are ordinary working days (Law 2136-IX); off: the
# holidays (and their weekend transfers) are days off again (civicdesk.appeals.calendar).
MARTIAL_LAW = env.bool("MARTIAL_LAW", default=True)
# The daily reminder to each consultant (due within 2 days, overdue) runs at this hour.
APPEALS_REMINDER_HOUR = env.int("APPEALS_REMINDER_HOUR", default=8)

# --- Events -------------------------------------------------------------------
# The reminder to everyone registered for tomorrow's events (with an e-mail) goes at this hour.
EVENTS_REMINDER_HOUR = env.int("EVENTS_REMINDER_HOUR", default=10)
# The portal's address as citizens reach it (e.g. https://cog.sarny-lib.example.ua), for
# the links in letters the background worker sends; empty: reminders carry no links.
PUBLIC_URL = env.str("PUBLIC_URL", default="")
