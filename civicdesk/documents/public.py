"""The document search on the portal: published documents only."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from civicdesk.org.models import Network

from .models import Document
from .views import run_search


def search_page(request, network_pk):
    network = get_object_or_404(Network, pk=network_pk)
    return render(request, "documents/public_search.html", {
        **run_search(request, network, public=True), "network": network})


def document_page(request, network_pk, pk):
    network = get_object_or_404(Network, pk=network_pk)
    document = get_object_or_404(Document, pk=pk, is_published=True)
    if document.network_id not in (None, network.pk):
        raise Http404
    return render(request, "documents/public_document.html", {
        "network": network, "document": document, "articles": document.articles.all()})
