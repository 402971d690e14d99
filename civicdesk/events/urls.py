from django.urls import path

from . import course_urls, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:network_pk>/", views.event_list, name="list"),
    path("<int:network_pk>/new/", views.event_create, name="create"),
    path("event/<int:pk>/", views.event_detail, name="detail"),
    path("event/<int:pk>/edit/", views.event_edit, name="edit"),
    path("event/<int:pk>/register/", views.register, name="register"),
    path("event/<int:pk>/checkin/", views.checkin, name="checkin"),
    path("event/<int:pk>/print/", views.registrations_print, name="print"),
    path("event/<int:pk>/<str:what>/", views.event_action, name="action"),
    path("registration/<int:pk>/cancel/", views.registration_cancel,
         name="registration_cancel"),
    path("registration/<int:pk>/attended/", views.checkin_mark, name="checkin_mark"),
]

urlpatterns += course_urls.urlpatterns  # courses
