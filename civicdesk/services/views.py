from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org.decorators import network_page, staff_required
from civicdesk.org.permissions import can_manage_services
from civicdesk.org.permissions import network_or_404 as _network_for

from . import actions, selectors
from .forms import ServiceForm
from .models import Service


@staff_required
@network_page("services:list")
def service_list(request, network, networks):
    return render(request, "services/service_list.html", {
        "network": network,
        "networks": networks,
        "groups": selectors.service_groups_with_services(network, include_archived=True),
        "can_manage": can_manage_services(request.user, network),
    })


def _managed_service(user, pk) -> Service:
    service = get_object_or_404(Service.objects.select_related("network"), pk=pk)
    _network_for(user, service.network_id)
    if not can_manage_services(user, service.network):
        raise PermissionDenied
    return service


@staff_required
def service_create(request, network_pk):
    network = _network_for(request.user, network_pk)
    if not can_manage_services(request.user, network):
        raise PermissionDenied
    form = ServiceForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            actions.service_create(network=network, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Service added."))
            return redirect("services:list", network_pk=network.pk)
    return render(request, "services/service_form.html", {"form": form, "network": network})


@staff_required
def service_edit(request, pk):
    service = _managed_service(request.user, pk)
    form = ServiceForm(request.POST or None, instance=Service.objects.get(pk=service.pk),
                       network=service.network)
    if request.method == "POST" and form.is_valid():
        try:
            actions.service_update(service=service, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("services:list", network_pk=service.network_id)
    return render(request, "services/service_form.html",
                  {"form": form, "network": service.network, "service": service})


@staff_required
@require_POST
def service_archive(request, pk):
    service = _managed_service(request.user, pk)
    if request.POST.get("restore"):
        actions.service_restore(service=service)
        messages.success(request, _("Service restored."))
    else:
        actions.service_archive(service=service)
        messages.success(request, _("Service archived."))
    return redirect(reverse("services:list", args=[service.network_id]))


@staff_required
@require_POST
def service_remove(request, pk):
    service = _managed_service(request.user, pk)
    if actions.service_remove(service=service):
        messages.success(request, _("Service deleted."))
    else:
        messages.info(request, _("The service has been used, so it was archived, not deleted."))
    return redirect(reverse("services:list", args=[service.network_id]))
