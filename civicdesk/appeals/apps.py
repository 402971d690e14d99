from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "civicdesk.appeals"
    verbose_name = _("Appeals and requests")

    def ready(self):
        from civicdesk.core import demo_data, reference_data

        from . import authority_permissions, deadlines, drafting, metrics, patron_data, permissions
        from .authorities import authorities_seed_loader, demo_authorities_load

        patron_data.register_holder()
        permissions.declare()
        authority_permissions.declare()
        reference_data.register("authorities", authorities_seed_loader)
        reference_data.register("appeals_rules", deadlines.rules_seed)
        reference_data.register("appeals_templates", drafting.templates_seed_all)
        demo_data.register("authorities", demo_authorities_load)
        metrics.register_metrics()
