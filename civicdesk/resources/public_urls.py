from django.urls import path

from . import public

app_name = "catalog"

urlpatterns = [
    path("<int:network_pk>/", public.catalog, name="catalog"),
    path("go/<int:pk>/", public.go, name="go"),
]
