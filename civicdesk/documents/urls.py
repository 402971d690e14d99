from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:network_pk>/", views.document_list, name="list"),
    path("<int:network_pk>/new/", views.document_create, name="create"),
    path("<int:network_pk>/synonyms/", views.synonyms_page, name="synonyms"),
    path("doc/<int:pk>/", views.document_detail, name="detail"),
    path("doc/<int:pk>/edit/", views.document_edit, name="edit"),
    path("doc/<int:pk>/relation/", views.relation_add, name="relation_add"),
    path("article/<int:pk>/edit/", views.article_edit, name="article_edit"),
    path("file/<int:pk>/", views.file_download, name="file"),
    path("synonyms/<int:pk>/delete/", views.synonym_delete, name="synonym_delete"),
]

try:  # the bulk import pages
    from . import import_urls

    urlpatterns += import_urls.urlpatterns
except ImportError:
    pass
