from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "civicdesk.partners"
    verbose_name = _("Partners and publicity")

    def ready(self):
        from civicdesk.core import demo_data

        from . import metrics, permissions
        from .demo import demo_partners_load

        permissions.declare()
        metrics.register_metrics()
        demo_data.register("partners", demo_partners_load)
