"""Plans: rules, execution against hand counts, bad input, permissions."""

from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from civicdesk.plans import actions
from civicdesk.plans.execution import execution
from civicdesk.plans.models import Plan, PlanItem

pytestmark = pytest.mark.django_db

JAN = date(2025, 1, 1)


def approved_plan(world, start=JAN, kind="month", items=(("consultations", 6),)):
    head, director = world.users["center_head"], world.users["director"]
    plan = actions.plan_create(library=world.central, period_kind=kind, period_start=start,
                               by=head)
    for key, target in items:
        actions.item_save(plan=plan, by=head, section="3.1.3", what=f"Надати {key}",
                          metric_key=key, target=target)
    actions.plan_submit(plan=plan, by=head)
    return actions.plan_approve(plan=plan, by=director)


def test_execution_against_hand_counts(data):
    world, _ = data
    plan = approved_plan(world, items=(("consultations", 6), ("distinct_patrons", 2)))
    rows = {r.item.metric_key: r for r in execution(plan, today=date(2025, 3, 1))}
    assert rows["consultations"].actual == 3  # central 2 + branch 1; the other network not
    assert rows["consultations"].percent == 50
    assert rows["consultations"].behind  # the month is over, half done
    assert rows["distinct_patrons"].actual == 2
    assert rows["distinct_patrons"].percent == 100 and not rows["distinct_patrons"].behind
    # On 10 January a third of the month has passed (10/31): only the entry of the 8th counts.
    rows = {r.item.metric_key: r for r in execution(plan, today=date(2025, 1, 10))}
    assert rows["consultations"].actual == 1 and rows["consultations"].expected == 32
    assert rows["consultations"].behind  # 1/6 = 17 % < 32 %


def test_branch_plan_counts_the_branch_only(data):
    world, _ = data
    plan = actions.plan_create(library=world.branch, period_kind="month", period_start=JAN,
                               by=world.users["director"])
    actions.item_save(plan=plan, by=world.users["director"], section="3.1.1", what="x",
                      metric_key="consultations", target=1)
    (row,) = execution(plan, today=date(2025, 2, 1))
    assert row.actual == 1 and row.is_done and not row.behind


def test_manual_item_overdue_then_done(data):
    world, _ = data
    head = world.users["center_head"]
    plan = actions.plan_create(library=world.central, period_kind="month", period_start=JAN,
                               by=head)
    item = actions.item_save(plan=plan, by=head, section="2.2.11", what="Круглий стіл",
                             due_date=date(2025, 1, 15), responsible_text="Ткачук І.")
    with pytest.raises(ValidationError):
        actions.item_mark_done(item=item, by=head, done=True, comment="Проведено")
    actions.plan_submit(plan=plan, by=head)
    actions.plan_approve(plan=plan, by=world.users["director"])
    (row,) = execution(plan, today=date(2025, 1, 20))
    assert row.behind and row.overdue
    with pytest.raises(ValidationError) as exc:
        actions.item_mark_done(item=item, by=head, done=True, comment=" ")
    assert "done_comment" in exc.value.message_dict
    actions.item_mark_done(item=item, by=head, done=True, comment="Проведено 14.01")
    (row,) = execution(plan, today=date(2025, 1, 20))
    assert row.is_done and not row.behind


def test_bad_input_refused_with_the_field_named(data):
    world, _ = data
    head = world.users["center_head"]
    plan = approved_plan(world)
    with pytest.raises(ValidationError) as exc:
        actions.plan_create(library=world.central, period_kind="month", period_start=JAN,
                            by=head)
    assert "затверджений директором" in str(exc.value.message_dict["period_start"])
    draft = actions.plan_create(library=world.central, period_kind="month",
                                period_start=date(2025, 2, 1), by=head)
    for target in (0, -5):
        with pytest.raises(ValidationError) as exc:
            actions.item_save(plan=draft, by=head, section="3.1.3", what="x",
                              metric_key="consultations", target=target)
        assert "target" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        actions.item_save(plan=draft, by=head, section="3.1.3", what="x",
                          metric_key="consultations", target=5, due_date=date(2025, 3, 1))
    assert "due_date" in exc.value.message_dict
    assert not draft.items.exists()
    actions.item_save(plan=draft, by=head, section="3.1.3", what="x",
                      metric_key="consultations", target=5)
    actions.plan_submit(plan=draft, by=head)
    with pytest.raises(ValidationError):
        actions.plan_approve(plan=draft, by=head)
    with pytest.raises(ValidationError):
        actions.plan_approve(plan=draft, by=world.users["consultant"])
    draft.refresh_from_db()
    assert draft.status == Plan.Status.SUBMITTED and draft.approved_by is None
    assert plan.status == Plan.Status.APPROVED


def test_new_version_after_approval(data):
    world, _ = data
    head, director = world.users["center_head"], world.users["director"]
    plan = approved_plan(world)
    with pytest.raises(ValidationError):  # an approved plan is not edited in place
        actions.item_save(plan=plan, by=head, section="3.1.3", what="y",
                          metric_key="consultations", target=1)
    v2 = actions.plan_new_version(plan=plan, by=head)
    assert v2.version == 2 and v2.replaces == plan and v2.items.count() == 1
    actions.item_save(plan=v2, by=head, item=v2.items.get(), section="3.1.3", what="більше",
                      metric_key="consultations", target=9)
    actions.plan_submit(plan=v2, by=head)
    actions.plan_approve(plan=v2, by=director)
    assert plan.items.get().target == 6  # the old version stays as approved
    with pytest.raises(ValidationError):
        actions.plan_new_version(plan=plan, by=head)


def test_quarter_from_year_and_month_from_quarter(data):
    world, _ = data
    head = world.users["center_head"]
    year = actions.plan_create(library=world.central, period_kind="year", period_start=JAN,
                               by=head)
    actions.item_save(plan=year, by=head, section="3.1.3", what="Консультації",
                      metric_key="consultations", target=1001)
    actions.item_save(plan=year, by=head, section="2.2.11", what="Семінар у травні",
                      due_date=date(2025, 5, 20))
    actions.item_save(plan=year, by=head, section="2.2.11", what="Семінар у лютому",
                      due_date=date(2025, 2, 10))
    quarter, divisor = actions.plan_from_parent(parent=year, period_start=date(2025, 1, 1),
                                                by=head)
    assert divisor == 4 and quarter.period_kind == "quarter"
    items = {i.what: i for i in quarter.items.all()}
    assert set(items) == {"Консультації", "Семінар у лютому"}
    assert items["Консультації"].target == 251  # 1001 / 4 rounded up
    assert "4" in quarter.note
    month, divisor = actions.plan_from_parent(parent=quarter, period_start=date(2025, 2, 1),
                                              by=head)
    assert divisor == 3
    assert {i.what: i.target for i in month.items.all()} == {"Консультації": 84,
                                                             "Семінар у лютому": None}
    with pytest.raises(ValidationError):
        actions.plan_from_parent(parent=quarter, period_start=date(2025, 4, 1), by=head)


# --- pages ---------------------------------------------------------------------------


def test_pages_bad_input_next_to_the_field(data, login):
    world, _ = data
    approved_plan(world)
    client = login(world.users["center_head"])
    response = client.post(reverse("plans:plan_create"), {
        "library": world.central.pk, "period_kind": "month", "period_start": "2025-01-17"})
    assert response.status_code == 200
    assert "затверджений директором" in response.content.decode()
    assert Plan.objects.count() == 1
    client.post(reverse("plans:plan_create"), {
        "library": world.central.pk, "period_kind": "month", "period_start": "2025-02-03"})
    draft = Plan.objects.get(period_start=date(2025, 2, 1))
    for fields, field in (({"target": "0"}, "target"), ({"target": "-1"}, "target"),
                          ({"target": "5", "due_date": "2025-03-02"}, "due_date")):
        response = client.post(reverse("plans:item_add", args=[draft.pk]), {
            "section": "3.1.3", "what": "x", "metric_key": "consultations", **fields})
        assert response.status_code == 200
        assert f'id="id_{field}_error"' in response.content.decode()
    assert not draft.items.exists()


def test_permissions(data, login):
    world, _ = data
    plan = approved_plan(world)
    url = reverse("plans:plan_detail", args=[plan.pk])
    assert login(world.users["consultant"]).get(url).status_code == 200
    assert login(world.users["consultant"]).get(
        reverse("plans:item_add", args=[plan.pk])).status_code == 403
    assert login(world.users["viewer"]).get(url).status_code == 403
    assert login(world.users["foreign_director"]).get(url).status_code == 404
    assert login(world.users["foreign_director"]).get(
        reverse("plans:execution", args=[plan.pk])).status_code == 404
    # The head submits; the approve button answers the head with a message, not a change.
    head = world.users["center_head"]
    draft = actions.plan_create(library=world.central, period_kind="month",
                                period_start=date(2025, 2, 1), by=head)
    actions.item_save(plan=draft, by=head, section="3.1.3", what="x", metric_key="consultations",
                      target=2)
    actions.plan_submit(plan=draft, by=head)
    response = login(head).post(reverse("plans:plan_action", args=[draft.pk, "approve"]),
                                follow=True)
    assert "Лише директор затверджує план" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Plan.Status.SUBMITTED
    login(world.users["director"]).post(reverse("plans:plan_action", args=[draft.pk, "approve"]))
    draft.refresh_from_db()
    assert draft.status == Plan.Status.APPROVED
    assert draft.approved_by == world.users["director"]


def test_unknown_metric_is_a_message_not_an_error(data, login):
    world, _ = data
    plan = approved_plan(world)
    PlanItem.objects.filter(plan=plan).update(metric_key="gone_module_metric")
    response = login(world.users["center_head"]).get(reverse("plans:execution", args=[plan.pk]))
    assert response.status_code == 200
    assert "gone_module_metric" in response.content.decode()
    assert "недоступний" in response.content.decode()


def test_execution_page_and_marking_done(data, login):
    world, _ = data
    plan = approved_plan(world)
    head = world.users["center_head"]
    plan.status = Plan.Status.DRAFT
    plan.save()
    item = actions.item_save(plan=plan, by=head, section="2.2.14", what="Публікація в газеті")
    plan.status = Plan.Status.APPROVED
    plan.save()
    client = login(head)
    response = client.get(reverse("plans:execution", args=[plan.pk]))
    assert response.status_code == 200
    assert 'class="text-end fw-semibold actual">3<' in response.content.decode()
    client.post(reverse("plans:item_done", args=[plan.pk, item.pk]),
                {"done": "on", "comment": "Стаття 12.01"})
    item.refresh_from_db()
    assert item.done and item.done_by == head and item.done_comment == "Стаття 12.01"


def test_audit_files_plans_under_the_library(data):
    from auditlog.models import LogEntry

    world, _ = data
    plan = approved_plan(world)
    entry = LogEntry.objects.get_for_object(plan).first()
    assert entry is not None
    assert entry.additional_data == {"library_path": world.central.path}
