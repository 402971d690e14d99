"""Settings for `make bench`: the production settings plus the bare-insert app.

benchmarks/run.py points DJANGO_SETTINGS_MODULE here. Nothing else uses it.
"""

from civicdesk.settings.production import *  # noqa: F403
from civicdesk.settings.production import AUDITLOG_EXCLUDE_TRACKING_MODELS, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks.benchapp"]
ROOT_URLCONF = "benchmarks.urls"
# The baseline inserts exactly one row: no audit-log row for it.
AUDITLOG_EXCLUDE_TRACKING_MODELS = (*AUDITLOG_EXCLUDE_TRACKING_MODELS, "benchapp")
