from django.urls import path

from . import course_public_urls, public

app_name = "events_public"

urlpatterns = [
    path("<int:network_pk>/", public.calendar, name="calendar"),
    path("<int:network_pk>/calendar.ics", public.calendar_ics, name="ics"),
    path("event/<int:pk>/", public.event_page, name="event"),
    path("event/<int:pk>/register/", public.register, name="register"),
    path("event/<int:pk>/feedback/", public.feedback, name="feedback"),
    path("registration/<str:token>/", public.confirmation, name="confirmation"),
    path("registration/<str:token>/cancel/", public.cancel, name="cancel"),
]

urlpatterns += course_public_urls.urlpatterns  # courses
