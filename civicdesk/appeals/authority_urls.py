"""The authorities directory's pages. No app_name: the appeals URLconf includes these
under its "appeals" namespace (reverse("appeals:authorities", …))."""

from django.urls import path

from . import authority_views as views

urlpatterns = [
    path("authorities/", views.authority_list, name="authorities"),
    path("authorities/network/<int:network_pk>/", views.authority_list, name="authorities"),
    path("authorities/network/<int:network_pk>/new/", views.authority_create,
         name="authority_create"),
    path("authorities/network/<int:network_pk>/import/", views.authority_import,
         name="authority_import"),
    path("authorities/<int:pk>/", views.authority_detail, name="authority_detail"),
    path("authorities/<int:pk>/edit/", views.authority_edit, name="authority_edit"),
]
