from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatronsConfig(AppConfig):
    name = "civicdesk.patrons"
    verbose_name = _("Patrons")

    def ready(self):
        from civicdesk.core import demo_data, reference_data

        from .categories import social_categories_seed
        from .permissions import declare

        declare()

        reference_data.register("social categories", social_categories_seed)

        from .demo import demo_patrons_load

        demo_data.register("patrons", demo_patrons_load)

        from civicdesk.core import metrics

        from .models import Patron

        def new_patrons(libraries, start, end):
            return Patron.objects.filter(library__in=libraries, registered_on__gte=start,
                                         registered_on__lt=end).count()

        metrics.register(metrics.Metric("new_patrons", _("new patrons registered"),
                                        new_patrons, order=30))
