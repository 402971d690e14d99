"""Staff pages: the appeals list (mine, or the library's for the head), drafting a
letter with a citizen, one appeal with its letter, checks, files and tracking, and the
letter templates."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org.decorators import staff_required
from civicdesk.org.models import Library
from civicdesk.org.permissions import library_scope, networks_visible_to
from civicdesk.patrons.permissions import patrons_visible_to

from . import actions, drafting
from .forms import AnswerForm, AppealForm, ExtendForm, ForwardForm, LetterForm, SubmitForm, TemplateForm
from .models import Appeal, LetterTemplate
from .permissions import DRAFT, appeals_visible_to, can_draft_at, can_edit_templates


def _appeal_for(user, pk) -> Appeal:
    appeal = appeals_visible_to(user).filter(pk=pk).first()
    if appeal is None:
        raise Http404
    return appeal


@staff_required
def appeal_list(request):
    appeals = appeals_visible_to(request.user)
    show = request.GET.get("show", "open")
    if show == "open":
        appeals = appeals.filter(status__in=Appeal.OPEN + (Appeal.Status.DRAFT,))
    elif show == "overdue":
        appeals = appeals.filter(status__in=Appeal.OPEN, due_at__lt=timezone.now())
    elif show == "mine":
        appeals = appeals.filter(created_by=request.user)
    appeals = appeals.order_by("due_at", "-created_at") if show != "all" else appeals
    networks = list(networks_visible_to(request.user))
    return render(request, "appeals/list.html", {
        "appeals": appeals[:300], "show": show, "now": timezone.now(),
        "filters": [("open", _("open")), ("overdue", _("overdue")), ("mine", _("mine")),
                    ("all", _("all"))],
        "soon": timezone.now() + timedelta(days=2),
        "template_network": next((n for n in networks if can_edit_templates(request.user, n)),
                                 None),
    })


def _library_for(user, patron) -> Library | None:
    if can_draft_at(user, patron.library):
        return patron.library
    scope = library_scope(user, DRAFT)
    libraries = Library.objects.filter(network=patron.library.network)
    if scope is not None:
        libraries = libraries.filter(scope)
    return libraries.order_by("path").first()


@staff_required
def appeal_create(request, patron_pk):
    patron = get_object_or_404(patrons_visible_to(request.user), pk=patron_pk)
    library = _library_for(request.user, patron)
    if library is None:
        raise PermissionDenied
    network = library.network
    initial = {"requester_address": patron.email, "residence": patron.settlement,
               "kind": request.GET.get("kind", Appeal.Kind.INFO_REQUEST)}
    form = AppealForm(request.POST or None, initial=initial, network=network, patron=patron)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = actions.appeal_create(patron=patron, library=library, by=request.user,
                                           **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Draft saved. Check the letter, then print it or "
                                        "copy it into the online form."))
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/form.html", {"form": form, "patron": patron,
                                                 "appeal": None})


@staff_required
def appeal_detail(request, pk):
    appeal = _appeal_for(request.user, pk)
    network = appeal.network
    return render(request, "appeals/detail.html", {
        "appeal": appeal, "missing": drafting.missing(appeal),
        "submit_form": SubmitForm(initial={"submitted_at": timezone.localtime().replace(
            second=0, microsecond=0), "channel": Appeal.Channel.EMAIL}),
        "extend_form": ExtendForm(), "forward_form": ForwardForm(network=network),
        "answer_form": AnswerForm(initial={"answered_on": timezone.localdate()}),
        "followups": appeal.followups.all(),
    })


@staff_required
def appeal_edit(request, pk):
    appeal = _appeal_for(request.user, pk)
    if appeal.status != Appeal.Status.DRAFT:
        messages.error(request, _("Only a draft can be changed; this one was submitted."))
        return redirect("appeals:detail", pk=pk)
    form = AppealForm(request.POST or None, instance=appeal, network=appeal.network,
                      patron=appeal.patron, prefix="a")
    letter_form = LetterForm(request.POST or None, initial={"letter": appeal.letter},
                             prefix="l")
    if request.method == "POST":
        fresh = Appeal.objects.get(pk=pk)
        try:
            if "letter" in request.POST and letter_form.is_valid():
                actions.appeal_update(appeal=fresh, letter=letter_form.cleaned_data["letter"])
            elif "letter" not in request.POST and form.is_valid():
                actions.appeal_update(appeal=fresh, **form.cleaned_data)
            else:
                raise ValidationError(_("Correct the marked fields."))
        except ValidationError as exc:
            add_action_errors(letter_form if "letter" in request.POST else form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("appeals:detail", pk=pk)
    return render(request, "appeals/form.html", {"form": form, "letter_form": letter_form,
                                                 "patron": appeal.patron, "appeal": appeal})


ACTION_FORMS = {"submit": SubmitForm, "extend": ExtendForm, "forward": ForwardForm,
                "answer": AnswerForm}


@staff_required
@require_POST
def appeal_action(request, pk, what):
    appeal = _appeal_for(request.user, pk)
    if what == "close":
        actions.appeal_close(appeal=appeal)
        return redirect("appeals:detail", pk=pk)
    if what not in ACTION_FORMS:
        raise Http404
    kwargs = {"network": appeal.network} if what == "forward" else {}
    form = ACTION_FORMS[what](request.POST, request.FILES, **kwargs)
    if form.is_valid():
        try:
            getattr(actions, f"appeal_{what}")(appeal=appeal, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("appeals:detail", pk=pk)
    appeal.refresh_from_db()
    forms = {"submit_form": SubmitForm(), "extend_form": ExtendForm(),
             "forward_form": ForwardForm(network=appeal.network), "answer_form": AnswerForm()}
    forms[f"{what}_form"] = form
    return render(request, "appeals/detail.html", {
        "appeal": appeal, "missing": drafting.missing(appeal), "open_form": what,
        "followups": appeal.followups.all(), **forms}, status=400)


FILES = {"docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  drafting.as_docx),
         "pdf": ("application/pdf", drafting.as_pdf),
         "txt": ("text/plain; charset=utf-8", drafting.as_text)}


@staff_required
def appeal_download(request, pk, fmt):
    appeal = _appeal_for(request.user, pk)
    if fmt not in FILES:
        raise Http404
    problems = drafting.missing(appeal)
    if problems:
        for problem in problems:
            messages.error(request, problem.message)
        return redirect("appeals:detail", pk=pk)
    content_type, make = FILES[fmt]
    response = HttpResponse(make(appeal), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="appeal-{appeal.pk}.{fmt}"'
    return response


@staff_required
def templates_page(request, network_pk):
    network = networks_visible_to(request.user).filter(pk=network_pk).first()
    if network is None:
        raise Http404
    if not can_edit_templates(request.user, network):
        raise PermissionDenied
    drafting.templates_seed(network)
    return render(request, "appeals/templates.html", {
        "network": network, "templates": LetterTemplate.objects.filter(network=network)
        .order_by("kind"), "placeholders": drafting.PLACEHOLDERS})


@staff_required
def template_edit(request, pk):
    template = get_object_or_404(LetterTemplate, pk=pk)
    network = networks_visible_to(request.user).filter(pk=template.network_id).first()
    if network is None:
        raise Http404
    if not can_edit_templates(request.user, network):
        raise PermissionDenied
    form = TemplateForm(request.POST or None, initial={"body": template.body})
    if request.method == "POST" and form.is_valid():
        try:
            actions.template_save(network=network, kind=template.kind,
                                  body=form.cleaned_data["body"], by=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Template saved."))
            return redirect("appeals:templates", network_pk=network.pk)
    return render(request, "appeals/template_form.html", {
        "form": form, "template": template, "network": network,
        "placeholders": drafting.PLACEHOLDERS})
