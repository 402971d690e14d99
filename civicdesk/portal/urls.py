from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("services/<int:network_pk>/", views.services, name="services"),
    path("centers/<int:pk>/", views.center, name="center"),
]
