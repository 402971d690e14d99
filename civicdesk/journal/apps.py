from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _restore_indexes(sender, using="default", verbosity=1, **kwargs):
    """A demo volume load cut short leaves some indexes dropped: migrate builds them."""
    from .volume import restore_dropped_indexes

    restored = restore_dropped_indexes(using)
    if restored and verbosity:
        print(f"Built {len(restored)} indexes a cut-short volume load had dropped.")


class JournalConfig(AppConfig):
    name = "civicdesk.journal"
    verbose_name = _("Service journal")

    def ready(self):
        from . import patron_data, permissions, statistics

        permissions.declare()
        patron_data.register_holder()
        statistics.register_metrics()
        post_migrate.connect(_restore_indexes, sender=self)
