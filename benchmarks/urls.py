"""civicdesk's URLs plus the baseline view at /bench/insert/."""

from django.urls import path

from civicdesk.urls import urlpatterns as civicdesk_urlpatterns

from .benchapp.views import insert_row

urlpatterns = [
    path("bench/insert/", insert_row, name="bench_insert"),
    *civicdesk_urlpatterns,
]
