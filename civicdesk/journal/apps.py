from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "civicdesk.journal"
    verbose_name = _("Service journal")

    def ready(self):
        from . import patron_data, permissions, statistics

        permissions.declare()
        patron_data.register_holder()
        statistics.register_metrics()
