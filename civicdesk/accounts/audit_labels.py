"""Ukrainian names for django-auditlog's own labels, which it ships untranslated.

The strings are listed here so that `make messages` puts them into locale/uk;
Django then finds them in civicdesk's catalog, which comes first.
"""

from django.utils.translation import gettext_noop

AUDITLOG_LABELS = [
    gettext_noop("create"),
    gettext_noop("update"),
    gettext_noop("delete"),
    gettext_noop("access"),
    gettext_noop("log entry"),
    gettext_noop("log entries"),
    gettext_noop("actor"),
    gettext_noop("timestamp"),
    gettext_noop("content type"),
    gettext_noop("object representation"),
    gettext_noop("change message"),
    gettext_noop("remote address"),
    gettext_noop("Audit log"),
]
