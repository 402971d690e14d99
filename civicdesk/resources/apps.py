from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "civicdesk.resources"
    verbose_name = _("E-resources catalog")

    def ready(self):
        from civicdesk.core import reference_data
        from civicdesk.journal import extensions

        from . import metrics, permissions
        from .desk import desk_field
        from .reference import resources_seed_all

        reference_data.register("resources", resources_seed_all)
        permissions.declare()
        metrics.register_metrics()
        extensions.register(desk_field())
