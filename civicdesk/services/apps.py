from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "civicdesk.services"
    verbose_name = _("Services of the center")

    def ready(self):
        from civicdesk.core import reference_data

        from .catalog import catalog_seed_all

        reference_data.register("services", catalog_seed_all)
