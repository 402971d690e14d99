from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "civicdesk.events"
    verbose_name = _("Events and courses")

    def ready(self):
        from . import patron_data

        patron_data.register_holder()

        from . import course_metrics, course_permissions

        course_permissions.declare()
        course_metrics.register_metrics()
