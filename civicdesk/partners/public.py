"""The portal's news: the list and one item's page, with the RSS and Atom feeds
announced in the page's head."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from civicdesk.org.models import Network

from . import selectors


def news_list(request, network_pk):
    network = get_object_or_404(Network, pk=network_pk)
    page = Paginator(selectors.published_news(network).select_related("event"), 20).get_page(
        request.GET.get("page"))
    return render(request, "partners/public_news_list.html", {
        "network": network, "page": page})


def news_detail(request, network_pk, pk):
    network = get_object_or_404(Network, pk=network_pk)
    item = get_object_or_404(selectors.published_news(network).select_related("event"), pk=pk)
    return render(request, "partners/public_news_detail.html", {
        "network": network, "item": item})
