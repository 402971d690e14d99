"""Staff pages of partners, campaigns, publications and news: who sees and changes what,
another network's rows answer 404, and bad input shows a message next to its field."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from civicdesk.core import demo_data
from civicdesk.events.models import Campaign
from civicdesk.org.models import Library
from civicdesk.partners import forms as partner_forms
from civicdesk.partners.models import Agreement, Interaction, News, Partner, Publication

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


# --- who sees what -----------------------------------------------------------------------

@pytest.mark.parametrize("role", ["director", "center_head", "consultant", "viewer",
                                  "branch_librarian"])
def test_every_staff_member_sees_partners_and_the_pages(world, login, partner, role):
    client = login(world.users[role])
    network = partner.network
    for url in (reverse("partners:list", args=[network.pk]),
                reverse("partners:detail", args=[partner.pk]),
                reverse("partners:campaigns", args=[network.pk]),
                reverse("partners:publications", args=[network.pk]),
                reverse("partners:news", args=[network.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Петрук" in client.get(reverse("partners:detail", args=[partner.pk])).text


def test_the_list_filters_by_kind_and_active(world, login, partner, network):
    Partner.objects.create(network=network, name="Ліцей № 2", kind=Partner.Kind.EDUCATION)
    Partner.objects.create(network=network, name="Стара газета", kind=Partner.Kind.MEDIA,
                           is_active=False)
    client = login(world.users["viewer"])
    url = reverse("partners:list", args=[network.pk])
    names = lambda r: [p.name for p in r.context["partners"]]  # noqa: E731
    assert names(client.get(url)) == ["Ліцей № 2", "Сарненська міська рада"]
    assert names(client.get(url, {"kind": "education"})) == ["Ліцей № 2"]
    assert names(client.get(url, {"active": "0"})) == ["Стара газета"]
    assert len(names(client.get(url, {"active": "all", "kind": "bogus"}))) == 3


def test_another_networks_rows_answer_404(world, login, partner, make_event):
    agreement = Agreement.objects.create(partner=partner, title="Меморандум",
                                         signed_on=date(2025, 1, 1))
    campaign = Campaign.objects.create(network=partner.network, title="Тиждень",
                                       starts_on=date(2025, 3, 1), ends_on=date(2025, 3, 7))
    publication = Publication.objects.create(network=partner.network, kind="article",
                                             published_on=date(2025, 3, 2), title="Стаття",
                                             outlet_name="Газета")
    news = News.objects.create(network=partner.network, title="Новина", body="Текст")
    client = login(world.users["foreign_director"])
    network = partner.network.pk
    for url in (reverse("partners:list", args=[network]),
                reverse("partners:create", args=[network]),
                reverse("partners:detail", args=[partner.pk]),
                reverse("partners:edit", args=[partner.pk]),
                reverse("partners:agreement_create", args=[partner.pk]),
                reverse("partners:agreement_edit", args=[agreement.pk]),
                reverse("partners:agreement_file", args=[agreement.pk]),
                reverse("partners:interaction_create", args=[partner.pk]),
                reverse("partners:campaigns", args=[network]),
                reverse("partners:campaign", args=[campaign.pk]),
                reverse("partners:campaign_edit", args=[campaign.pk]),
                reverse("partners:publications", args=[network]),
                reverse("partners:publication_edit", args=[publication.pk]),
                reverse("partners:news", args=[network]),
                reverse("partners:news_edit", args=[news.pk])):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("partners:news_publish", args=[news.pk]),
                       {"published": "0"}).status_code == 404
    event = make_event()
    assert client.post(reverse("partners:link_event", args=[partner.pk]),
                       {"event": event.pk}).status_code == 404


def test_a_foreign_event_cannot_be_linked(world, login, partner, make_event):
    foreign = make_event(library=world.foreign_central)
    client = login(world.users["consultant"])
    client.post(reverse("partners:link_event", args=[partner.pk]), {"event": foreign.pk})
    assert not partner.events.exists()


def test_viewers_and_consultants_may_not_manage(world, login, partner, network):
    for role in ("viewer", "consultant", "branch_librarian"):
        client = login(world.users[role])
        for url in (reverse("partners:create", args=[network.pk]),
                    reverse("partners:edit", args=[partner.pk]),
                    reverse("partners:agreement_create", args=[partner.pk]),
                    reverse("partners:campaign_create", args=[network.pk]),
                    reverse("partners:news_create", args=[network.pk])):
            assert client.get(url).status_code == 403, (role, url)
    client = login(world.users["viewer"])
    for url in (reverse("partners:interaction_create", args=[partner.pk]),
                reverse("partners:publication_create", args=[network.pk])):
        assert client.get(url).status_code == 403
    page = client.get(reverse("partners:detail", args=[partner.pk])).text
    assert reverse("partners:interaction_create", args=[partner.pk]) not in page


def test_a_consultant_records_interactions_publications_and_joint_events(
        world, login, partner, network, make_event):
    client = login(world.users["consultant"])
    event = make_event(title="Круглий стіл з депутатами")
    response = client.post(reverse("partners:interaction_create", args=[partner.pk]), {
        "happened_on": timezone.localdate().isoformat(), "kind": "meeting",
        "summary": "Зустріч щодо е-петицій", "event": event.pk})
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert interaction.recorded_by == world.users["consultant"] and interaction.event == event
    assert client.post(reverse("partners:link_event", args=[partner.pk]),
                       {"event": event.pk}).status_code == 302
    assert list(partner.events.all()) == [event]
    page = client.get(reverse("partners:detail", args=[partner.pk])).text
    assert "Зустріч щодо е-петицій" in page and "Круглий стіл з депутатами" in page
    client.post(reverse("partners:unlink_event", args=[partner.pk, event.pk]))
    assert not partner.events.exists()
    media = Partner.objects.create(network=network, name="Сарненські новини",
                                   kind=Partner.Kind.MEDIA)
    response = client.post(reverse("partners:publication_create", args=[network.pk]), {
        "published_on": "2025-03-02", "kind": "article", "title": "Бібліотека і петиції",
        "outlet": media.pk, "outlet_name": "зайве", "url": "https://news.example.ua/1",
        "events": [event.pk]})
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.outlet == media and publication.outlet_name == ""
    assert list(publication.events.all()) == [event]


def test_interactions_are_listed_newest_first(world, login, partner):
    for days, text in ((30, "перша"), (1, "третя"), (10, "друга")):
        Interaction.objects.create(partner=partner, kind="call", summary=text,
                                   happened_on=timezone.localdate() - timedelta(days=days))
    page = login(world.users["viewer"]).get(reverse("partners:detail", args=[partner.pk])).text
    assert page.index("третя") < page.index("друга") < page.index("перша")


def test_the_head_adds_and_edits_a_partner_and_an_agreement_with_a_file(
        world, login, network):
    client = login(world.users["center_head"])
    response = client.post(reverse("partners:create", args=[network.pk]), {
        "name": "  ГО  «Цифрова громада» ", "kind": "ngo", "email": "info@cyfrova.example.ua",
        "website": "cyfrova.example.ua", "is_active": "on"})
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.name == "ГО «Цифрова громада»"
    assert partner.website == "https://cyfrova.example.ua"
    pdf = SimpleUploadedFile("memorandum.pdf", b"%PDF-1.4\n%test\n", "application/pdf")
    response = client.post(reverse("partners:agreement_create", args=[partner.pk]), {
        "kind": "memorandum", "title": "Меморандум", "signed_on": "2025-01-10",
        "valid_until": "2026-01-10", "file": pdf})
    assert response.status_code == 302, response.context["form"].errors
    agreement = Agreement.objects.get()
    download = client.get(reverse("partners:agreement_file", args=[agreement.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # editing without a new file keeps the stored one
    response = client.post(reverse("partners:agreement_edit", args=[agreement.pk]), {
        "kind": "memorandum", "title": "Меморандум (нова редакція)", "signed_on": "2025-01-10"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.file and agreement.valid_until is None
    # a viewer of the network may download it too; the file is not public
    assert login(world.users["viewer"]).get(
        reverse("partners:agreement_file", args=[agreement.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("partners:agreement_file", args=[agreement.pk])).status_code == 302


# --- bad input ---------------------------------------------------------------------------

def test_a_name_twice_in_the_network_is_refused_but_another_network_may_use_it(
        world, login, partner, network, foreign_network):
    client = login(world.users["director"])
    response = client.post(reverse("partners:create", args=[network.pk]), {
        "name": "сарненська  МІСЬКА рада", "kind": "state"})
    assert response.status_code == 200
    assert "уже є в переліку" in " ".join(_errors(response, "name"))
    foreign = login(world.users["foreign_director"])
    assert foreign.post(reverse("partners:create", args=[foreign_network.pk]), {
        "name": "Сарненська міська рада", "kind": "state"}).status_code == 302


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://example.ua/",
                                     "file:///etc/passwd"])
def test_a_website_that_is_not_http_is_refused(world, login, network, website):
    client = login(world.users["director"])
    response = client.post(reverse("partners:create", args=[network.pk]), {
        "name": "Школа", "kind": "education", "website": website})
    assert response.status_code == 200
    assert "http://" in " ".join(_errors(response, "website"))
    assert not Partner.objects.exists()


def test_a_bad_email_is_refused(world, login, network):
    response = login(world.users["director"]).post(
        reverse("partners:create", args=[network.pk]),
        {"name": "Школа", "kind": "education", "email": "not an e-mail"})
    assert _errors(response, "email")


def test_an_agreement_ending_before_it_is_signed_is_refused(world, login, partner):
    response = login(world.users["director"]).post(
        reverse("partners:agreement_create", args=[partner.pk]), {
            "kind": "contract", "title": "Договір", "signed_on": "2025-05-10",
            "valid_until": "2025-05-09"})
    assert response.status_code == 200
    assert "раніше, ніж її підписано" in " ".join(_errors(response, "valid_until"))
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("name,content,message", [
    ("script.exe", b"MZ\x90\x00", "не приймається"),
    ("page.html", b"<script>alert(1)</script>", "не приймається"),
    ("fake.pdf", b"<script>alert(1)</script>", "не є файлом PDF"),
    ("photo.png", b"\xff\xd8\xff\xe0JFIF", "не є файлом PNG"),
])
def test_an_agreement_file_of_another_type_is_refused(world, login, partner, name, content,
                                                      message):
    response = login(world.users["director"]).post(
        reverse("partners:agreement_create", args=[partner.pk]), {
            "kind": "memorandum", "title": "Меморандум", "signed_on": "2025-05-10",
            "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in " ".join(_errors(response, "file"))
    assert not Agreement.objects.exists()


def test_an_agreement_file_over_the_limit_is_refused(world, login, partner, monkeypatch):
    monkeypatch.setattr(partner_forms, "MAX_AGREEMENT_BYTES", 1024)
    big = SimpleUploadedFile("scan.jpg", b"\xff\xd8\xff\xe0" + b"0" * 2000)
    response = login(world.users["director"]).post(
        reverse("partners:agreement_create", args=[partner.pk]), {
            "kind": "memorandum", "title": "Меморандум", "signed_on": "2025-05-10",
            "file": big})
    assert "найбільший дозволений — 1,0" in " ".join(_errors(response, "file"))


def test_the_real_limit_is_ten_megabytes(partner):
    form = partner_forms.AgreementForm(
        data={"kind": "memorandum", "title": "М", "signed_on": "2025-05-10"},
        files={"file": SimpleUploadedFile("scan.jpg",
                                          b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024))})
    assert not form.is_valid() and "file" in form.errors
    ok = partner_forms.AgreementForm(
        data={"kind": "memorandum", "title": "М", "signed_on": "2025-05-10"},
        files={"file": SimpleUploadedFile("scan.docx", b"PK\x03\x04" + b"0" * 1000)})
    assert ok.is_valid(), ok.errors


def test_a_campaign_ending_before_it_starts_is_refused(world, login, network):
    response = login(world.users["center_head"]).post(
        reverse("partners:campaign_create", args=[network.pk]), {
            "title": "Тиждень", "starts_on": "2025-03-07", "ends_on": "2025-03-01"})
    assert response.status_code == 200
    assert "раніше, ніж почнеться" in " ".join(_errors(response, "ends_on"))
    assert not Campaign.objects.exists()


def test_an_interaction_in_the_future_is_refused(world, login, partner):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login(world.users["consultant"]).post(
        reverse("partners:interaction_create", args=[partner.pk]), {
            "happened_on": tomorrow.isoformat(), "kind": "call", "summary": "Дзвінок"})
    assert response.status_code == 200
    assert "ще не настала" in " ".join(_errors(response, "happened_on"))
    assert not Interaction.objects.exists()


def test_a_publication_link_must_be_http_and_an_outlet_is_needed(world, login, network):
    client = login(world.users["consultant"])
    url = reverse("partners:publication_create", args=[network.pk])
    response = client.post(url, {"published_on": "2025-03-02", "kind": "online",
                                 "title": "Стаття", "outlet_name": "Рівне онлайн",
                                 "url": "javascript:alert(1)"})
    assert "http://" in " ".join(_errors(response, "url"))
    response = client.post(url, {"published_on": "2025-03-02", "kind": "online",
                                 "title": "Стаття"})
    assert "назву видання" in " ".join(_errors(response, "outlet"))
    assert not Publication.objects.exists()


def test_script_is_shown_as_text_on_every_page(world, login, network, make_event):
    client = login(world.users["director"])
    client.post(reverse("partners:create", args=[network.pk]), {
        "name": SCRIPT, "kind": "media", "notes": SCRIPT, "contact_person": SCRIPT,
        "is_active": "on"})
    partner = Partner.objects.get()
    client.post(reverse("partners:interaction_create", args=[partner.pk]), {
        "happened_on": "2025-03-01", "kind": "call", "summary": SCRIPT})
    client.post(reverse("partners:campaign_create", args=[network.pk]), {
        "title": SCRIPT, "description": SCRIPT, "starts_on": "2025-03-01",
        "ends_on": "2025-03-07"})
    campaign = Campaign.objects.get()
    client.post(reverse("partners:publication_create", args=[network.pk]), {
        "published_on": "2025-03-02", "kind": "online", "title": SCRIPT, "outlet": partner.pk,
        "campaign": campaign.pk})
    client.post(reverse("partners:news_create", args=[network.pk]), {
        "title": SCRIPT, "body": SCRIPT, "published_at": "2025-03-02T10:00",
        "is_published": "on"})
    assert Interaction.objects.count() == Publication.objects.count() == News.objects.count() == 1
    news = News.objects.get()
    Library.objects.filter(network=network).update(has_center=True)
    for url in (reverse("partners:list", args=[network.pk]),
                reverse("partners:detail", args=[partner.pk]),
                reverse("partners:campaigns", args=[network.pk]),
                reverse("partners:campaign", args=[campaign.pk]),
                reverse("partners:publications", args=[network.pk]),
                reverse("partners:news", args=[network.pk]),
                reverse("news:list", args=[network.pk]),
                reverse("news:detail", args=[network.pk, news.pk]),
                reverse("portal:home")):
        page = client.get(url).text
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


# --- campaigns ---------------------------------------------------------------------------

def test_a_campaign_page_lists_its_events_and_publications(world, login, network, make_event):
    client = login(world.users["director"])
    response = client.post(reverse("partners:campaign_create", args=[network.pk]), {
        "title": "Тиждень електронних петицій", "starts_on": "2025-03-01",
        "ends_on": "2025-03-01"})
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    make_event(title="Як подати петицію", campaign=campaign)
    make_event(title="Чужий захід")
    Publication.objects.create(network=network, published_on=date(2025, 3, 2), kind="article",
                               title="Бібліотека вчить петиціям", outlet_name="Газета",
                               campaign=campaign)
    page = client.get(reverse("partners:campaign", args=[campaign.pk])).text
    assert "Як подати петицію" in page and "Бібліотека вчить петиціям" in page
    assert "Чужий захід" not in page
    listing = client.get(reverse("partners:campaigns", args=[network.pk]))
    assert [(c.n_events, c.n_publications) for c in listing.context["campaigns"]] == [(1, 1)]
    response = client.post(reverse("partners:campaign_edit", args=[campaign.pk]), {
        "title": "Тиждень е-петицій", "starts_on": "2025-03-01", "ends_on": "2025-03-08"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Тиждень е-петицій"


def test_publications_are_listed_by_year(world, login, network):
    for day, title in ((date(2024, 5, 1), "Стара"), (date(2025, 2, 1), "Нова"),
                       (date(2025, 9, 1), "Новіша")):
        Publication.objects.create(network=network, published_on=day, kind="tv",
                                   title=title, outlet_name="ТБ")
    client = login(world.users["viewer"])
    url = reverse("partners:publications", args=[network.pk])
    response = client.get(url)
    assert response.context["year"] == 2025 and response.context["years"] == [2025, 2024]
    assert [p.title for p in response.context["publications"]] == ["Новіша", "Нова"]
    response = client.get(url, {"year": "2024"})
    assert [p.title for p in response.context["publications"]] == ["Стара"]
    assert client.get(url, {"year": "1900"}).context["year"] == 2025


# --- news --------------------------------------------------------------------------------

def test_news_drafts_are_published_and_taken_off(world, login, network):
    client = login(world.users["center_head"])
    response = client.post(reverse("partners:news_create", args=[network.pk]), {
        "title": "Нові години роботи", "body": "Перший абзац.\n\nДругий абзац.",
        "published_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    news = News.objects.get()
    assert not news.is_published and news.created_by == world.users["center_head"]
    public = reverse("news:detail", args=[network.pk, news.pk])
    assert client.get(public).status_code == 404
    client.post(reverse("partners:news_publish", args=[news.pk]), {"published": "1"})
    page = client.get(public)
    assert page.status_code == 200
    assert "<p>Перший абзац.</p>" in page.text and "<p>Другий абзац.</p>" in page.text
    client.post(reverse("partners:news_publish", args=[news.pk]), {"published": "0"})
    assert client.get(public).status_code == 404
    assert login(world.users["consultant"]).post(
        reverse("partners:news_publish", args=[news.pk]), {"published": "1"}).status_code == 403


def test_a_scheduled_item_waits_for_its_time(client, network):
    later = News.objects.create(network=network, title="Завтра", body="т",
                                published_at=timezone.now() + timedelta(days=1))
    News.objects.create(network=network, title="Сьогодні", body="т")
    page = client.get(reverse("news:list", args=[network.pk])).text
    assert "Сьогодні" in page and "Завтра" not in page
    assert client.get(reverse("news:detail", args=[network.pk, later.pk])).status_code == 404


def test_news_pages_announce_the_feeds_and_the_portal_shows_the_latest_three(client, network):
    for i in range(5):
        News.objects.create(network=network, title=f"Новина {i}", body="текст",
                            published_at=timezone.now() - timedelta(hours=10 - i))
    page = client.get(reverse("news:list", args=[network.pk])).text
    head = page.split("</head>")[0]
    assert ('<link rel="alternate" type="application/rss+xml"' in head
            and reverse("news:rss", args=[network.pk]) in head)
    assert 'type="application/atom+xml"' in head
    assert reverse("news:atom", args=[network.pk]) in head
    item = News.objects.get(title="Новина 4")
    detail = client.get(reverse("news:detail", args=[network.pk, item.pk])).text
    assert 'rel="alternate"' in detail.split("</head>")[0]
    # the portal's home page lists the networks of libraries with a center
    Library.objects.filter(network=network).update(has_center=True)
    home = client.get(reverse("portal:home")).text
    assert "Новина 4" in home and "Новина 3" in home and "Новина 2" in home
    assert "Новина 1" not in home
    assert reverse("news:list", args=[network.pk]) in home
    assert reverse("news:rss", args=[network.pk]) in home


def test_a_foreign_event_is_refused_for_a_news_item(world, login, network, make_event):
    foreign = make_event(library=world.foreign_central)
    response = login(world.users["director"]).post(
        reverse("partners:news_create", args=[network.pk]), {
            "title": "Новина", "body": "т", "published_at": "2025-03-02T10:00",
            "event": foreign.pk})
    assert _errors(response, "event")


# --- demo data ---------------------------------------------------------------------------

def test_the_demo_loader_adds_partners_a_campaign_publications_and_news(network):
    from civicdesk.partners.demo import demo_partners_load

    assert "partners" in demo_data._loaders
    assert demo_partners_load(network) == 4
    assert demo_partners_load(network) == 0
    kinds = set(Partner.objects.filter(network=network).values_list("kind", flat=True))
    assert {"self_government", "education", "ngo", "media"} <= kinds
    assert Agreement.objects.filter(kind="memorandum").exists()
    assert Interaction.objects.count() >= 3
    campaign = Campaign.objects.get(network=network, title="Тиждень електронних петицій")
    assert campaign.publications.count() == 2
    assert News.objects.filter(network=network, is_published=True).count() == 2


