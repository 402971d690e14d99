from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("", views.service_list, name="index"),
    path("<int:network_pk>/", views.service_list, name="list"),
    path("<int:network_pk>/new/", views.service_create, name="create"),
    path("service/<int:pk>/edit/", views.service_edit, name="edit"),
    path("service/<int:pk>/archive/", views.service_archive, name="archive"),
    path("service/<int:pk>/remove/", views.service_remove, name="remove"),
]
