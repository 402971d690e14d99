from django.urls import path

from . import feeds, public

app_name = "news"

urlpatterns = [
    path("<int:network_pk>/", public.news_list, name="list"),
    path("<int:network_pk>/rss/", feeds.NewsRSS(), name="rss"),
    path("<int:network_pk>/atom/", feeds.NewsAtom(), name="atom"),
    path("<int:network_pk>/<int:pk>/", public.news_detail, name="detail"),
]
