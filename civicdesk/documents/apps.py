from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "civicdesk.documents"
    verbose_name = _("Legal acts and documents")

    def ready(self):
        from django.conf import settings

        from civicdesk.core import demo_data, reference_data

        from . import indexing, permissions
        from .demo import demo_documents_load
        from .reference import documents_seed_all

        indexing.LEMMAS = settings.DOCUMENT_SEARCH_LEMMAS
        permissions.declare()
        reference_data.register("documents", documents_seed_all)
        reference_data.register("document index", indexing.stale_index_check)
        demo_data.register("documents", demo_documents_load)
