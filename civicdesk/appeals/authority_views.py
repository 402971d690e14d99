"""Staff pages of the authorities directory: the directory as a tree (the shared central
bodies and the network's own), one body with its parts, add and correct, import."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from civicdesk.org.decorators import staff_required
from civicdesk.org.models import Network
from civicdesk.org.permissions import network_or_404 as _network_for
from civicdesk.org.permissions import networks_visible_to

from . import authority_import as importing
from .authority_forms import AuthorityForm, AuthorityImportForm, in_scope, name_key
from .authority_permissions import can_edit_authorities, can_edit_authority
from .models import Authority


def _authority_for(user, pk) -> Authority:
    """A shared body for any staff member; a network's body only for its staff."""
    authority = get_object_or_404(Authority.objects.select_related("network", "parent"), pk=pk)
    if authority.network_id is not None:
        _network_for(user, authority.network_id)
    return authority


def _back_network(request, authority: Authority) -> Network | None:
    """The network whose directory a page links back to."""
    if authority.network_id is not None:
        return authority.network
    networks = networks_visible_to(request.user)
    wanted = request.GET.get("network") or request.POST.get("network")
    if wanted and str(wanted).isdigit():
        found = networks.filter(pk=wanted).first()
        if found:
            return found
    return networks.first()


@dataclass
class Node:
    authority: Authority
    children: list = field(default_factory=list)


def _tree(bodies: list[Authority]) -> list[Node]:
    """Roots first: the shared central bodies, then the network's own; parts under their
    body, each level by name. A body whose parent is outside the list is a root."""
    nodes = {b.pk: Node(b) for b in bodies}
    roots = []
    for body in bodies:
        parent = nodes.get(body.parent_id)
        (parent.children if parent else roots).append(nodes[body.pk])

    def order(items):
        items.sort(key=lambda n: (n.authority.network_id is not None, name_key(n.authority.name)))
        for n in items:
            order(n.children)
    order(roots)
    return roots


@staff_required
def authority_list(request, network_pk=None):
    networks = list(networks_visible_to(request.user))
    if network_pk is None:
        if not networks:
            raise Http404
        return redirect("appeals:authorities", network_pk=networks[0].pk)
    network = _network_for(request.user, network_pk)
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    if kind not in Authority.Kind.values:
        kind = ""
    bodies = list(in_scope(network).select_related("parent"))
    filtered = bool(query or kind)
    found, tree = [], [] if filtered else _tree(bodies)
    if filtered:
        words = name_key(query).split()
        found = sorted((b for b in bodies
                        if (not kind or b.kind == kind)
                        and all(w in name_key(b.name) for w in words)),
                       key=lambda b: (b.network_id is not None, name_key(b.name)))
    return render(request, "appeals/authorities.html", {
        "network": network, "networks": networks,
        "found": found[:500], "filtered": filtered,
        "central": [n for n in tree if n.authority.network_id is None],
        "local": [n for n in tree if n.authority.network_id is not None],
        "count": len(bodies), "kinds": Authority.Kind.choices,
        "filters": {"q": query, "kind": kind},
        "can_edit": can_edit_authorities(request.user, network),
    })


@staff_required
def authority_detail(request, pk):
    authority = _authority_for(request.user, pk)
    children = Authority.objects.filter(parent=authority)
    if authority.network_id is None:
        # parts of a central body: the shared ones and those of the networks one sees
        children = children.filter(network__isnull=True) | children.filter(
            network__in=networks_visible_to(request.user))
    ancestors = []
    up, seen = authority.parent, set()
    while up is not None and up.pk not in seen:
        ancestors.insert(0, up)
        seen.add(up.pk)
        up = up.parent
    network = _back_network(request, authority)
    return render(request, "appeals/authority_detail.html", {
        "authority": authority, "children": children.order_by("name"), "ancestors": ancestors,
        "network": network,
        "can_edit": can_edit_authority(request.user, authority),
        "can_add_part": network is not None and can_edit_authorities(request.user, network),
    })


@staff_required
def authority_create(request, network_pk):
    network = _network_for(request.user, network_pk)
    if not can_edit_authorities(request.user, network):
        raise PermissionDenied
    # the administrator may add a shared central body from here
    shared = request.user.is_superuser and (request.GET.get("shared") == "1"
                                            or request.POST.get("shared") == "1")
    initial = {}
    parent_pk = request.GET.get("parent")
    if parent_pk and parent_pk.isdigit():
        parent = in_scope(None if shared else network).filter(pk=parent_pk).first()
        if parent:
            initial = {"parent": parent, "kind": parent.kind, "level": parent.level,
                       "territory": parent.territory}
    if shared:
        initial.setdefault("level", Authority.Level.NATIONAL)
        initial.setdefault("kind", Authority.Kind.CENTRAL)
    form = AuthorityForm(request.POST or None, network=None if shared else network,
                         initial=initial)
    if request.method == "POST" and form.is_valid():
        authority = form.save()
        messages.success(request, _("Added to the directory."))
        return redirect("appeals:authority_detail", pk=authority.pk)
    return render(request, "appeals/authority_form.html", {
        "form": form, "network": network, "shared": shared})


@staff_required
def authority_edit(request, pk):
    authority = _authority_for(request.user, pk)
    if not can_edit_authority(request.user, authority):
        raise PermissionDenied
    network = _back_network(request, authority)
    form = AuthorityForm(request.POST or None, instance=authority, network=authority.network)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("appeals:authority_detail", pk=authority.pk)
    authority.refresh_from_db()
    return render(request, "appeals/authority_form.html", {
        "form": form, "network": network, "authority": authority,
        "shared": authority.network_id is None})


SESSION_KEY = "authorities_import"


@staff_required
def authority_import(request, network_pk):
    network = _network_for(request.user, network_pk)
    if not can_edit_authorities(request.user, network):
        raise PermissionDenied
    form = AuthorityImportForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(SESSION_KEY)
        if not stored or stored["network"] != network.pk:
            messages.error(request, _("Upload the file again."))
            return redirect("appeals:authority_import", network_pk=network.pk)
        rows = importing.check_rows(
            [importing.Row(number=n, values=v) for n, v in stored["rows"]], network)
        try:
            added = importing.import_rows(rows, network, by=request.user,
                                                 filename=stored["filename"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            del request.session[SESSION_KEY]
            messages.success(request, _("Added %(n)s bodies to the directory.") % {"n": added})
            return redirect("appeals:authorities", network_pk=network.pk)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importing.read_rows(upload.read(), upload.name)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            raw = [(r.number, dict(r.values)) for r in rows]
            importing.check_rows(rows, network)
            if any(r.errors for r in rows):
                request.session.pop(SESSION_KEY, None)
            else:
                request.session[SESSION_KEY] = {
                    "network": network.pk, "filename": upload.name[:200], "rows": raw}
    errors = [r for r in rows if r.errors] if rows else []
    preview = (rows or [])[:100]
    kinds, levels = dict(Authority.Kind.choices), dict(Authority.Level.choices)
    for row in preview:
        row.values["kind_label"] = kinds.get(row.values["kind"], "")
        row.values["level_label"] = levels.get(row.values["level"], "")
    return render(request, "appeals/authority_import.html", {
        "network": network, "form": form, "rows": rows, "errors": errors[:200],
        "n_errors": len(errors), "preview": preview})
