from django.urls import path

from . import views

app_name = "patrons"

urlpatterns = [
    path("", views.patron_search, name="search"),
    path("new/", views.patron_register, name="register"),
    path("import/", views.import_upload, name="import"),
    path("import/columns/", views.import_map, name="import_map"),
    path("<int:pk>/", views.patron_detail, name="detail"),
    path("<int:pk>/edit/", views.patron_edit, name="edit"),
    path("<int:pk>/export/", views.patron_export, name="export"),
    path("<int:pk>/merge/", views.patron_merge, name="merge"),
    path("<int:pk>/consent-form/", views.consent_form, name="consent_form"),
    path("consent-form/", views.consent_form, name="consent_form_blank"),
    path("<int:pk>/consents/", views.consent_give, name="consent_give"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
]
