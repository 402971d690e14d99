from django.urls import path

from . import views

app_name = "journal"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("patrons/", views.patron_suggestions, name="patron_suggestions"),
    path("patrons/new/", views.desk_new_patron, name="new_patron"),
    path("<int:pk>/edit/", views.entry_edit, name="edit"),
    path("<int:pk>/cancel/", views.entry_cancel, name="cancel"),
    path("needs/", views.needs, name="needs"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("needs/<int:pk>/close/", views.need_close, name="need_close"),
]
