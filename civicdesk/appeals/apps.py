from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "civicdesk.appeals"
    verbose_name = _("Appeals and requests")

    def ready(self):
        from civicdesk.core import reference_data

        from . import deadlines, drafting, metrics, patron_data, permissions

        patron_data.register_holder()
        permissions.declare()
        reference_data.register("appeals_rules", deadlines.rules_seed)
        reference_data.register("appeals_templates", drafting.templates_seed_all)
        metrics.register_metrics()
