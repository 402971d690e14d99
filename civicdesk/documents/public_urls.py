from django.urls import path

from . import public

app_name = "laws"

urlpatterns = [
    path("<int:network_pk>/", public.search_page, name="search"),
    path("<int:network_pk>/doc/<int:pk>/", public.document_page, name="document"),
]
