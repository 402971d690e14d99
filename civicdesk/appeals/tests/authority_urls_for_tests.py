"""The project's URLs plus the authorities pages under the "appeals" namespace, for the
page tests until civicdesk/appeals/urls.py is wired into civicdesk/urls.py (then this
shim goes and the tests drop their @pytest.mark.urls)."""

from django.urls import include, path

from civicdesk.appeals import authority_urls
from civicdesk.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("staff/appeals/", include((authority_urls.urlpatterns, "appeals"))),
]
