"""Changes to plans and reports. Every rule is checked here, before anything is saved;
a refused change raises ValidationError naming the field."""

import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.core import metrics

from . import periods
from .models import Plan, PlanItem, Report
from .periods import PeriodKind
from .permissions import can_approve, can_edit

# A plan started from a larger one: its kind, and how many of it the larger one holds.
CHILD_OF = {PeriodKind.YEAR: (PeriodKind.QUARTER, 4), PeriodKind.QUARTER: (PeriodKind.MONTH, 3)}


def _check_period(kind: str, start) -> None:
    if kind not in PeriodKind.values:
        raise ValidationError({"period_kind": _("Choose a year, a quarter or a month.")})
    if start is None or periods.bounds(kind, start)[0] != start:
        raise ValidationError({"period_start": _("A period starts on its first day.")})


def _check_no_approved(library, kind, start) -> None:
    same = Plan.objects.filter(library=library, period_kind=kind, period_start=start)
    if same.filter(status=Plan.Status.APPROVED).exists():
        raise ValidationError({"period_start": _(
            "This period already has a plan approved by the director. To change it, "
            "make a new version of the approved plan.")})
    if same.exists():
        raise ValidationError({"period_start": _(
            "This period already has a plan in work; open it from the list.")})


def _require_edit(user, library) -> None:
    if not can_edit(user, library):
        raise PermissionDenied


@transaction.atomic
def plan_create(*, library, period_kind: str, period_start, by, note: str = "") -> Plan:
    _require_edit(by, library)
    if not library.has_center:
        raise ValidationError({"library": _("This library has no center.")})
    _check_period(period_kind, period_start)
    _check_no_approved(library, period_kind, period_start)
    return Plan.objects.create(library=library, period_kind=period_kind,
                               period_start=period_start, note=note.strip(), created_by=by)


def _copy_item(item: PlanItem, plan: Plan, **changes) -> PlanItem:
    fields = {f: getattr(item, f) for f in ("section", "what", "due_date", "responsible_user",
                                            "responsible_text", "metric_key", "target",
                                            "position")}
    fields.update(changes)
    return PlanItem.objects.create(plan=plan, **fields)


@transaction.atomic
def plan_new_version(*, plan: Plan, by) -> Plan:
    """A change after approval: a draft copy of the approved plan, version + 1."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_edit(by, plan.library)
    if plan.status != Plan.Status.APPROVED:
        raise ValidationError(_("Only an approved plan gets a new version; change this one "
                                "as it is."))
    if hasattr(plan, "replaced_by"):
        raise ValidationError(_("This version already has a newer one."))
    new = Plan.objects.create(library=plan.library, period_kind=plan.period_kind,
                              period_start=plan.period_start, version=plan.version + 1,
                              replaces=plan, derived_from=plan.derived_from, note=plan.note,
                              created_by=by)
    for item in plan.items.all():
        _copy_item(item, new)
    return new


@transaction.atomic
def plan_from_parent(*, parent: Plan, period_start, by) -> tuple[Plan, int]:
    """A quarterly plan from the annual plan's quarter, or a monthly one from the
    quarterly plan's month: the items due in it (or during the whole period) are copied,
    indicators' targets divided by 4 (or 3) and rounded up. Returns (plan, divisor)."""
    if parent.period_kind not in CHILD_OF:
        raise ValidationError(_("Only an annual or a quarterly plan can be split."))
    kind, divisor = CHILD_OF[parent.period_kind]
    _check_period(kind, period_start)
    if not (parent.period_start <= period_start < parent.period_end):
        raise ValidationError({"period_start": _("The period is not within the plan's period.")})
    plan = plan_create(library=parent.library, period_kind=kind, period_start=period_start,
                       by=by)
    plan.derived_from = parent
    plan.note = _("Started from %(plan)s; indicators' targets divided by %(n)s and rounded "
                  "up.") % {"plan": parent.period_label, "n": divisor}
    plan.save(update_fields=["derived_from", "note"])
    end = plan.period_end
    for item in parent.items.all():
        if item.due_date is not None and not (period_start <= item.due_date < end):
            continue
        target = math.ceil(item.target / divisor) if item.target else None
        _copy_item(item, plan, target=target)
    return plan, divisor


@transaction.atomic
def plan_submit(*, plan: Plan, by) -> Plan:
    _require_edit(by, plan.library)
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("Only a draft is submitted."))
    if not plan.items.exists():
        raise ValidationError(_("Add at least one item before submitting the plan."))
    plan.status, plan.submitted_at = Plan.Status.SUBMITTED, timezone.now()
    plan.save(update_fields=["status", "submitted_at"])
    return plan


@transaction.atomic
def plan_return(*, plan: Plan, by) -> Plan:
    """The director sends a submitted plan back to the head to change."""
    if not can_approve(by, plan.library):
        raise ValidationError(_("Only the director returns or approves a plan."))
    if plan.status != Plan.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan is returned."))
    plan.status = Plan.Status.DRAFT
    plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def plan_approve(*, plan: Plan, by) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not can_approve(by, plan.library):
        raise ValidationError(_("Only the director approves a plan."))
    if plan.status != Plan.Status.SUBMITTED:
        raise ValidationError(_("The head submits the plan first; then the director approves "
                                "it."))
    others = Plan.objects.filter(library=plan.library, period_kind=plan.period_kind,
                                 period_start=plan.period_start,
                                 status=Plan.Status.APPROVED).exclude(pk=plan.pk)
    if plan.replaces_id is None and others.exists():
        raise ValidationError(_("This period already has a plan approved by the director."))
    plan.status, plan.approved_at, plan.approved_by = (Plan.Status.APPROVED, timezone.now(),
                                                       by)
    plan.save(update_fields=["status", "approved_at", "approved_by"])
    return plan


def _check_item(plan: Plan, item: PlanItem) -> None:
    errors = {}
    if item.due_date is not None and not (plan.period_start <= item.due_date < plan.period_end):
        errors["due_date"] = _("The date is outside the plan's period (%(start)s – %(end)s).") % {
            "start": plan.period_start.strftime("%d.%m.%Y"),
            "end": plan.period_last_day.strftime("%d.%m.%Y")}
    if item.metric_key:
        try:
            metrics.get(item.metric_key)
        except KeyError:
            errors["metric_key"] = _("There is no such indicator.")
        if item.target is None or item.target <= 0:
            errors["target"] = _("The target must be greater than zero.")
    else:
        item.target = None
    if not item.what.strip():
        errors["what"] = _("Say what will be done.")
    if errors:
        raise ValidationError(errors)


def _editable(plan: Plan, by) -> None:
    _require_edit(by, plan.library)
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("A submitted or approved plan is not changed; an approved "
                                "plan is changed by a new version."))


@transaction.atomic
def item_save(*, plan: Plan, by, item: PlanItem | None = None, **fields) -> PlanItem:
    _editable(plan, by)
    target = fields.get("target")
    if target is not None and target <= 0:
        raise ValidationError({"target": _("The target must be greater than zero.")})
    item = item or PlanItem(plan=plan, position=plan.items.count())
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    _check_item(plan, item)
    item.full_clean(exclude=["plan", "responsible_user", "done_by"])
    item.save()
    return item


@transaction.atomic
def item_delete(*, item: PlanItem, by) -> None:
    _editable(item.plan, by)
    item.delete()


@transaction.atomic
def item_mark_done(*, item: PlanItem, by, done: bool, comment: str) -> PlanItem:
    """The head marks an item no metric measures done (or not), with a comment."""
    item = PlanItem.objects.select_related("plan__library").get(pk=item.pk)
    _require_edit(by, item.plan.library)
    if item.plan.status != Plan.Status.APPROVED:
        raise ValidationError(_("Execution is marked on an approved plan."))
    if item.is_indicator:
        raise ValidationError(_("An indicator's execution is counted from the data."))
    if done and not comment.strip():
        raise ValidationError({"done_comment": _("Say what was done.")})
    item.done, item.done_comment = done, comment.strip()
    item.done_at, item.done_by = (timezone.now(), by) if done else (None, None)
    item.save(update_fields=["done", "done_comment", "done_at", "done_by"])
    return item


# --- Reports ---------------------------------------------------------------------


@transaction.atomic
def report_create(*, library, scope: str, period_kind: str, period_start, by) -> Report:
    _require_edit(by, library)
    _check_period(period_kind, period_start)
    if scope == Report.Scope.NETWORK and library.parent_id is not None:
        raise ValidationError({"scope": _("A network report is made for the central library.")})
    if scope == Report.Scope.LIBRARY and not library.has_center:
        raise ValidationError({"library": _("This library has no center.")})
    if Report.objects.filter(library=library, scope=scope, period_kind=period_kind,
                             period_start=period_start).exists():
        raise ValidationError({"period_start": _("This period already has a report; open it "
                                                 "from the list.")})
    return Report.objects.create(library=library, scope=scope, period_kind=period_kind,
                                 period_start=period_start, created_by=by)


@transaction.atomic
def report_update(*, report: Report, by, narrative: str) -> Report:
    _require_edit(by, report.library)
    if report.status != Report.Status.DRAFT:
        raise ValidationError(_("An approved report is not changed."))
    report.narrative = narrative.strip()
    report.save(update_fields=["narrative"])
    return report


@transaction.atomic
def report_approve(*, report: Report, by) -> Report:
    """The director approves: the numbers are computed once more and kept for good."""
    from .reports import build

    report = Report.objects.select_for_update().get(pk=report.pk)
    if not can_approve(by, report.library):
        raise ValidationError(_("Only the director approves a report."))
    if report.status != Report.Status.DRAFT:
        raise ValidationError(_("This report is already approved."))
    report.frozen = build(report)
    report.status, report.approved_at, report.approved_by = (Report.Status.APPROVED,
                                                             timezone.now(), by)
    report.save(update_fields=["frozen", "status", "approved_at", "approved_by"])
    return report
