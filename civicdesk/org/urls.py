from django.urls import path

from .views import staff

app_name = "org"

urlpatterns = [
    path("libraries/", staff.library_list, name="library_list"),
    path("libraries/<int:pk>/", staff.library_detail, name="library_detail"),
    path("libraries/<int:pk>/edit/", staff.library_edit, name="library_edit"),
    path("libraries/<int:pk>/branches/new/", staff.branch_create, name="branch_create"),
    path("libraries/<int:pk>/hours/", staff.hours_edit, name="hours_edit"),
    path("libraries/<int:pk>/closures/new/", staff.closure_create, name="closure_create"),
    path("closures/<int:pk>/delete/", staff.closure_delete, name="closure_delete"),
]
