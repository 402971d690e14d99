from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "civicdesk.events"
    verbose_name = _("Events and courses")

    def ready(self):
        from civicdesk.core import demo_data

        from . import course_metrics, course_permissions, demo, metrics, patron_data, permissions

        patron_data.register_holder()
        permissions.declare()
        course_permissions.declare()
        metrics.register_metrics()
        course_metrics.register_metrics()
        demo_data.register("events", demo.demo_events_load)
