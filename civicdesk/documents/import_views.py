"""Bulk import pages: upload a ZIP of files with its metadata table (or, for the
administrator, a legislation corpus file), see every row checked, confirm, then watch the
background batch until its report."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicdesk.core.forms import StyledFormMixin
from civicdesk.org.decorators import staff_required
from civicdesk.org.models import Network
from civicdesk.org.permissions import networks_visible_to

from . import importing, tasks
from .extract import check_upload_size
from .models import ImportBatch
from .permissions import can_import_documents

SESSION_KEY = "documents_import"
SHARED = "shared"


def _networks(user) -> list[Network]:
    return [n for n in networks_visible_to(user).order_by("name") if can_import_documents(user, n)]


class ImportForm(StyledFormMixin, forms.Form):
    target = forms.ChoiceField(label=gettext_lazy("import into"))
    file = forms.FileField(
        label=gettext_lazy("ZIP of documents"),
        help_text=gettext_lazy(
            "PDF, DOCX, ODT, RTF, HTML or TXT files with metadata.csv inside (columns: file, "
            "kind, level, issuer, number, adopted_on, title, status, in_force_from, "
            "lost_force_on, source_url, territory, tags, published); the administrator may "
            "also upload a legislation corpus (.jsonl.gz)."))
    metadata = forms.FileField(
        label=gettext_lazy("metadata table"), required=False,
        help_text=gettext_lazy("CSV or XLSX, when it is not inside the ZIP."))

    def __init__(self, *args, user, networks, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(n.pk), n.name) for n in networks]
        if user.is_superuser:
            choices.append((SHARED, _("state acts shared by every network")))
        self.fields["target"].choices = choices

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload_size(upload.size)  # before a byte of it is read
        name = upload.name.lower()
        if not name.endswith((".zip", ".jsonl.gz", ".jsonl")):
            raise ValidationError(_("Choose a ZIP file (or a legislation corpus, .jsonl.gz)."))
        return upload

    def clean_metadata(self):
        upload = self.cleaned_data.get("metadata")
        if upload is not None:
            check_upload_size(upload.size)
            if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
                raise ValidationError(_("Choose a CSV or XLSX file."))
        return upload

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None and not upload.name.lower().endswith(".zip"):
            if data.get("target") != SHARED:
                self.add_error("file", _("A legislation corpus goes into the state acts shared "
                                         "by every network (the administrator's)."))
        elif data.get("target") == SHARED and upload is not None:
            self.add_error("target", _("A ZIP of documents goes into a network."))
        return data


@staff_required
def import_upload(request):
    networks = _networks(request.user)
    if not networks and not request.user.is_superuser:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user,
                      networks=networks)
    preview = None
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, networks)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        network = None if target == SHARED else next(n for n in networks if str(n.pk) == target)
        token = uuid.uuid4().hex
        upload = form.cleaned_data["file"]
        stored = importing.store_upload(token, upload, upload.name)
        state = {"token": token, "network": network.pk if network else None,
                 "source": upload.name[:200]}
        try:
            if upload.name.lower().endswith(".zip"):
                metadata = form.cleaned_data.get("metadata")
                metadata_name = (importing.store_upload(token, metadata, metadata.name)
                                 if metadata else "")
                preview = importing.preview_zip(token, stored, metadata_name, network=network)
                state.update(kind="zip", zip=stored, metadata=metadata_name)
            else:
                preview = importing.preview_corpus(importing.upload_dir(token) / stored)
                state.update(kind="corpus", corpus=stored)
        except ValidationError as exc:
            importing.upload_discard(token)
            form.add_error("file", exc)
            preview = None
        else:
            old = request.session.get(SESSION_KEY)
            if old:
                importing.upload_discard(old["token"])
            errors = [r for r in preview.get("rows", []) if r.errors]
            if errors:
                importing.upload_discard(token)
                request.session.pop(SESSION_KEY, None)
            else:
                request.session[SESSION_KEY] = state
            preview.update(errors=errors[:200], n_errors=len(errors), state=state,
                           sample=preview.get("rows", [])[:50])
    return render(request, "documents/import.html", {"form": form, "preview": preview,
                                                     "batches": _recent(request.user)})


def _confirm(request, networks):
    state = request.session.pop(SESSION_KEY, None)
    if not state or not importing.upload_dir(state["token"]).is_dir():
        messages.error(request, _("Upload the file again."))
        return redirect("documents:import")
    network = None
    if state["network"] is not None:
        network = next((n for n in networks if n.pk == state["network"]), None)
        if network is None:
            raise PermissionDenied
    elif not request.user.is_superuser:
        raise PermissionDenied
    upload = {k: state[k] for k in ("kind", "zip", "metadata", "corpus") if k in state}
    upload["dir"] = state["token"]
    batch = importing.batch_create(network=network, kind=state["kind"], source=state["source"],
                                   upload=upload, by=request.user)
    tasks.import_batch(batch.pk)
    return redirect("documents:import_batch", pk=batch.pk)


def _recent(user):
    batches = ImportBatch.objects.select_related("network").order_by("-created_at")
    if not user.is_superuser:
        batches = batches.filter(network__in=_networks(user))
    return batches[:10]


@staff_required
def import_batch(request, pk):
    batch = get_object_or_404(ImportBatch.objects.select_related("network", "created_by"), pk=pk)
    if batch.network_id is not None and batch.network not in networks_visible_to(request.user):
        raise Http404
    if not can_import_documents(request.user, batch.network):
        raise PermissionDenied if batch.network_id else Http404
    done, total = importing.progress_of(batch)
    finished = batch.state in (ImportBatch.State.DONE, ImportBatch.State.FAILED)
    context = {"batch": batch, "done": done, "total": total, "finished": finished,
               "percent": round(100 * done / total) if total else 0,
               "report": batch.report}
    if request.htmx:
        return render(request, "documents/import_progress.html", context)
    return render(request, "documents/import_batch.html", context)
