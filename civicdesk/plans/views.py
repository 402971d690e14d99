"""Staff pages: plans and reports of the center, the execution view, the director's
dashboard. Reads come from execution.py and reports.py (the metrics registry)."""

import time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org.decorators import staff_required

from . import actions, outputs, reports
from . import dashboard as dash
from .execution import execution
from .forms import DoneForm, ItemForm, NarrativeForm, PlanForm, ReportForm, SplitForm
from .models import Plan, PlanItem, Report
from .permissions import (
    EDIT,
    can_approve,
    can_edit,
    can_see_plans,
    libraries_for,
    plans_visible_to,
    reports_visible_to,
)


def _see(request):
    if not can_see_plans(request.user):
        raise PermissionDenied


def _plan_for(request, pk) -> Plan:
    _see(request)
    return get_object_or_404(plans_visible_to(request.user), pk=pk)


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@staff_required
def index(request):
    _see(request)
    plans = plans_visible_to(request.user).select_related("library", "replaced_by")
    return render(request, "plans/index.html", {
        "plans": plans[:200],
        "reports": reports_visible_to(request.user)[:200],
        "may_edit": libraries_for(request.user, EDIT).exists(),
    })


@staff_required
def plan_create(request):
    _see(request)
    libraries = libraries_for(request.user, EDIT).filter(has_center=True)
    if not libraries.exists():
        raise PermissionDenied
    form = PlanForm(request.POST or None, libraries=libraries,
                    initial={"library": libraries.order_by("path").first(),
                             "period_kind": request.GET.get("kind", "month"),
                             "period_start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.plan_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Plan created. Add its items."))
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form})


@staff_required
def plan_detail(request, pk):
    plan = _plan_for(request, pk)
    editable = can_edit(request.user, plan.library)
    versions = Plan.objects.filter(library=plan.library, period_kind=plan.period_kind,
                                   period_start=plan.period_start).order_by("version")
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "rows": execution(plan), "editable": editable,
        "may_change": editable and plan.status == Plan.Status.DRAFT,
        "may_approve": can_approve(request.user, plan.library),
        "newer": getattr(plan, "replaced_by", None) if plan.pk else None,
        "versions": versions if versions.count() > 1 else [],
        "split_form": SplitForm(plan=plan) if plan.period_kind in actions.CHILD_OF else None,
    })


@staff_required
def plan_execution(request, pk):
    plan = _plan_for(request, pk)
    rows = execution(plan)
    return render(request, "plans/execution.html", {
        "plan": plan, "rows": rows, "editable": can_edit(request.user, plan.library),
        "done_count": sum(1 for r in rows if r.is_done),
        "behind_count": sum(1 for r in rows if r.behind),
    })


@staff_required
def item_edit(request, pk, item_pk=None):
    plan = _plan_for(request, pk)
    if not can_edit(request.user, plan.library):
        raise PermissionDenied
    item = get_object_or_404(plan.items, pk=item_pk) if item_pk else None
    form = ItemForm(request.POST or None, instance=item, library=plan.library,
                    initial={} if item else {"section": request.GET.get("section", "3.1.3")})
    if request.method == "POST" and form.is_valid():
        try:
            actions.item_save(plan=plan, by=request.user,
                              item=PlanItem.objects.get(pk=item.pk) if item else None,
                              **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Item saved."))
            if "another" in request.POST:
                return redirect("plans:item_add", pk=plan.pk)
            return redirect(plan)
    return render(request, "plans/item_form.html", {"form": form, "plan": plan, "item": item})


@staff_required
@require_POST
def item_delete(request, pk, item_pk):
    plan = _plan_for(request, pk)
    item = get_object_or_404(plan.items, pk=item_pk)
    try:
        actions.item_delete(item=item, by=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect(plan)


@staff_required
@require_POST
def item_done(request, pk, item_pk):
    plan = _plan_for(request, pk)
    item = get_object_or_404(plan.items, pk=item_pk)
    form = DoneForm(request.POST)
    if form.is_valid():
        try:
            actions.item_mark_done(item=item, by=request.user, done=form.cleaned_data["done"],
                                   comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Execution recorded."))
    return redirect("plans:execution", pk=plan.pk)


@staff_required
@require_POST
def plan_split(request, pk):
    plan = _plan_for(request, pk)
    if plan.period_kind not in actions.CHILD_OF:
        raise Http404
    form = SplitForm(request.POST, plan=plan)
    if form.is_valid():
        from datetime import date

        try:
            child, divisor = actions.plan_from_parent(
                parent=plan, by=request.user,
                period_start=date.fromisoformat(form.cleaned_data["period_start"]))
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Plan started from %(plan)s: the items due in it were "
                                        "copied; indicators' targets were divided by %(n)s and "
                                        "rounded up. Check them.")
                             % {"plan": plan.period_label, "n": divisor})
            return redirect(child)
    return redirect(plan)


PLAN_ACTIONS = {"submit": actions.plan_submit, "approve": actions.plan_approve,
                "return": actions.plan_return, "new-version": actions.plan_new_version}
PLAN_DONE = {"submit": _("Submitted to the director."), "approve": _("Approved."),
             "return": _("Returned to the head."),
             "new-version": _("A new version was made; change it and submit it again.")}


@staff_required
@require_POST
def plan_action(request, pk, what):
    plan = _plan_for(request, pk)
    if what not in PLAN_ACTIONS:
        raise Http404
    try:
        result = PLAN_ACTIONS[what](plan=plan, by=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect(plan)
    messages.success(request, str(PLAN_DONE[what]))
    return redirect(result)


# --- Reports ---------------------------------------------------------------------------


def _report_for(request, pk) -> Report:
    _see(request)
    return get_object_or_404(reports_visible_to(request.user), pk=pk)


@staff_required
def report_create(request):
    _see(request)
    libraries = libraries_for(request.user, EDIT)
    if not libraries.exists():
        raise PermissionDenied
    form = ReportForm(request.POST or None, libraries=libraries,
                      initial={"library": libraries.order_by("path").first(),
                               "period_kind": "month", "scope": "library",
                               "period_start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            report = actions.report_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            return redirect(report)
    return render(request, "plans/report_form.html", {"form": form})


@staff_required
def report_detail(request, pk):
    report = _report_for(request, pk)
    editable = can_edit(request.user, report.library) and report.status == Report.Status.DRAFT
    form = NarrativeForm(request.POST or None, initial={"narrative": report.narrative})
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.report_update(report=report, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, _("Narrative saved."))
                return redirect(report)
    if report.status == Report.Status.APPROVED:
        data, diffs = report.frozen, reports.live_differences(report)
    else:
        data, diffs = reports.build(report), {}
    for row in data["metrics"]:
        row["live_diff"] = diffs.get(row["key"])
    return render(request, "plans/report_detail.html", {
        "report": report, "data": data, "form": form, "editable": editable,
        "may_approve": can_approve(request.user, report.library)
        and report.status == Report.Status.DRAFT,
        "charts": reports.chart_data(data), "changed": bool(diffs),
    })


@staff_required
@require_POST
def report_approve(request, pk):
    report = _report_for(request, pk)
    try:
        actions.report_approve(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The report is approved; its numbers are kept as they are "
                                    "now."))
    return redirect(report)


@staff_required
def report_download(request, pk, fmt):
    report = _report_for(request, pk)
    data = report.frozen if report.status == Report.Status.APPROVED else reports.build(report)
    name = f"zvit-{report.period_kind}-{report.period_start:%Y-%m}"
    if fmt == "docx":
        body, mime = outputs.report_docx(report, data), outputs.DOCX
    elif fmt == "xlsx":
        body, mime = outputs.report_xlsx(report, data), outputs.XLSX
    elif fmt == "pdf":
        if report.status != Report.Status.APPROVED:
            raise Http404
        body, mime = outputs.report_pdf(report, data), "application/pdf"
    else:
        raise Http404
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- The director's dashboard ----------------------------------------------------------


@staff_required
def dashboard(request):
    _see(request)
    started = time.perf_counter()
    libraries = libraries_for(request.user).filter(has_center=True).order_by("path")
    library = None
    if request.GET.get("library"):
        library = libraries.filter(pk=request.GET["library"]).first()
        if library is None:
            raise Http404
    library = library or libraries.first()
    if library is None:
        raise PermissionDenied
    board = dash.build(library)
    return render(request, "plans/dashboard.html", {
        "board": board, "library": library, "libraries": libraries,
        "charts": board.chart_data(),
        "server_ms": round((time.perf_counter() - started) * 1000),
    })
