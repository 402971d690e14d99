from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "civicdesk.appeals"
    verbose_name = _("Appeals and requests")

    def ready(self):
        from civicdesk.core import demo_data, reference_data

        from . import authority_permissions, patron_data
        from .authorities import authorities_seed_loader, demo_authorities_load

        patron_data.register_holder()
        reference_data.register("authorities", authorities_seed_loader)
        demo_data.register("authorities", demo_authorities_load)
        authority_permissions.declare()
