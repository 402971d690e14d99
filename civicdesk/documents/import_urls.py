"""Bulk import pages; included under the documents URLs (namespace "documents")."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("import/", import_views.import_upload, name="import"),
    path("import/<int:pk>/", import_views.import_batch, name="import_batch"),
]
