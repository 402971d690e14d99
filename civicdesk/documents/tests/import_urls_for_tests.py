"""The project's URLs with the import pages under the "documents" namespace, for the tests
of the import pages until the documents app's own urls.py includes them."""

from django.urls import include, path

from civicdesk import urls as project
from civicdesk.documents import import_urls

urlpatterns = [p for p in project.urlpatterns if getattr(p, "namespace", None) != "documents"]
urlpatterns.append(path("staff/documents/", include((import_urls.urlpatterns, "documents"))))
