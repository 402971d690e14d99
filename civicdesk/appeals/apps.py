from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "civicdesk.appeals"
    verbose_name = _("Appeals and requests")

    def ready(self):
        from . import patron_data

        patron_data.register_holder()
