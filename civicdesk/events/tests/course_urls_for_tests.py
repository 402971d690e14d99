"""Test-only URLconf: the project's URLs plus the courses' pages, until the events
URLconf includes them (the lead removes this file when wiring)."""

from django.urls import include, path

from civicdesk.events import course_public_urls, course_urls
from civicdesk.urls import urlpatterns as project

urlpatterns = [
    path("staff/events/", include((course_urls.urlpatterns, "events"))),
    path("events/", include((course_public_urls.urlpatterns, "events_public"))),
    *project,
]
