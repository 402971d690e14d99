import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest
from auditlog.models import LogEntry

from civicdesk.journal import actions
from civicdesk.journal.models import JournalEntry
from civicdesk.journal.permissions import can_correct_entry
from civicdesk.patrons import actions as patron_actions
from civicdesk.patrons import personal_data
from civicdesk.services import actions as service_actions
from civicdesk.services.catalog import catalog_seed
from civicdesk.services.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    catalog_seed(world.central.network)
    patron = patron_actions.patron_register(
        library=world.branch, card_number="K000001", surname="Петренко", given_name="Іван",
        birth_year=1951, consent_service=True)
    search = Service.objects.get(network=world.central.network, code="3.1.2.1")
    copy = Service.objects.get(network=world.central.network, code="3.1.7.1")
    return world, patron, search, copy


def create(world, patron, services, **over):
    kwargs = dict(library=world.branch, staff=world.users["branch_librarian"], patron=patron,
                  services=services, duration_minutes=15)
    kwargs.update(over)
    return actions.entry_create(**kwargs)


def test_entry_is_recorded_with_services(desk):
    world, patron, search, copy = desk
    entry, created = create(world, patron, [search, copy], unmet_need="Бланк заяви на субсидію")
    assert created and not entry.is_backdated
    assert set(entry.services.all()) == {search, copy}
    assert entry.need_status == JournalEntry.NeedStatus.NEW


def test_audit_trail_names_the_services_given_and_changed(desk):
    world, patron, search, copy = desk
    entry, _ = create(world, patron, [search])
    logs = LogEntry.objects.get_for_object(entry)
    created = logs.get(action=LogEntry.Action.CREATE)
    assert created.additional_data["services"] == [f"{search.code} {search.name}"]
    entry.refresh_from_db()
    actions.entry_update(entry=entry, services=[copy])
    changed = [log.changes_dict.get("services") for log in logs.filter(
        action=LogEntry.Action.UPDATE)]
    assert any(c and str(copy) in c["objects"] for c in changed)
    assert any(c and str(search) in c["objects"] for c in changed)  # and removed


def test_same_submission_twice_gives_one_entry(desk):
    world, patron, search, _copy = desk
    key = uuid.uuid4()
    first, created1 = create(world, patron, [search], submission_key=key)
    second, created2 = create(world, patron, [search], submission_key=key)
    assert (created1, created2) == (True, False) and first.pk == second.pk
    assert JournalEntry.objects.count() == 1


@pytest.mark.parametrize("over,field", [
    ({"services": []}, "services"),
    ({"served_at": "future"}, "served_at"),
    ({"served_at": "long_ago"}, "served_at"),
    ({"outcome": "referred"}, "referred_to"),
    ({"patron": None}, "patron"),
])
def test_bad_entries_are_refused(desk, over, field):
    world, patron, search, _copy = desk
    now = timezone.now()
    over = dict(over)
    if over.get("served_at") == "future":
        over["served_at"] = now + timedelta(hours=1)
    if over.get("served_at") == "long_ago":
        over["served_at"] = now - timedelta(days=30)
    who = over.pop("patron", patron)
    kwargs = {"services": [search], **over}
    with pytest.raises(ValidationError) as exc:
        create(world, who, **kwargs)
    assert field in exc.value.message_dict
    assert JournalEntry.objects.count() == 0


@pytest.mark.parametrize("minutes", [0, -5, 481])
def test_duration_out_of_range(desk, minutes):
    world, patron, search, _copy = desk
    with pytest.raises(ValidationError) as exc:
        create(world, patron, [search], duration_minutes=minutes)
    assert "duration_minutes" in exc.value.message_dict


def test_patron_who_withdrew_consent_is_refused(desk):
    world, patron, search, _copy = desk
    patron_actions.consent_withdraw(consent=patron.consents.get())
    with pytest.raises(ValidationError) as exc:
        create(world, patron, [search])
    assert "patron" in exc.value.message_dict


def test_unidentified_citizen_needs_a_reason(desk):
    world, _patron, search, _copy = desk
    entry, _ = create(world, None, [search], unidentified_reason="Телефонний дзвінок",
                      channel="phone")
    assert entry.patron is None and entry.unidentified_reason == "Телефонний дзвінок"


def test_backdated_entry_is_marked(desk):
    world, patron, search, _copy = desk
    entry, _ = create(world, patron, [search], served_at=timezone.now() - timedelta(days=2))
    assert entry.is_backdated


def test_service_of_another_network_or_archived_is_refused(desk):
    world, patron, search, _copy = desk
    catalog_seed(world.foreign_central.network)
    foreign = Service.objects.get(network=world.foreign_central.network, code="3.1.2.1")
    with pytest.raises(ValidationError):
        create(world, patron, [foreign])
    service_actions.service_archive(service=search)
    with pytest.raises(ValidationError):
        create(world, patron, [search])


def test_a_used_service_is_archived_not_deleted(desk):
    world, patron, search, _copy = desk
    custom = service_actions.service_create(network=world.central.network, group=search.group,
                                            name="Сканування документів")
    create(world, patron, [custom])
    assert service_actions.service_remove(service=custom) is False
    custom.refresh_from_db()
    assert custom.is_archived


def test_corrections_author_same_day_then_only_the_head(desk):
    world, patron, search, _copy = desk
    entry, _ = create(world, patron, [search])
    author, head, other = (world.users["branch_librarian"], world.users["center_head"],
                           world.users["consultant"])
    assert can_correct_entry(author, entry) and can_correct_entry(head, entry)
    assert not can_correct_entry(other, entry)
    JournalEntry.objects.filter(pk=entry.pk).update(
        served_at=timezone.now() - timedelta(days=1), created_at=timezone.now() - timedelta(days=1))
    entry.refresh_from_db()
    assert not can_correct_entry(author, entry) and can_correct_entry(head, entry)


def test_head_corrects_an_entry_from_last_month_on_the_edit_page(client, desk):
    world, patron, search, copy = desk
    entry, _ = create(world, patron, [search], duration_minutes=15)
    month_ago = timezone.now() - timedelta(days=35)
    JournalEntry.objects.filter(pk=entry.pk).update(served_at=month_ago, created_at=month_ago)
    # and the patron has since withdrawn consent: the entry stays, and can be corrected
    patron_actions.consent_withdraw(consent=patron.consents.get(purpose="service"))
    client.force_login(world.users["center_head"])
    response = client.post(reverse("journal:edit", args=[entry.pk]), {
        "services": [str(copy.pk)], "channel": "phone", "duration_minutes": 40,
        "outcome": "resolved", "referred_to": "", "note": "", "unmet_need": ""})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.channel, entry.duration_minutes, entry.served_at) == ("phone", 40, month_ago)
    assert list(entry.services.all()) == [copy]
    # the author may no longer; a new entry that far back is still refused
    client.force_login(world.users["branch_librarian"])
    assert client.get(reverse("journal:edit", args=[entry.pk])).status_code == 403
    other = patron_actions.patron_register(
        library=world.branch, card_number="K000002", surname="Коваль", given_name="Олена",
        birth_year=1960, consent_service=True)
    with pytest.raises(ValidationError) as refused:
        create(world, other, [search], served_at=month_ago)
    assert list(refused.value.message_dict) == ["served_at"]


def test_cancel_keeps_the_entry_with_reason(desk):
    world, patron, search, _copy = desk
    entry, _ = create(world, patron, [search])
    with pytest.raises(ValidationError):
        actions.entry_cancel(entry=entry, by=world.users["center_head"], reason=" ")
    actions.entry_cancel(entry=entry, by=world.users["center_head"], reason="Помилковий запис")
    entry.refresh_from_db()
    assert entry.is_cancelled and entry.cancel_reason == "Помилковий запис"
    with pytest.raises(ValidationError):
        actions.entry_update(entry=entry, note="нове")


def test_unmet_need_closing(desk):
    world, patron, search, _copy = desk
    entry, _ = create(world, patron, [search], unmet_need="Немає доступу до реєстру")
    with pytest.raises(ValidationError):
        actions.need_close(entry=entry, by=world.users["center_head"], status="resolved")
    actions.need_close(entry=entry, by=world.users["center_head"], status="resolved",
                       resolution="Додано посилання на реєстр")
    entry.refresh_from_db()
    assert entry.need_status == "resolved" and entry.need_closed_by == world.users["center_head"]


def test_patron_data_covers_journal(desk):
    world, patron, search, _copy = desk
    create(world, patron, [search], note="Допомога з Дія")
    data = personal_data.patron_export(patron)
    assert data["journalentry"][0]["services"] == search.name
    personal_data.patron_anonymise(patron)
    assert JournalEntry.objects.get().note == ""
    assert JournalEntry.objects.count() == 1


# --- pages -----------------------------------------------------------------------------

DESK_STATUS = {"anonymous": 302, "no_role": 403, "director": 200, "center_head": 200,
               "consultant": 200, "viewer": 403, "branch_librarian": 200,
               "foreign_director": 200, "admin": 200}


@pytest.mark.parametrize("role", DESK_STATUS)
def test_desk_page_per_role(client, desk, role):
    world = desk[0]
    if role != "anonymous":
        client.force_login(world.users[role])
    assert client.get(reverse("journal:desk")).status_code == DESK_STATUS[role]
    needs_status = 302 if role == "anonymous" else (403 if role == "no_role" else 200)
    assert client.get(reverse("journal:needs")).status_code == needs_status


def desk_post(client, world, patron_query, services, **extra):
    data = {"library": world.branch.pk, "patron_query": patron_query,
            "services": [str(s.pk) for s in services], "channel": "in_person",
            "duration_minutes": "10", "outcome": "resolved",
            "submission_key": str(uuid.uuid4())}
    data.update(extra)
    return client.post(reverse("journal:desk"), data)


def test_desk_logs_by_scanned_card_and_lists_today(client, desk):
    world, patron, search, copy = desk
    client.force_login(world.users["branch_librarian"])
    r = desk_post(client, world, " k000001 ", [search, copy])
    assert r.status_code == 302
    entry = JournalEntry.objects.get()
    assert entry.patron == patron and entry.staff == world.users["branch_librarian"]
    html = client.get(reverse("journal:desk")).content.decode()
    assert "Петренко Іван" in html and search.name in html


def test_desk_lists_the_consultants_most_used_services_first(client, desk):
    world, patron, search, copy = desk
    user = world.users["branch_librarian"]
    client.force_login(user)

    def listed():
        form = client.get(reverse("journal:desk")).context["form"]
        return [int(pk) for pk, _name in form.fields["services"].choices]

    catalog_order = listed()
    assert catalog_order.index(search.pk) < catalog_order.index(copy.pk)
    for _ in range(2):
        create(world, patron, [copy], staff=user)
    create(world, patron, [search], staff=user)
    # another consultant's habits do not reorder this one's page
    for _ in range(3):
        create(world, patron, [search], staff=world.users["consultant"])
    assert listed()[:2] == [copy.pk, search.pk]
    assert sorted(listed()) == sorted(catalog_order)


def test_desk_double_post_creates_one_entry(client, desk):
    world, patron, search, _copy = desk
    client.force_login(world.users["branch_librarian"])
    key = str(uuid.uuid4())
    desk_post(client, world, "K000001", [search], submission_key=key)
    desk_post(client, world, "K000001", [search], submission_key=key)
    assert JournalEntry.objects.count() == 1


def test_desk_bad_input_messages(client, desk):
    world, _patron, search, _copy = desk
    client.force_login(world.users["branch_librarian"])
    r = desk_post(client, world, "НЕМАЄ", [], duration_minutes="0", note="<script>x</script>")
    errors = r.context["form"].errors
    assert {"services", "duration_minutes", "patron_query"} <= set(errors)
    r = desk_post(client, world, "", [search])
    assert r.context["form"].errors["patron_query"]
    assert "<script>x</script>" not in r.content.decode()
    assert JournalEntry.objects.count() == 0


def test_script_in_a_saved_note_is_shown_as_text(client, desk):
    world, patron, search, _copy = desk
    note = '<script>alert("x")</script> прийде завтра'
    entry, _ = create(world, patron, [search], note=note)
    assert entry.note == note  # kept as typed
    client.force_login(world.users["branch_librarian"])
    for url in (reverse("journal:edit", args=[entry.pk]),
                reverse("patrons:export", args=[patron.pk])):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; прийде завтра" in page


def test_desk_keep_for_group(client, desk):
    world, _patron, search, copy = desk
    client.force_login(world.users["branch_librarian"])
    r = desk_post(client, world, "K000001", [search, copy], keep="1")
    assert r.status_code == 200
    assert JournalEntry.objects.count() == 1
    form = r.context["form"]
    assert sorted(form.initial["services"]) == sorted([str(search.pk), str(copy.pk)])
    assert "submission_key" not in form.data


def test_branch_librarian_sees_only_own_branch_entries(client, desk):
    world, patron, search, _copy = desk
    other = patron_actions.patron_register(
        library=world.other_branch, card_number="T000001", surname="Сидоренко",
        given_name="Ольга", birth_year=1970, consent_service=True)
    create(world, other, [search], library=world.other_branch,
           staff=world.users["consultant"])
    client.force_login(world.users["branch_librarian"])
    html = client.get(reverse("journal:desk")).content.decode()
    assert "Сидоренко" not in html
    entry = JournalEntry.objects.get()
    assert client.get(reverse("journal:edit", args=[entry.pk])).status_code == 404


def test_edit_and_cancel_pages(client, desk):
    world, patron, search, copy = desk
    entry, _ = create(world, patron, [search])
    client.force_login(world.users["consultant"])
    assert client.get(reverse("journal:edit", args=[entry.pk])).status_code == 403
    client.force_login(world.users["branch_librarian"])
    r = client.post(reverse("journal:edit", args=[entry.pk]), {
        "services": [str(copy.pk)], "channel": "phone", "duration_minutes": "20",
        "outcome": "resolved"})
    assert r.status_code == 302
    entry.refresh_from_db()
    assert list(entry.services.all()) == [copy] and entry.channel == "phone"
    r = client.post(reverse("journal:cancel", args=[entry.pk]), {"reason": "Дубль"})
    entry.refresh_from_db()
    assert entry.is_cancelled


def test_needs_page_close_by_head_only(client, desk):
    world, patron, search, _copy = desk
    entry, _ = create(world, patron, [search], unmet_need="Форма декларації")
    client.force_login(world.users["consultant"])
    assert client.post(reverse("journal:need_close", args=[entry.pk]),
                       {"status": "no_action"}).status_code == 403
    client.force_login(world.users["center_head"])
    html = client.get(reverse("journal:needs")).content.decode()
    assert "Форма декларації" in html
    client.post(reverse("journal:need_close", args=[entry.pk]), {"status": "no_action"})
    entry.refresh_from_db()
    assert entry.need_status == "no_action"


def test_patron_suggestions_as_you_type(client, desk):
    world, patron, _search, _copy = desk
    client.force_login(world.users["branch_librarian"])
    html = client.get(reverse("journal:patron_suggestions"), {"patron_query": "петрен"}).content.decode()
    assert f'data-pick-patron="{patron.pk}"' in html
    html = client.get(reverse("journal:patron_suggestions"), {"q": "K000001"}).content.decode()
    assert f'data-pick-patron="{patron.pk}"' in html
    client.force_login(world.users["foreign_director"])
    html = client.get(reverse("journal:patron_suggestions"), {"q": "петрен"}).content.decode()
    assert "data-pick-patron" not in html


def test_new_patron_from_the_desk(client, desk):
    world = desk[0]
    client.force_login(world.users["branch_librarian"])
    data = {"np-library": world.branch.pk, "np-card_number": "K000900", "np-surname": "Новак",
            "np-given_name": "Євген", "np-birth_year": "1999", "np-consent_service": "on"}
    from civicdesk.patrons.models import Patron

    r = client.post(reverse("journal:new_patron"), {**data, "np-consent_service": ""})
    assert "Без згоди користувача не можна обліковувати надані йому послуги." in r.content.decode()

    assert not Patron.objects.filter(card_number="K000900").exists()
    r = client.post(reverse("journal:new_patron"), data)
    patron = Patron.objects.get(card_number="K000900")
    assert f'data-pick-patron="{patron.pk}" data-auto-pick' in r.content.decode()
    client.force_login(world.users["viewer"])
    assert client.post(reverse("journal:new_patron"), data).status_code == 403
