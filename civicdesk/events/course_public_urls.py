"""The portal's certificate check. No app_name: the events' public URLconf includes these
under its "events_public" namespace (/events/certificate/)."""

from django.urls import path, re_path

from . import course_public as views

urlpatterns = [
    path("certificate/", views.certificate_check, name="course_certificate_check"),
    re_path(r"^certificate/(?P<code>[A-Za-z0-9-]{1,40})/$", views.certificate_check,
            name="course_certificate"),
]
