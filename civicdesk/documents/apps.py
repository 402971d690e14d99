from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "civicdesk.documents"
    verbose_name = _("Legal acts and documents")

    def ready(self):
        from civicdesk.core import reference_data

        from . import permissions
        from .reference import documents_seed_all

        permissions.declare()
        reference_data.register("documents", documents_seed_all)
