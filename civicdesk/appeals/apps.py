from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "civicdesk.appeals"
    verbose_name = _("Appeals and requests")

    def ready(self):
        from civicdesk.core import reference_data

        from . import deadlines, metrics, patron_data

        patron_data.register_holder()
        reference_data.register("appeals_rules", deadlines.rules_seed)
        metrics.register_metrics()
