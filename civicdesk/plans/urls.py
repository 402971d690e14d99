from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/execution/", views.plan_execution, name="execution"),
    path("<int:pk>/item/", views.item_edit, name="item_add"),
    path("<int:pk>/item/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("<int:pk>/item/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
    path("<int:pk>/item/<int:item_pk>/done/", views.item_done, name="item_done"),
    path("<int:pk>/split/", views.plan_split, name="plan_split"),
    path("<int:pk>/<str:what>/", views.plan_action, name="plan_action"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("reports/<int:pk>/file/<str:fmt>/", views.report_download, name="report_download"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
