"""The authorities directory: central bodies as reference data, the tree, import from a
table (all or nothing), who may change what, bad input."""

import io

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from auditlog.models import LogEntry

from civicdesk.appeals import authority_import
from civicdesk.appeals.authorities import (
    CENTRAL,
    DEMO_COUNCIL,
    authorities_seed,
    demo_authorities_load,
)
from civicdesk.appeals.authority_forms import AuthorityForm
from civicdesk.appeals.authority_views import _tree
from civicdesk.appeals.models import Authority
from civicdesk.core import reference_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(world):
    authorities_seed()
    return world.central.network


@pytest.fixture
def council(network):
    council = Authority.objects.create(network=network, name="Сарненська міська рада",
                                       kind=Authority.Kind.COUNCIL)
    Authority.objects.create(network=network, parent=council, kind=Authority.Kind.EXECUTIVE,
                             name="Виконавчий комітет Сарненської міської ради")
    return council


def _csv(text: str, name="bodies.csv", encoding="cp1251"):
    upload = io.BytesIO(text.encode(encoding))
    upload.name = name
    return upload


# --- reference data --------------------------------------------------------------------

def test_central_bodies_are_loaded_once_with_their_real_names(network):
    names = set(Authority.objects.filter(network__isnull=True).values_list("name", flat=True))
    assert len(names) == len(CENTRAL) >= 20
    for must in ("Верховна Рада України", "Кабінет Міністрів України", "Пенсійний фонд України",
                 "Державна податкова служба України", "Міністерство юстиції України",
                 "Уповноважений Верховної Ради України з прав людини",
                 "Координаційний центр з надання правничої допомоги"):
        assert must in names
    president = Authority.objects.get(name__startswith="Президент України")
    assert president.petitions_url == "https://petition.president.gov.ua/"
    assert president.level == Authority.Level.NATIONAL and president.network is None
    assert Authority.objects.get(name="Кабінет Міністрів України").petitions_url == (
        "https://petition.kmu.gov.ua/")
    for body in Authority.objects.filter(network__isnull=True):
        for url in (body.website, body.petitions_url):
            assert not url or url.startswith("https://")
    count = Authority.objects.count()
    reference_data.load_all()
    reference_data.load_all()
    assert Authority.objects.count() == count


def test_a_central_body_the_administrator_renamed_is_not_added_again(network):
    rada = Authority.objects.get(name="Верховна Рада України")
    rada.name = "Верховна Рада України (парламент)"
    rada.save()
    assert authorities_seed() == 0
    assert not Authority.objects.filter(name="Верховна Рада України").exists()


def test_the_demo_community_is_a_tree_with_a_local_petition_rule(network):
    demo_authorities_load(network)
    count = Authority.objects.filter(network=network).count()
    demo_authorities_load(network)
    assert Authority.objects.filter(network=network).count() == count >= 8
    council = Authority.objects.get(network=network, name=DEMO_COUNCIL)
    assert (council.petition_signatures, council.petition_days) == (250, 60)
    executive = council.children.get(kind=Authority.Kind.EXECUTIVE)
    assert executive.children.count() == 2
    kinds = set(Authority.objects.filter(network=network).values_list("kind", flat=True))
    assert {"starosta", "cnap", "pension", "employment"} <= kinds


def test_the_tree_puts_parts_under_their_body(network, council):
    bodies = list(Authority.objects.filter(network=network) | Authority.objects.filter(
        network__isnull=True))
    roots = _tree(bodies)
    assert roots[0].authority.network is None  # the central bodies first
    node = next(n for n in roots if n.authority == council)
    assert [c.authority.name for c in node.children] == [
        "Виконавчий комітет Сарненської міської ради"]


# --- import ------------------------------------------------------------------------------

GOOD = ("назва;вид;рівень;входить до;електронна пошта;вебсайт;підписів;днів на збір підписів\n"
        "Тутовицька сільська рада;місцева рада;громада;;rada@tut.example.ua;https://tut.example.ua/;150;60\n"
        "Виконавчий комітет Тутовицької сільської ради;executive;community;Тутовицька сільська рада;;;;\n"
        "Відділ соцзахисту;social;;Виконавчий комітет Тутовицької сільської ради;;;;\n"
        "Сервісний центр ПФУ;pension;district;Пенсійний фонд України;;;;\n")


def test_import_reads_cp1251_and_builds_the_tree(world, network):
    rows = authority_import.check_rows(
        authority_import.read_rows(GOOD.encode("cp1251"), "bodies.csv"), network)
    assert not [r.errors for r in rows if r.errors]
    before = LogEntry.objects.count()
    assert authority_import.import_rows(rows, network, by=world.users["center_head"],
                                        filename="bodies.csv") == 4
    rada = Authority.objects.get(network=network, name="Тутовицька сільська рада")
    assert (rada.kind, rada.petition_signatures, rada.petition_days) == ("council", 150, 60)
    department = Authority.objects.get(name="Відділ соцзахисту")
    assert department.parent.parent == rada and department.level == "community"
    assert Authority.objects.get(name="Сервісний центр ПФУ").parent.network is None
    # one audit entry for the whole import
    assert LogEntry.objects.count() == before + 1
    assert "authorities imported" in LogEntry.objects.latest("pk").changes_dict


def test_import_is_all_or_nothing_with_a_message_for_every_bad_row(world, network, council):
    bad = GOOD + (
        "Щось;міністерство чого-небудь;;;;;;\n"                      # 6: unknown kind
        "Пошта;other;;;не пошта;;;\n"                                # 7: bad e-mail
        "Сайт;other;;;;javascript:alert(1);;\n"                      # 8: not http(s)
        "Дитина;other;;Невідомий орган;;;;\n"                       # 9: unknown parent
        "сарненська  МІСЬКА рада;council;;;;;;\n"                   # 10: already there
        "Тутовицька сільська рада;council;;;;;;\n"                  # 11: twice in the file
        + "Д" * 301 + ";other;;;;;;\n"                              # 12: too long
        "Рада;council;;;;;-5;0\n"                                   # 13: bad numbers
    )
    rows = authority_import.check_rows(
        authority_import.read_rows(bad.encode("cp1251"), "bodies.csv"), network)
    errors = {r.number: " ".join(r.errors) for r in rows if r.errors}
    assert sorted(errors) == list(range(6, 14))
    assert "Невідомий вид «міністерство чого-небудь»" in errors[6]
    assert "не є адресою електронної пошти" in errors[7]
    assert "http:// або https://" in errors[8]
    assert "Невідомий орган «Невідомий орган»" in errors[9]
    assert "вже є в довіднику" in errors[10]
    assert "рядку 2" in errors[11]
    assert "300" in errors[12]
    assert "підписів" in errors[13] and "днів" in errors[13]
    with pytest.raises(ValidationError):
        authority_import.import_rows(rows, network, by=world.users["center_head"])
    assert not Authority.objects.filter(name="Тутовицька сільська рада").exists()


def test_a_parent_below_its_part_is_unknown(network):
    text = ("name;parent\nВідділ;Рада громади\nРада громади;\n")
    rows = authority_import.check_rows(
        authority_import.read_rows(text.encode(), "b.csv"), network)
    assert rows[0].errors and not rows[1].errors


def test_import_page_previews_then_adds(login, world, network):
    client = login(world.users["center_head"])
    url = reverse("appeals:authority_import", args=[network.pk])
    page = client.post(url, {"file": _csv(GOOD)}).content.decode()
    assert "Тутовицька сільська рада" in page and "готові до додавання" in page
    assert not Authority.objects.filter(name="Тутовицька сільська рада").exists()
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert Authority.objects.filter(network=network).count() == 4


def test_import_page_lists_the_bad_rows_and_adds_nothing(login, world, network):
    client = login(world.users["director"])
    url = reverse("appeals:authority_import", args=[network.pk])
    page = client.post(url, {"file": _csv("назва;вебсайт\nРада;ftp://rada.example.ua\n")})
    assert "http:// або https://" in page.content.decode()
    client.post(url, {"confirm": "1"})
    assert not Authority.objects.filter(network=network).exists()


# --- pages and permissions ------------------------------------------------------------------

def test_the_directory_page_shows_the_tree_search_and_kind_filter(login, world, network, council):
    client = login(world.users["viewer"])
    url = reverse("appeals:authorities", args=[network.pk])
    page = client.get(url).content.decode()
    assert "Органи влади" in page
    assert "Сарненська міська рада" in page and "Верховна Рада України" in page
    assert "Додати орган" not in page  # a viewer only sees
    found = client.get(url, {"q": "РАДА україни"}).content.decode()
    assert "Верховна Рада України" in found and "Сарненська міська рада" not in found
    councils = client.get(url, {"kind": "council"}).content.decode()
    assert "Сарненська міська рада" in councils and "Кабінет Міністрів" not in councils
    assert client.get(reverse("appeals:authorities")).status_code == 302


def test_the_body_page_shows_all_fields_and_its_parts(login, world, network, council):
    council.postal_address = "вул. Шевченка, 1, м. Сарни"
    council.petition_signatures, council.petition_days = 250, 60
    council.save()
    client = login(world.users["consultant"])
    page = client.get(reverse("appeals:authority_detail", args=[council.pk])).content.decode()
    assert "вул. Шевченка, 1, м. Сарни" in page and "250" in page
    assert "Виконавчий комітет Сарненської міської ради" in page
    assert reverse("appeals:authority_edit", args=[council.pk]) not in page


@pytest.mark.parametrize("role, allowed", [
    ("director", True), ("center_head", True), ("consultant", False), ("viewer", False),
    ("branch_librarian", False),
])
def test_who_may_add_edit_and_import(login, world, network, council, role, allowed):
    client = login(world.users[role])
    expected = 200 if allowed else 403
    assert client.get(reverse("appeals:authority_create", args=[network.pk])).status_code == expected
    assert client.get(reverse("appeals:authority_edit", args=[council.pk])).status_code == expected
    assert client.get(reverse("appeals:authority_import", args=[network.pk])).status_code == expected
    response = client.post(reverse("appeals:authority_create", args=[network.pk]), {
        "name": "Новий відділ", "kind": "other", "level": "community", "parent": council.pk,
        "is_active": "on"})
    assert Authority.objects.filter(name="Новий відділ", network=network).exists() == allowed
    if allowed:
        assert response.status_code == 302
        assert Authority.objects.get(name="Новий відділ").parent == council


def test_another_networks_body_is_not_found(login, world, network, council):
    client = login(world.users["foreign_director"])
    assert client.get(reverse("appeals:authority_detail", args=[council.pk])).status_code == 404
    assert client.get(reverse("appeals:authority_edit", args=[council.pk])).status_code == 404
    assert client.get(reverse("appeals:authorities", args=[network.pk])).status_code == 404
    assert client.get(reverse("appeals:authority_import", args=[network.pk])).status_code == 404
    # the shared central bodies are everyone's to read
    rada = Authority.objects.get(name="Верховна Рада України")
    assert client.get(reverse("appeals:authority_detail", args=[rada.pk])).status_code == 200
    # nor can a body of this network be put under the other network's one
    foreign = world.foreign_central.network
    client.post(reverse("appeals:authority_create", args=[foreign.pk]), {
        "name": "Чужий відділ", "kind": "other", "level": "community", "parent": council.pk})
    assert not Authority.objects.filter(name="Чужий відділ").exists()


def test_only_the_administrator_edits_a_central_body(login, world, network):
    rada = Authority.objects.get(name="Верховна Рада України")
    url = reverse("appeals:authority_edit", args=[rada.pk])
    assert login(world.users["director"]).get(url).status_code == 403
    client = login(world.users["admin"])
    data = {"name": rada.name, "kind": rada.kind, "level": rada.level,
            "website": rada.website, "email": "info@rada.example.ua", "is_active": "on"}
    assert client.post(url, data).status_code == 302
    rada.refresh_from_db()
    assert rada.email == "info@rada.example.ua" and rada.network is None
    # a central body can only be part of another central body
    council = Authority.objects.create(network=network, name="Рада громади")
    client.post(url, {**data, "parent": council.pk})
    rada.refresh_from_db()
    assert rada.parent is None


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("field, value", [
    ("website", "javascript:alert(1)"), ("website", "ftp://rada.example.ua/"),
    ("petitions_url", "data:text/html,<b>x</b>"), ("email", "not-an-address"),
])
def test_bad_addresses_are_refused_next_to_the_field(login, world, network, field, value):
    client = login(world.users["center_head"])
    response = client.post(reverse("appeals:authority_create", args=[network.pk]), {
        "name": "Рада", "kind": "council", "level": "community", field: value})
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Authority.objects.filter(name="Рада").exists()


def test_a_web_address_message_is_in_ukrainian(network):
    form = AuthorityForm({"name": "Рада", "kind": "council", "level": "community",
                          "website": "javascript:alert(1)"}, network=network)
    assert not form.is_valid()
    assert "http:// або https://" in " ".join(form.errors["website"])


def test_script_in_notes_is_shown_escaped(login, world, network):
    client = login(world.users["center_head"])
    client.post(reverse("appeals:authority_create", args=[network.pk]), {
        "name": "Рада <b>жирна</b>", "kind": "council", "level": "community",
        "notes": "<script>alert(1)</script>"})
    body = Authority.objects.get(network=network)
    assert body.notes == "<script>alert(1)</script>"
    for url in (reverse("appeals:authority_detail", args=[body.pk]),
                reverse("appeals:authorities", args=[network.pk])):
        page = login(world.users["viewer"]).get(url).content.decode()
        assert "<script>alert(1)</script>" not in page and "<b>жирна</b>" not in page
        assert "&lt;b&gt;жирна&lt;/b&gt;" in page
    page = login(world.users["viewer"]).get(
        reverse("appeals:authority_detail", args=[body.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_parent_cycle_is_refused(login, world, network, council):
    executive = council.children.get()
    department = Authority.objects.create(network=network, parent=executive, name="Відділ")
    client = login(world.users["center_head"])
    response = client.post(reverse("appeals:authority_edit", args=[council.pk]), {
        "name": council.name, "kind": "council", "level": "community",
        "parent": department.pk, "is_active": "on"})
    assert response.status_code == 200
    assert "не може бути частиною самого себе" in response.content.decode()
    council.refresh_from_db()
    assert council.parent is None
    # nor its own part
    form = AuthorityForm({"name": council.name, "kind": "council", "level": "community",
                          "parent": council.pk}, instance=council, network=network)
    assert not form.is_valid() and "parent" in form.errors


def test_the_same_name_twice_is_refused(login, world, network, council):
    client = login(world.users["center_head"])
    response = client.post(reverse("appeals:authority_create", args=[network.pk]), {
        "name": "  сарненська міська РАДА ", "kind": "council", "level": "community"})
    assert "вже є в довіднику" in response.content.decode()
    assert Authority.objects.filter(network=network).count() == 2
    # another network may have a body of the same name
    client = login(world.users["foreign_director"])
    client.post(reverse("appeals:authority_create", args=[world.foreign_central.network.pk]), {
        "name": "Сарненська міська рада", "kind": "council", "level": "community"})
    assert Authority.objects.filter(name="Сарненська міська рада").count() == 2
