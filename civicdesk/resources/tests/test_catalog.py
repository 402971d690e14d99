"""The resource catalog: reference data, rules on addresses, search in word forms,
permissions, counted clicks, desk use, suggestions, import and export."""

import io
import json
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from civicdesk.core import reference_data
from civicdesk.core.text import index_terms, lemmas
from civicdesk.journal import actions as journal_actions
from civicdesk.journal.models import JournalEntry
from civicdesk.patrons.categories import social_categories_seed
from civicdesk.resources import actions, selectors, transfer
from civicdesk.resources.models import EntryResource, Resource, ResourceCategory, Suggestion
from civicdesk.resources.reference import RESOURCES, categories_seed, resources_seed
from civicdesk.resources.urls_rules import clean_url, url_key
from civicdesk.services.catalog import catalog_seed
from civicdesk.services.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(world):
    resources_seed(world.central.network)
    return world.central.network


def test_reference_data_has_real_national_resources_loaded_once(network):
    assert len(RESOURCES) >= 40
    urls = set(Resource.objects.filter(network=network).values_list("url", flat=True))
    for must in ("https://diia.gov.ua/", "https://portal.pfu.gov.ua/", "https://www.dcz.gov.ua/",
                 "https://zakon.rada.gov.ua/", "https://petition.president.gov.ua/",
                 "https://e-dem.ua/", "https://cabinet.tax.gov.ua/", "https://prozorro.gov.ua/",
                 "https://data.gov.ua/", "https://osvita.diia.gov.ua/"):
        assert must in urls
    count = Resource.objects.count()
    reference_data.load_all()
    reference_data.load_all()
    # the other network on the server got its own copy; nothing twice
    assert Resource.objects.filter(network=network).count() == count
    assert set(ResourceCategory.objects.values_list("code", flat=True)) == {
        "state", "social", "admin-services", "civil-society", "enterprises"}


def test_a_renamed_or_archived_reference_resource_stays_as_the_staff_left_it(network, world):
    diia = Resource.objects.get(network=network, url="https://diia.gov.ua/")
    actions.resource_update(resource=diia, title="Дія", by=world.users["center_head"])
    actions.resource_archive(resource=diia)
    resources_seed(network)
    diia.refresh_from_db()
    assert (diia.title, diia.is_archived) == ("Дія", True)
    assert Resource.objects.filter(network=network, url_key="diia.gov.ua").count() == 1


@pytest.mark.parametrize("raw, message", [
    ("javascript:alert(1)", "«javascript:»"),
    ("data:text/html,<b>x</b>", "«data:»"),
    ("file:///etc/passwd", "«file:»"),
    ("http://", "не є правильною"),
    ("https://exa mple.com", "не є правильною"),
    ("", "Вкажіть адресу"),
    ("https://x.gov.ua/" + "a" * 500, "задовга"),
])
def test_bad_addresses_are_refused_in_plain_words(raw, message):
    with pytest.raises(ValidationError) as exc:
        clean_url(raw)
    assert message in " ".join(exc.value.messages)


def test_addresses_that_are_the_same_page_have_one_key():
    assert clean_url("diia.gov.ua") == "https://diia.gov.ua/"
    same = {url_key(u) for u in ("https://diia.gov.ua", "http://www.diia.gov.ua/",
                                 "https://DIIA.gov.ua:443/#top", "https://diia.gov.ua/")}
    assert same == {"diia.gov.ua"}
    assert url_key("https://diia.gov.ua/a?x=1") != url_key("https://diia.gov.ua/a?x=2")


def test_the_same_address_twice_is_refused_with_a_link_to_the_first(login, world, network):
    existing = Resource.objects.get(network=network, url="https://diia.gov.ua/")
    client = login(world.users["consultant"])
    state = ResourceCategory.objects.get(code="state")
    response = client.post(reverse("resources:create", args=[network.pk]), {
        "title": "Дія ще раз", "url": "http://www.diia.gov.ua", "categories": [state.pk],
        "level": "national"})
    assert response.status_code == 200
    assert reverse("resources:detail", args=[existing.pk]) in response.content.decode()
    assert "вже є в каталозі" in response.content.decode()
    assert not Resource.objects.filter(title="Дія ще раз").exists()


def test_over_long_fields_get_a_message_next_to_the_field(login, world, network):
    client = login(world.users["consultant"])
    state = ResourceCategory.objects.get(code="state")
    response = client.post(reverse("resources:create", args=[network.pk]), {
        "title": "Т" * 201, "url": "https://new.gov.ua/", "categories": [state.pk],
        "level": "national"})
    assert response.status_code == 200
    assert 'id="id_title_error"' in response.content.decode()
    assert not Resource.objects.filter(url_key="new.gov.ua").exists()


def test_word_forms_find_each_other():
    assert "пенсія" in lemmas("пенсії")
    assert "пенсія" in index_terms("Пенсійний фонд: пенсія онлайн")
    terms = index_terms("Роз’яснення щодо субсидій")  # apostrophe folded
    assert " роз'яснення " in terms and " субсидія " in terms


@pytest.mark.parametrize("query, title", [
    ("пенсії", "Вебпортал електронних послуг Пенсійного фонду України"),
    ("петиції президенту", "Електронні петиції до Президента України"),
    ("податків", "Електронний кабінет платника податків"),
    ("роботу шукаю", "Державний центр зайнятості"),
    ("ПФУ", "Пенсійний фонд України"),
    ("ЦНАП", "Гід з державних послуг"),
])
def test_the_catalog_search_understands_ukrainian_word_forms(network, query, title):
    found = [r.title for r in selectors.catalog(network, query=query)]
    assert title in found


def test_nothing_matches_words_not_in_the_catalog(network):
    assert list(selectors.catalog(network, query="космодром")) == []


def test_portal_catalog_counts_clicks_without_personal_data(client, network):
    diia = Resource.objects.get(network=network, url="https://diia.gov.ua/")
    page = client.get(reverse("catalog:catalog", args=[network.pk]), {"q": "державні послуги"})
    assert reverse("catalog:go", args=[diia.pk]) in page.content.decode()
    response = client.get(reverse("catalog:go", args=[diia.pk]))
    assert response.status_code == 302 and response["Location"] == "https://diia.gov.ua/"
    diia.refresh_from_db()
    assert diia.clicks == 1
    month = timezone.localdate().replace(day=1)
    assert selectors.monthly_use(diia) == [(month, 1, 0)]


def test_a_portal_search_with_no_result_becomes_a_suggestion(client, network, world):
    for _ in range(3):
        client.get(reverse("catalog:catalog", args=[network.pk]), {"q": "Ліцензія  на рибалку"})
    suggestion = Suggestion.objects.get(network=network)
    assert (suggestion.text, suggestion.times) == ("Ліцензія на рибалку", 3)
    # the queue: create a resource from it and it is closed with the resource
    head = world.users["center_head"]
    c = client
    c.force_login(head)
    state = ResourceCategory.objects.get(code="state")
    response = c.post(reverse("resources:create", args=[network.pk]), {
        "suggestion": suggestion.pk, "title": "Рибалка: ліцензії", "url": "https://fish.gov.ua/",
        "categories": [state.pk], "level": "national"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DONE
    assert suggestion.resource.title == "Рибалка: ліцензії"


def test_an_unmet_need_answered_by_a_new_resource_is_closed(login, world, network, settings):
    catalog_seed(network)
    social_categories_seed()
    service = Service.objects.filter(network=network).first()
    entry, _ = journal_actions.entry_create(
        library=world.central, staff=world.users["consultant"], services=[service],
        duration_minutes=10, unidentified_reason="Дзвінок",
        unmet_need="Де оформити дозвіл на вирубку дерев")
    client = login(world.users["center_head"])
    page = client.get(reverse("resources:suggestions", args=[network.pk]))
    assert "Де оформити дозвіл на вирубку дерев" in page.content.decode()
    state = ResourceCategory.objects.get(code="state")
    client.post(reverse("resources:create", args=[network.pk]), {
        "need": entry.pk, "title": "Дозволи на вирубку", "url": "https://trees.gov.ua/",
        "categories": [state.pk], "level": "local"})
    entry.refresh_from_db()
    assert entry.need_status == JournalEntry.NeedStatus.RESOLVED
    assert "Дозволи на вирубку" in entry.need_resolution


def test_resources_picked_at_the_desk_are_counted_as_use(login, world, network):
    catalog_seed(network)
    social_categories_seed()
    service = Service.objects.filter(network=network).first()
    pfu = Resource.objects.get(network=network, url="https://portal.pfu.gov.ua/")
    client = login(world.users["consultant"])
    page = client.get(reverse("journal:desk"))
    assert 'name="resources"' in page.content.decode()
    response = client.post(reverse("journal:desk"), {
        "library": world.central.pk, "unidentified_reason": "Дзвінок", "services": [service.pk],
        "channel": "phone", "duration_minutes": 5, "outcome": "resolved",
        "submission_key": "2f1e0c1a-0000-4000-8000-000000000001", "resources": [pfu.pk]})
    assert response.status_code == 302
    assert EntryResource.objects.filter(resource=pfu).count() == 1
    assert selectors.monthly_use(pfu)[0][2] == 1
    assert selectors.usage_counts([pfu])[pfu.pk]["entries"] == 1


@pytest.mark.parametrize("role, can_add, can_import", [
    ("director", True, True), ("center_head", True, True), ("consultant", True, False),
    ("viewer", False, False), ("branch_librarian", False, False),
])
def test_who_may_change_the_catalog(login, world, network, role, can_add, can_import):
    client = login(world.users[role])
    assert client.get(reverse("resources:list", args=[network.pk])).status_code == 200
    assert client.get(reverse("resources:create", args=[network.pk])).status_code == (
        200 if can_add else 403)
    assert client.get(reverse("resources:import", args=[network.pk])).status_code == (
        200 if can_import else 403)


def test_another_network_does_not_see_the_catalog(login, world, network):
    client = login(world.users["foreign_director"])
    resource = Resource.objects.filter(network=network).first()
    assert client.get(reverse("resources:list", args=[network.pk])).status_code == 404
    assert client.get(reverse("resources:detail", args=[resource.pk])).status_code == 404


def test_exports_carry_the_catalog(login, world, network):
    client = login(world.users["viewer"])
    data = json.loads(client.get(reverse("resources:export", args=[network.pk, "json"])).content)
    assert len(data["resources"]) == len(RESOURCES)
    html = client.get(reverse("resources:export", args=[network.pk, "bookmarks"])).content.decode()
    assert html.startswith("<!DOCTYPE NETSCAPE-Bookmark-file-1>")
    assert '<A HREF="https://diia.gov.ua/">' in html
    csv_text = client.get(reverse("resources:export", args=[network.pk, "csv"])).content
    assert csv_text.decode("utf-8-sig").splitlines()[0] == ";".join(transfer.COLUMNS)


def test_import_is_all_or_nothing_and_reads_cp1251(world):
    network = world.central.network
    categories_seed()
    good = "title;url;categories\nСайт громади;https://hromada.gov.ua/;state\n"
    bad = good + "Без адреси;javascript:void(0);state\nДубль;https://hromada.gov.ua;state\n"
    rows = transfer.check_rows(transfer.read_rows(bad.encode("cp1251"), "r.csv"), network)
    assert [r.number for r in rows if r.errors] == [3, 4]
    assert "рядку 2" in " ".join(rows[2].errors)
    with pytest.raises(ValidationError):
        transfer.import_rows(rows, network, by=world.users["center_head"])
    assert not Resource.objects.filter(network=network).exists()
    rows = transfer.check_rows(transfer.read_rows(good.encode("cp1251"), "r.csv"), network)
    assert transfer.import_rows(rows, network, by=world.users["center_head"]) == 1
    assert Resource.objects.get(network=network).title == "Сайт громади"


def test_a_bookmarks_file_with_ten_thousand_links_imports(world, network):
    lines = ["<!DOCTYPE NETSCAPE-Bookmark-file-1>", "<DL><p>", "<DT><H3>Громада</H3>", "<DL><p>"]
    lines += [f'<DT><A HREF="https://site{i}.example.org/page">Сайт №{i}</A>'
              for i in range(10_000)]
    lines += ["</DL><p>", "</DL><p>"]
    data = "\n".join(lines).encode("utf-8")
    rows = transfer.check_rows(transfer.read_rows(data, "bookmarks.html"), network)
    assert not [r for r in rows if r.errors]
    before = Resource.objects.filter(network=network).count()
    assert transfer.import_rows(rows, network, by=world.users["center_head"]) == 10_000
    assert Resource.objects.filter(network=network).count() == before + 10_000
    assert list(selectors.catalog(network, query="Сайт №9999"))


def test_import_page_previews_then_adds(login, world, network):
    client = login(world.users["center_head"])
    upload = io.BytesIO("title;url\nЦНАП Сарни;https://cnap.sarny.gov.ua/\n".encode())
    upload.name = "list.csv"
    page = client.post(reverse("resources:import", args=[network.pk]), {"file": upload})
    assert "ЦНАП Сарни" in page.content.decode()
    assert not Resource.objects.filter(title="ЦНАП Сарни").exists()
    client.post(reverse("resources:import", args=[network.pk]), {"confirm": "1"})
    assert Resource.objects.filter(title="ЦНАП Сарни").exists()


def test_script_in_fields_is_shown_escaped(login, world, network):
    client = login(world.users["consultant"])
    state = ResourceCategory.objects.get(code="state")
    client.post(reverse("resources:create", args=[network.pk]), {
        "title": "<script>alert(1)</script>", "url": "https://xss.gov.ua/",
        "categories": [state.pk], "level": "national"})
    resource = Resource.objects.get(url_key="xss.gov.ua")
    page = client.get(reverse("resources:detail", args=[resource.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_new_mark_expires(world, network):
    resource = actions.resource_create(
        network=network, categories=[ResourceCategory.objects.get(code="state")],
        title="Новий", url="https://novyi.gov.ua/", by=world.users["consultant"])
    assert resource.is_new
    resource.new_until = timezone.localdate() - timedelta(days=1)
    assert not resource.is_new
