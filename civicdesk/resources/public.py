"""The public catalog on the portal: browse by category and level, search in any word
form, most used first; opening a resource goes through a counted redirect."""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render

from civicdesk.org.models import Network

from . import actions, selectors
from .models import Resource, ResourceCategory


def catalog(request, network_pk):
    network = get_object_or_404(Network, pk=network_pk)
    query = request.GET.get("q", "").strip()[:200]
    category = request.GET.get("category", "")
    level = request.GET.get("level", "")
    if level not in Resource.Level.values:
        level = ""
    resources = list(selectors.catalog(network, query=query, category=category,
                                       level=level)[:300])
    if query and not resources and not category and not level:
        actions.search_missed(network=network, query=query)
    return render(request, "resources/public_catalog.html", {
        "network": network, "resources": resources, "query": query,
        "categories": ResourceCategory.objects.all(), "category": category,
        "levels": Resource.Level.choices, "level": level,
    })


def go(request, pk):
    """Count the click (no one's data), then open the resource's current address."""
    resource = get_object_or_404(Resource, pk=pk, is_archived=False)
    actions.resource_opened(resource=resource)
    return HttpResponseRedirect(resource.url)
