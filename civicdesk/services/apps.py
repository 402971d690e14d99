from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "civicdesk.services"
    verbose_name = _("Services of the center")

    def ready(self):
        from civicdesk.core import reference_data

        from .catalog import catalog_seed_all

        reference_data.register("services", catalog_seed_all)

        from django.db.models.signals import post_delete, post_save

        from .models import Service, ServiceGroup
        from .selectors import forget_services_in_use

        def changed(sender, instance, **kwargs):
            forget_services_in_use(instance.network_id)

        for model in (Service, ServiceGroup):
            post_save.connect(changed, sender=model, dispatch_uid=f"in_use_{model.__name__}")
            post_delete.connect(changed, sender=model, dispatch_uid=f"in_use_{model.__name__}_d")
