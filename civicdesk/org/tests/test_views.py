"""Every staff page of the network, for each role and for an anonymous visitor."""

from django.urls import reverse

import pytest

from civicdesk.org.models import Closure, Library, OpeningHours
from civicdesk.services.catalog import catalog_seed

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "director", "center_head", "consultant", "viewer",
         "branch_librarian", "foreign_director", "admin"]

# page -> expected status per role (anonymous is sent to the login page: 302)
STATUS = {
    "home": dict(anonymous=302, no_role=403, director=200, center_head=200, consultant=200,
                 viewer=200, branch_librarian=200, foreign_director=200, admin=200),
    "library_list": dict(anonymous=302, no_role=403, director=200, center_head=200,
                         consultant=200, viewer=200, branch_librarian=200,
                         foreign_director=200, admin=200),
    "central_detail": dict(anonymous=302, no_role=403, director=200, center_head=200,
                           consultant=200, viewer=200, branch_librarian=404,
                           foreign_director=404, admin=200),
    "branch_detail": dict(anonymous=302, no_role=403, director=200, center_head=200,
                          consultant=200, viewer=200, branch_librarian=200,
                          foreign_director=404, admin=200),
    "other_branch_detail": dict(anonymous=302, no_role=403, director=200, center_head=200,
                                consultant=200, viewer=200, branch_librarian=404,
                                foreign_director=404, admin=200),
    "central_edit": dict(anonymous=302, no_role=403, director=200, center_head=200,
                         consultant=403, viewer=403, branch_librarian=404,
                         foreign_director=404, admin=200),
    "branch_edit": dict(anonymous=302, no_role=403, director=200, center_head=200,
                        consultant=403, viewer=403, branch_librarian=403,
                        foreign_director=404, admin=200),
    "branch_create": dict(anonymous=302, no_role=403, director=200, center_head=200,
                          consultant=403, viewer=403, branch_librarian=404,
                          foreign_director=404, admin=200),
    "branch_hours": dict(anonymous=302, no_role=403, director=200, center_head=200,
                         consultant=403, viewer=403, branch_librarian=200,
                         foreign_director=404, admin=200),
    "branch_closure": dict(anonymous=302, no_role=403, director=200, center_head=200,
                           consultant=200, viewer=403, branch_librarian=200,
                           foreign_director=404, admin=200),
}


def url_for(page, world):
    c, b, o = world.central, world.branch, world.other_branch
    return {
        "home": reverse("staff:home"),
        "library_list": reverse("org:library_list"),
        "central_detail": reverse("org:library_detail", args=[c.pk]),
        "branch_detail": reverse("org:library_detail", args=[b.pk]),
        "other_branch_detail": reverse("org:library_detail", args=[o.pk]),
        "central_edit": reverse("org:library_edit", args=[c.pk]),
        "branch_edit": reverse("org:library_edit", args=[b.pk]),
        "branch_create": reverse("org:branch_create", args=[c.pk]),
        "branch_hours": reverse("org:hours_edit", args=[b.pk]),
        "branch_closure": reverse("org:closure_create", args=[b.pk]),
    }[page]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(STATUS))
def test_page_status_per_role(client, world, page, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    response = client.get(url_for(page, world))
    assert response.status_code == STATUS[page][role]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


def test_branch_librarian_list_shows_no_other_branch(client, world):
    client.force_login(world.users["branch_librarian"])
    html = client.get(reverse("org:library_list")).content.decode()
    assert "Філія Кричильськ" in html
    assert "Філія Тутовичі" not in html
    assert "Сарненська ЦРБ" not in html
    assert "Дубровицька ЦРБ" not in html


def test_home_shows_todays_closure_of_own_branch_only(client, world):
    from django.utils import timezone

    today = timezone.localdate()
    Closure.objects.create(library=world.branch, starts_on=today, ends_on=today,
                           reason="power_cut", note="Планове відключення")
    Closure.objects.create(library=world.other_branch, starts_on=today, ends_on=today,
                           reason="repairs", note="Ремонт даху")
    client.force_login(world.users["branch_librarian"])
    html = client.get(reverse("staff:home")).content.decode()
    assert "Планове відключення" in html
    assert "Ремонт даху" not in html


def test_setup_page_is_gone_once_set_up(client, world):
    assert client.get(reverse("setup")).status_code == 404


def test_every_page_leads_to_setup_on_an_empty_database(client, db):
    for path in ("/", "/staff/", "/accounts/login/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/setup/", path
    assert client.get("/setup/").status_code == 200


def test_portal_pages_are_public(client, world):
    catalog_seed(world.central.network)
    assert client.get("/").status_code == 200
    html = client.get(reverse("portal:services", args=[world.central.network_id])).content.decode()
    assert "Ксерокопіювання" in html
    assert client.get(reverse("portal:center", args=[world.central.pk])).status_code == 200
    world.branch.has_center = False
    world.branch.save()
    assert client.get(reverse("portal:center", args=[world.branch.pk])).status_code == 404


# --- bad input through the pages -------------------------------------------------------


def post_hours(client, library, data):
    return client.post(reverse("org:hours_edit", args=[library.pk]), data)


def test_overlapping_hours_message_next_to_the_field(client, world):
    client.force_login(world.users["branch_librarian"])
    r = post_hours(client, world.branch, {"d0_1_opens": "09:00", "d0_1_closes": "13:00",
                                          "d0_2_opens": "12:30", "d0_2_closes": "18:00"})
    assert r.status_code == 200
    assert r.context["form"].errors["d0_2_opens"] == [
        "Ці години перетинаються з 09:00–13:00."]
    assert not OpeningHours.objects.filter(library=world.branch).exists()


def test_hours_close_before_open_and_wrong_type(client, world):
    client.force_login(world.users["branch_librarian"])
    r = post_hours(client, world.branch, {"d1_1_opens": "18:00", "d1_1_closes": "09:00",
                                          "d2_1_opens": "дев'ята", "d2_1_closes": "17:00",
                                          "d3_1_opens": "09:00"})
    errors = r.context["form"].errors
    assert errors["d1_1_closes"] == ["Час закриття має бути пізніше за час відкриття."]
    assert "d2_1_opens" in errors
    assert errors["d3_1_closes"] == ["Вкажіть час закриття."]
    assert not OpeningHours.objects.filter(library=world.branch).exists()


def test_valid_hours_saved(client, world):
    client.force_login(world.users["branch_librarian"])
    r = post_hours(client, world.branch, {"d0_1_opens": "09:00", "d0_1_closes": "13:00",
                                          "d0_2_opens": "14:00", "d0_2_closes": "18:00"})
    assert r.status_code == 302
    assert OpeningHours.objects.filter(library=world.branch, weekday=0).count() == 2


def test_closure_ending_before_start_shown_next_to_the_field(client, world):
    client.force_login(world.users["consultant"])
    r = client.post(reverse("org:closure_create", args=[world.branch.pk]),
                    {"starts_on": "2026-12-10", "ends_on": "2026-12-01", "reason": "repairs"})
    assert r.status_code == 200
    assert r.context["form"].errors["ends_on"] == ["Закриття не може закінчуватися раніше, ніж почалося."]
    assert not Closure.objects.exists()


def test_closure_saved_and_shown(client, world):
    client.force_login(world.users["consultant"])
    r = client.post(reverse("org:closure_create", args=[world.branch.pk]),
                    {"starts_on": "2026-12-10", "ends_on": "2026-12-11", "reason": "power_cut",
                     "note": "Графік відключень"})
    assert r.status_code == 302
    closure = Closure.objects.get()
    assert closure.created_by == world.users["consultant"]


def test_closure_note_too_long_and_wrong_date(client, world):
    client.force_login(world.users["consultant"])
    r = client.post(reverse("org:closure_create", args=[world.branch.pk]),
                    {"starts_on": "31.02.2026", "ends_on": "", "reason": "flood",
                     "note": "х" * 301})
    errors = r.context["form"].errors
    assert set(errors) == {"starts_on", "ends_on", "reason", "note"}
    assert not Closure.objects.exists()


def test_library_edit_empty_and_overlong_fields(client, world):
    client.force_login(world.users["director"])
    r = client.post(reverse("org:library_edit", args=[world.central.pk]),
                    {"name": "", "address": "а" * 301, "email": "not-an-email"})
    errors = r.context["form"].errors
    assert errors["name"] == ["Це поле обов'язкове."]
    assert "address" in errors and "email" in errors
    world.central.refresh_from_db()
    assert world.central.name == "Сарненська ЦРБ"


def test_html_in_a_library_name_is_shown_escaped(client, world):
    client.force_login(world.users["director"])
    r = client.post(reverse("org:library_edit", args=[world.central.pk]),
                    {"name": "<script>alert(1)</script> ЦРБ", "address": "вул. Широка, 31"})
    assert r.status_code == 302
    html = client.get(reverse("org:library_detail", args=[world.central.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ЦРБ" in html


def test_branch_cannot_be_moved_under_its_own_child_through_the_page(client, world):
    from civicdesk.org.tests.factories import BranchFactory

    child = BranchFactory(parent=world.branch, name="Пункт видачі")
    client.force_login(world.users["director"])
    r = client.post(reverse("org:library_edit", args=[world.branch.pk]),
                    {"parent": child.pk, "name": world.branch.name, "address": "вул. Центральна, 1"})
    assert r.status_code == 200
    assert "parent" in r.context["form"].errors
    world.branch.refresh_from_db()
    assert world.branch.parent_id == world.central.pk


def test_add_branch(client, world):
    client.force_login(world.users["center_head"])
    r = client.post(reverse("org:branch_create", args=[world.central.pk]),
                    {"parent": world.central.pk, "name": "Філія Чудель", "address": "вул. Миру, 3",
                     "settlement": "с. Чудель", "has_center": "on"})
    assert r.status_code == 302
    lib = Library.objects.get(name="Філія Чудель")
    assert lib.parent == world.central and lib.has_center and lib.kind == "branch"


def test_add_branch_with_a_duplicate_name(client, world):
    client.force_login(world.users["center_head"])
    r = client.post(reverse("org:branch_create", args=[world.central.pk]),
                    {"parent": world.central.pk, "name": "Філія Тутовичі", "address": "вул. Миру, 3"})
    assert r.status_code == 200
    assert r.context["form"].errors["name"] == ["Бібліотека з такою назвою вже є в мережі."]
    assert Library.objects.filter(name="Філія Тутовичі").count() == 1


def test_setup_page_bad_input_writes_nothing(client, db):
    from civicdesk.org.models import Network

    data = {"network_name": "", "name": "ЦРБ", "settlement": "Сарни", "address": "вул. Широка",
            "admin_username": "admin", "admin_password": "Vyshyvanka-Sarny-2026",
            "admin_password2": "Vyshyvanka-Sarny-2027",
            "branches-TOTAL_FORMS": "1", "branches-INITIAL_FORMS": "0",
            "branches-0-name": "", "branches-0-settlement": "Кричильськ"}
    r = client.post("/setup/", data)
    assert r.status_code == 200
    assert r.context["form"].errors["network_name"] == ["Це поле обов'язкове."]
    assert r.context["form"].errors["admin_password2"] == ["Паролі не збігаються."]
    assert r.context["branches"].forms[0].errors["name"] == ["Вкажіть назву філії."]
    assert Network.objects.count() == 0


def test_setup_page_creates_everything(client, db):
    from django.contrib.auth import get_user_model

    data = {"network_name": "Сарненська ЦБС", "name": "Сарненська ЦРБ", "settlement": "м. Сарни",
            "address": "вул. Широка, 31", "admin_username": "admin",
            "admin_password": "Vyshyvanka-Sarny-2026", "admin_password2": "Vyshyvanka-Sarny-2026",
            "branches-TOTAL_FORMS": "2", "branches-INITIAL_FORMS": "0",
            "branches-0-name": "Філія Кричильськ", "branches-0-settlement": "с. Кричильськ",
            "branches-0-has_center": "on", "branches-1-name": ""}
    r = client.post("/setup/", data)
    assert r.status_code == 302 and r["Location"] == reverse("accounts:login")
    assert Library.objects.get(name="Філія Кричильськ").has_center
    assert get_user_model().objects.get(username="admin").is_superuser


@pytest.mark.parametrize("role,status", [("viewer", 403), ("branch_librarian", 404),
                                         ("foreign_director", 404), ("anonymous", 302)])
def test_closure_delete_out_of_reach(client, world, role, status):
    closure = Closure.objects.create(library=world.other_branch, starts_on="2026-12-01",
                                     ends_on="2026-12-01", reason="holiday")
    if role != "anonymous":
        client.force_login(world.users[role])
    r = client.post(reverse("org:closure_delete", args=[closure.pk]))
    assert r.status_code == status
    assert Closure.objects.filter(pk=closure.pk).exists()


def test_setup_branch_errors_are_on_their_rows(client, db):
    from civicdesk.org.models import Network

    data = {"network_name": "Сарненська ЦБС", "name": "Сарненська ЦРБ", "settlement": "м. Сарни",
            "address": "вул. Широка, 31", "admin_username": "admin",
            "admin_password": "Vyshyvanka-Sarny-2026", "admin_password2": "Vyshyvanka-Sarny-2026",
            "branches-TOTAL_FORMS": "3", "branches-INITIAL_FORMS": "0",
            "branches-0-name": "Філія", "branches-1-name": "філія",
            "branches-2-name": "Сарненська ЦРБ"}
    r = client.post("/setup/", data)
    assert r.status_code == 200
    rows = r.context["branches"].forms
    assert rows[1].errors["name"] == ["Бібліотека з такою назвою вже є в мережі."]
    assert rows[2].errors["name"] == ["Бібліотека з такою назвою вже є в мережі."]
    assert not r.context["form"].errors
    assert Network.objects.count() == 0
