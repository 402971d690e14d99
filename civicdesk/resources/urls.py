from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="list"),
    path("<int:network_pk>/", views.resource_list, name="list"),
    path("<int:network_pk>/new/", views.resource_create, name="create"),
    path("<int:network_pk>/report/", views.link_report, name="report"),
    path("<int:network_pk>/check/", views.check_now, name="check_now"),
    path("<int:network_pk>/suggestions/", views.suggestions, name="suggestions"),
    path("<int:network_pk>/import/", views.import_upload, name="import"),
    path("<int:network_pk>/export/<str:fmt>/", views.export, name="export"),
    path("item/<int:pk>/", views.resource_detail, name="detail"),
    path("item/<int:pk>/edit/", views.resource_edit, name="edit"),
    path("item/<int:pk>/<str:what>/", views.resource_action, name="action"),
    path("suggestions/<int:pk>/dismiss/", views.suggestion_dismiss, name="suggestion_dismiss"),
]
