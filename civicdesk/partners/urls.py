from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    path("<int:network_pk>/", views.partner_list, name="list"),
    path("<int:network_pk>/new/", views.partner_create, name="create"),
    path("item/<int:pk>/", views.partner_detail, name="detail"),
    path("item/<int:pk>/edit/", views.partner_edit, name="edit"),
    path("item/<int:pk>/events/link/", views.partner_link_event, name="link_event"),
    path("item/<int:pk>/events/<int:event_pk>/unlink/", views.partner_unlink_event,
         name="unlink_event"),
    path("item/<int:pk>/agreements/new/", views.agreement_create, name="agreement_create"),
    path("item/<int:pk>/interactions/new/", views.interaction_create,
         name="interaction_create"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/file/", views.agreement_file, name="agreement_file"),
    path("<int:network_pk>/campaigns/", views.campaign_list, name="campaigns"),
    path("<int:network_pk>/campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("<int:network_pk>/publications/", views.publication_list, name="publications"),
    path("<int:network_pk>/publications/new/", views.publication_create,
         name="publication_create"),
    path("publications/<int:pk>/edit/", views.publication_edit, name="publication_edit"),
    path("<int:network_pk>/news/", views.news_list, name="news"),
    path("<int:network_pk>/news/new/", views.news_create, name="news_create"),
    path("news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("news/<int:pk>/publish/", views.news_publish, name="news_publish"),
]
