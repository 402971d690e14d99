from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "civicdesk.documents"
    verbose_name = _("Legal acts and documents")

    def ready(self):
        from . import permissions

        permissions.declare()
