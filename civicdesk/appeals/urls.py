from django.urls import path

from . import views

app_name = "appeals"

urlpatterns = [
    path("", views.appeal_list, name="list"),
    path("new/<int:patron_pk>/", views.appeal_create, name="create"),
    path("<int:pk>/", views.appeal_detail, name="detail"),
    path("<int:pk>/edit/", views.appeal_edit, name="edit"),
    path("<int:pk>/file/<str:fmt>/", views.appeal_download, name="download"),
    path("<int:pk>/<str:what>/", views.appeal_action, name="action"),
    path("templates/<int:network_pk>/", views.templates_page, name="templates"),
    path("template/<int:pk>/", views.template_edit, name="template_edit"),
]

try:  # the authorities directory
    from . import authority_urls

    urlpatterns += authority_urls.urlpatterns
except ImportError:
    pass
