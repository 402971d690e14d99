"""Staff pages of the document library: search with filters, add a document (typed or
from a file, its text checked before saving), one document with its articles, edit,
synonyms and abbreviations, searches that found nothing."""

import hashlib
import re
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org.decorators import network_page, staff_required
from civicdesk.org.permissions import network_or_404 as _network_for
from civicdesk.org.permissions import networks_visible_to

from . import actions, importing, search
from .forms import ArticleForm, DocumentForm, SearchForm, SynonymForm
from .models import Article, Document, DocumentFile, Relation, SearchMiss, Synonym
from .numbers import number_key
from .permissions import can_edit_documents, can_import_documents

PAGE = 20
PENDING = "documents_pending_file"


def _document_for(user, pk) -> Document:
    document = get_object_or_404(Document.objects.select_related("network"), pk=pk)
    if document.network_id is not None:
        _network_for(user, document.network_id)
    elif not networks_visible_to(user).exists():
        raise Http404
    return document


def run_search(request, network, *, public: bool):
    """The search form and its results (shared by the staff and the portal page)."""
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = search.Filters(**{k: data.get(k) or ("" if k != "year" else None) for k in
                                ("kind", "level", "issuer", "status", "year", "territory",
                                 "collection")})
    page = data.get("page") or 1
    query = (data.get("q") or request.GET.get("q", ""))[:1000]
    results = None
    if query.strip():
        results = search.search(query, network=network, public=public, filters=filters,
                                sort=data.get("sort") or "relevance", limit=PAGE,
                                offset=(page - 1) * PAGE, facets=True)
    return {"form": form, "query": query, "filters": filters, "results": results,
            "facet_groups": _facet_groups(request, results, filters),
            "page": page, "has_next": bool(results and results.total > page * PAGE),
            "kinds": Document.Kind.choices, "levels": Document.Level.choices,
            "statuses": Document.Status.choices, "collections": Document.Collection.choices}


FACET_SHOWN = 10  # values of a facet listed


def _facet_groups(request, results, filters) -> list[tuple[str, list[tuple]]]:
    """The facets as the page lists them: (heading, [(value's label, count, link,
    chosen)]). A link narrows the search to that value, or, for the value chosen,
    widens it again; the rest of the search stays."""
    if results is None or not results.facets:
        return []
    names = {"kind": dict(Document.Kind.choices), "level": dict(Document.Level.choices),
             "status": dict(Document.Status.choices)}
    headings = {"year": _("year adopted")}
    groups = []
    for key in search.FACETS:
        values = results.facets.get(key) or []
        if not values:
            continue
        chosen = getattr(filters, key)
        items = []
        for value, n in values[:FACET_SHOWN]:
            params = request.GET.copy()
            params.pop("page", None)
            active = str(chosen or "") == str(value)
            if active:
                params.pop(key, None)
            else:
                params[key] = value
            items.append((capfirst(names.get(key, {}).get(value, value)), n,
                          "?" + params.urlencode(), active))
        heading = headings.get(key) or Document._meta.get_field(key).verbose_name
        groups.append((capfirst(heading), items))
    return groups


@staff_required
@network_page("documents:list")
def document_list(request, network, networks):
    context = run_search(request, network, public=False)
    recent = None
    if context["results"] is None:
        recent = (Document.objects.filter(Q(network=network) | Q(network__isnull=True))
                  .order_by("-created_at")[:30])
    return render(request, "documents/list.html", {
        **context, "network": network, "networks": networks, "recent": recent,
        "own": Document.objects.filter(network=network,
                                       collection=Document.Collection.CENTER),
        "can_edit": can_edit_documents(request.user, network),
        "can_import": can_import_documents(request.user, network),
    })


def _extract_into(request, form, upload):
    """Take the text out of an uploaded file and show it in the form to check; the file
    waits in the media folder (its token in the session) to be kept with the document."""
    from . import extract

    try:
        extract.check_upload_size(upload.size)
        found = extract.extract(upload.read(), upload.name)
    except ValidationError as exc:
        form.add_error("upload", exc)
        return None
    token = uuid.uuid4().hex
    upload.seek(0)
    stored = importing.store_upload(token, upload, upload.name)
    request.session[PENDING] = {"token": token, "stored": stored, "name": upload.name[:255],
                                "type": upload.content_type or "",
                                "encoding": found.encoding or "",
                                "scanned": found.text_layer_missing}
    data = form.data.copy()
    data["text"] = found.text
    form.data = data
    return found


def _keep_pending_file(request, document, by) -> None:
    """Attach the file the text was taken from to the saved document."""
    pending = request.session.pop(PENDING, None)
    if not pending or not re.fullmatch(r"[0-9a-f]{32}", pending.get("token", "")):
        return
    path = importing.upload_dir(pending["token"]) / pending["stored"]
    if path.is_file():
        data = path.read_bytes()
        stored = DocumentFile(document=document, original_name=pending["name"],
                              content_type=pending["type"][:100], size=len(data),
                              sha256=hashlib.sha256(data).hexdigest(),
                              encoding=pending["encoding"][:20], uploaded_by=by)
        stored.file.save(pending["stored"], ContentFile(data), save=True)
        if pending.get("scanned") and not document.text_layer_missing:
            # the text was typed over a scan: marked, as a bulk import marks it
            document.text_layer_missing = True
            document.save(update_fields=["text_layer_missing"])
    importing.upload_discard(pending["token"])


@staff_required
def document_create(request, network_pk):
    network = _network_for(request.user, network_pk)
    if not can_edit_documents(request.user, network):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    found = None
    if request.method == "GET":  # a file left from an abandoned form
        pending = request.session.pop(PENDING, None)
        if pending and re.fullmatch(r"[0-9a-f]{32}", pending.get("token", "")):
            importing.upload_discard(pending["token"])
    if request.method == "POST":
        upload = request.FILES.get("upload")
        if upload is not None and "save" not in request.POST:
            found = _extract_into(request, form, upload)
            if found is not None:
                messages.info(request, _("The text was taken from the file: check it, "
                                         "correct it if needed, then save."))
        elif form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k not in ("text", "upload")}
            try:
                document = actions.document_create(network=network, by=request.user,
                                                   text=form.cleaned_data["text"], **fields)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                _keep_pending_file(request, document, request.user)
                messages.success(request, _("Document saved; it will be found in a "
                                            "minute."))
                return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/form.html", {
        "form": form, "network": network, "found": found, "document": None})


@staff_required
def document_detail(request, pk):
    document = _document_for(request.user, pk)
    network = document.network
    return render(request, "documents/detail.html", {
        "document": document, "articles": document.articles.all(),
        "files": document.files.all(),
        "relations": document.relations.select_related("target"),
        # another network's local acts that amend a shared act are theirs to see
        "relations_in": document.relations_in.select_related("source").filter(
            Q(source__network__isnull=True)
            | Q(source__network__in=networks_visible_to(request.user))),
        "can_edit": can_edit_documents(request.user, network),
    })


@staff_required
def document_edit(request, pk):
    document = _document_for(request.user, pk)
    if not can_edit_documents(request.user, document.network):
        raise PermissionDenied
    long_act = document.articles.count() > 1
    initial = {} if long_act else {"text": actions.full_text(document)}
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document,
                        initial=initial)
    if long_act:
        del form.fields["text"], form.fields["upload"]
    found = None
    if request.method == "POST":
        upload = request.FILES.get("upload")
        if upload is not None and "save" not in request.POST:
            found = _extract_into(request, form, upload)
        elif form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k not in ("text", "upload")}
            text = None if long_act else form.cleaned_data["text"]
            try:
                saved = actions.document_update(document=Document.objects.get(pk=pk),
                                                text=text, **fields)
                _keep_pending_file(request, saved, request.user)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("documents:detail", pk=pk)
    return render(request, "documents/form.html", {
        "form": form, "network": document.network, "document": document, "found": found,
        "long_act": long_act})


@staff_required
def article_edit(request, pk):
    article = get_object_or_404(Article.objects.select_related("document"), pk=pk)
    document = _document_for(request.user, article.document_id)
    if not can_edit_documents(request.user, document.network):
        raise PermissionDenied
    form = ArticleForm(request.POST or None,
                       initial={"title": article.title, "text": article.text})
    if request.method == "POST" and form.is_valid():
        actions.article_update(article=article, **form.cleaned_data)
        messages.success(request, _("Changes saved."))
        return redirect(f"{document.get_absolute_url()}#a{article.pk}")
    return render(request, "documents/article_form.html", {
        "form": form, "article": article, "document": document})


@staff_required
def file_download(request, pk):
    stored = get_object_or_404(DocumentFile, pk=pk)
    _document_for(request.user, stored.document_id)
    return FileResponse(stored.file.open("rb"), as_attachment=True,
                        filename=stored.original_name)


@staff_required
def synonyms_page(request, network_pk):
    network = _network_for(request.user, network_pk)
    can_change = can_import_documents(request.user, network)
    form = SynonymForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.synonym_save(network=network, **form.cleaned_data)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, _("Added."))
                return redirect("documents:synonyms", network_pk=network.pk)
    return render(request, "documents/synonyms.html", {
        "network": network, "form": form, "can_change": can_change,
        "rows": Synonym.objects.filter(network=network),
        "misses": SearchMiss.objects.filter(Q(network=network) | Q(network__isnull=True))
        .order_by("-times", "-last_at")[:100],
    })


@staff_required
@require_POST
def synonym_delete(request, pk):
    synonym = get_object_or_404(Synonym, pk=pk)
    network = _network_for(request.user, synonym.network_id)
    if not can_import_documents(request.user, network):
        raise PermissionDenied
    actions.synonym_delete(synonym=synonym)
    messages.success(request, _("Removed."))
    return redirect("documents:synonyms", network_pk=network.pk)


@staff_required
@require_POST
def relation_add(request, pk):
    """"This document amends (repeals) the document № …"."""
    document = _document_for(request.user, pk)
    if not can_edit_documents(request.user, document.network):
        raise PermissionDenied
    kind = request.POST.get("kind", "")
    key = number_key(request.POST.get("number", ""))
    visible = Document.objects.filter(Q(network__isnull=True) | Q(network=document.network_id))
    target = visible.filter(number_key=key).exclude(pk=document.pk).first() if key else None
    if kind not in Relation.Kind.values or target is None:
        messages.error(request, _("No document with this number in the library."))
    else:
        try:
            actions.relation_add(source=document, target=target, kind=kind)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    return redirect("documents:detail", pk=pk)
