from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "civicdesk.plans"
    verbose_name = _("Work plans and reports")

    def ready(self):
        from . import permissions

        permissions.declare()
