"""Public pages: what the center is, where and when it works, what it offers."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from civicdesk.org import selectors as org_selectors
from civicdesk.org.models import Library, Network
from civicdesk.services.selectors import service_groups_with_services


def home(request):
    centers = list(org_selectors.centers_for_portal())
    networks = Network.objects.filter(libraries__in=centers).distinct()
    single = networks.first() if networks.count() == 1 else None
    return render(request, "portal/home.html", {
        "centers": centers,
        "networks": networks,
        "groups": service_groups_with_services(single) if single else None,
        "network": single,
    })


def services(request, network_pk):
    network = get_object_or_404(Network, pk=network_pk)
    return render(request, "portal/services.html", {
        "network": network,
        "groups": service_groups_with_services(network),
    })


def center(request, pk):
    library = get_object_or_404(Library.objects.select_related("network"), pk=pk,
                                is_active=True)
    if not library.has_center:
        raise Http404
    today = timezone.localdate()
    return render(request, "portal/center.html", {
        "library": library,
        "hours": org_selectors.library_hours(library),
        "closures": org_selectors.closures_current_and_upcoming(library, today=today),
    })


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
