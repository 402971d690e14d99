from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from auditlog.models import LogEntry

from civicdesk.patrons import actions
from civicdesk.patrons.categories import social_categories_seed
from civicdesk.patrons.models import CardFormat, Consent, Patron, SocialCategory
from civicdesk.patrons.normalize import name_key
from civicdesk.patrons.permissions import patrons_visible_to
from civicdesk.patrons.selectors import patron_search
from civicdesk.patrons.tests.factories import PatronFactory

pytestmark = pytest.mark.django_db


def register(library, **over):
    kwargs = dict(library=library, card_number="s000123", surname="Коваль",
                  given_name="Марʼяна", birth_year=1961, consent_service=True)
    kwargs.update(over)
    return actions.patron_register(**kwargs)


# --- actions ---------------------------------------------------------------------------

def test_register_normalises_card_and_records_consent(world):
    patron = register(world.branch, phone="067-123-45-67")
    assert patron.card_number == "S000123"
    assert patron.phone_key == "380671234567"
    consent = patron.consents.get()
    assert consent.purpose == Consent.Purpose.SERVICE and consent.text_version == "2026-1"


def test_card_format_of_the_library(world):
    CardFormat.objects.create(library=world.branch, prefix="KR", digits=5)
    with pytest.raises(ValidationError) as exc:
        register(world.branch, card_number="S000123")
    assert "KR" in exc.value.message_dict["card_number"][0]
    assert register(world.branch, card_number="kr 01234").card_number == "KR01234"


@pytest.mark.parametrize("card", ["", "ab", "<script>", "1" * 21])
def test_bad_card_numbers(world, card):
    with pytest.raises(ValidationError) as exc:
        register(world.branch, card_number=card)
    assert "card_number" in exc.value.message_dict
    assert Patron.objects.count() == 0


def test_duplicate_card_is_refused(world):
    register(world.branch)
    with pytest.raises(ValidationError) as exc:
        register(world.central, card_number="S000123", surname="Інша")
    assert exc.value.message_dict["card_number"] == ["Цей номер квитка вже зареєстровано."]


def test_no_consent_no_registration(world):
    with pytest.raises(ValidationError) as exc:
        register(world.branch, consent_service=False)
    assert "consent_service" in exc.value.message_dict
    assert Patron.objects.count() == 0


@pytest.mark.parametrize("year", [1800, 2999])
def test_birth_year_out_of_range(world, year):
    with pytest.raises(ValidationError) as exc:
        register(world.branch, birth_year=year)
    assert "birth_year" in exc.value.message_dict


def test_duplicate_warning_and_confirmation(world):
    register(world.branch)
    with pytest.raises(actions.DuplicatePatron) as exc:
        register(world.central, card_number="S000999", surname="КОВАЛЬ", given_name="Мар'яна")
    assert [p.card_number for p in exc.value.candidates] == ["S000123"]
    register(world.central, card_number="S000999", surname="Коваль", given_name="Марʼяна",
             confirm_duplicate=True)
    assert Patron.objects.count() == 2


def test_withdrawn_consent_is_kept_with_its_time(world):
    patron = register(world.branch)
    consent = patron.consents.get()
    actions.consent_withdraw(consent=consent)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    again = actions.consent_give(patron=patron, purpose="service")
    assert again.pk != consent.pk and again.is_active


# --- search ----------------------------------------------------------------------------

def test_name_key_folds_case_and_apostrophes_but_keeps_letters():
    assert name_key("МАРʼЯНА") == name_key("мар'яна") == name_key("Мар’яна") == "мар'яна"
    assert name_key("Їжак") != name_key("Ижак")
    assert name_key("Ґалина") != name_key("Галина")


def test_search_by_card_name_and_phone(world):
    a = PatronFactory(library=world.branch, card_number="S000777", surname="Мар'яненко",
                      given_name="Ольга", phone="067 765 43 21")
    b = PatronFactory(library=world.branch, surname="Їжак", given_name="Ґалина")
    PatronFactory(library=world.branch, surname="Ижак", given_name="Галина")
    visible = patrons_visible_to(world.users["branch_librarian"])
    assert patron_search(visible, " s000777 ") == [a]
    assert patron_search(visible, "марʼян ольга") == [a]
    assert patron_search(visible, "ОЛЬГА МАР`ЯН") == [a]
    assert patron_search(visible, "0677654321") == [a]
    assert patron_search(visible, "їжак") == [b]
    assert patron_search(visible, "") == []


def test_branch_librarian_finds_only_their_branch(world):
    PatronFactory(library=world.other_branch, card_number="T000001", surname="Бондар")
    PatronFactory(library=world.foreign_central, card_number="D000001", surname="Бондар")
    mine = PatronFactory(library=world.branch, card_number="K000001", surname="Бондар")
    assert patron_search(patrons_visible_to(world.users["branch_librarian"]), "бондар") == [mine]
    assert patron_search(patrons_visible_to(world.users["branch_librarian"]), "T000001") == []
    assert len(patron_search(patrons_visible_to(world.users["consultant"]), "бондар")) == 2


# --- pages -----------------------------------------------------------------------------

ROLE_STATUS = {  # search, register, detail of a branch patron, edit
    "anonymous": (302, 302, 302, 302), "no_role": (403, 403, 403, 403),
    "director": (200, 200, 200, 200), "center_head": (200, 200, 200, 200),
    "consultant": (200, 200, 200, 200), "viewer": (200, 403, 200, 403),
    "branch_librarian": (200, 200, 200, 200), "foreign_director": (200, 200, 404, 404),
    "admin": (200, 200, 200, 200),
}


@pytest.mark.parametrize("role", ROLE_STATUS)
def test_patron_pages_per_role(client, world, role):
    patron = PatronFactory(library=world.branch)
    if role != "anonymous":
        client.force_login(world.users[role])
    urls = [reverse("patrons:search"), reverse("patrons:register"),
            reverse("patrons:detail", args=[patron.pk]), reverse("patrons:edit", args=[patron.pk])]
    assert tuple(client.get(u).status_code for u in urls) == ROLE_STATUS[role]


def test_other_branch_patron_is_not_found(client, world):
    patron = PatronFactory(library=world.other_branch)
    client.force_login(world.users["branch_librarian"])
    assert client.get(reverse("patrons:detail", args=[patron.pk])).status_code == 404
    assert client.post(reverse("patrons:edit", args=[patron.pk]), {}).status_code == 404


def test_viewing_a_record_is_audited_and_contacts_only_for_desk_roles(client, world):
    social_categories_seed()
    patron = PatronFactory(library=world.branch, phone="+380 67 111 22 33")
    patron.categories.add(SocialCategory.objects.get(code="idp"))
    client.force_login(world.users["consultant"])
    html = client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()
    assert "+380 67 111 22 33" in html and "Внутрішньо переміщена особа" in html
    access = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(patron.pk))
    assert access.get().actor == world.users["consultant"]
    client.force_login(world.users["viewer"])
    html = client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()
    assert "+380 67 111 22 33" not in html and "Внутрішньо переміщена особа" not in html
    assert access.count() == 2


def test_search_list_masks_phones(client, world):
    PatronFactory(library=world.branch, surname="Гнатюк", phone="+380 67 111 22 33")
    client.force_login(world.users["consultant"])
    html = client.get(reverse("patrons:search"), {"q": "гнатюк"}).content.decode()
    assert "Гнатюк" in html and "••• 33" in html and "111 22 33" not in html
    assert "Гнатюк Іван Іванович</strong>, 1958" in html  # a year, not "1 958"


def test_register_page_with_duplicate_confirmation(client, world):
    PatronFactory(library=world.branch, surname="Коваль", given_name="Марʼяна", birth_year=1961)
    client.force_login(world.users["branch_librarian"])
    data = {"library": world.branch.pk, "card_number": "K555", "surname": "Коваль",
            "given_name": "Мар'яна", "birth_year": "1961", "consent_service": "on"}
    r = client.post(reverse("patrons:register"), data)
    assert r.status_code == 200 and r.context["duplicates"]
    assert Patron.objects.count() == 1
    r = client.post(reverse("patrons:register"), {**data, "confirm_duplicate": "on"})
    assert r.status_code == 302
    assert Patron.objects.count() == 2


def test_register_page_bad_input(client, world):
    client.force_login(world.users["branch_librarian"])
    r = client.post(reverse("patrons:register"), {
        "library": world.other_branch.pk, "card_number": "<b>", "surname": "",
        "given_name": "Іван", "birth_year": "тисяча", "email": "ні"})
    errors = r.context["form"].errors
    assert {"library", "surname", "birth_year", "email"} <= set(errors)
    r = client.post(reverse("patrons:register"), {
        "library": world.branch.pk, "card_number": "<b>x</b>", "surname": "<script>alert(1)</script>",
        "given_name": "Іван", "birth_year": "1990"})
    errors = r.context["form"].errors
    assert "card_number" in errors or "consent_service" in errors
    assert "<script>alert(1)</script>" not in r.content.decode()
    assert Patron.objects.count() == 0


def test_consent_withdraw_page(client, world):
    patron = register(world.branch)
    consent = patron.consents.get()
    client.force_login(world.users["viewer"])
    assert client.post(reverse("patrons:consent_withdraw", args=[consent.pk])).status_code == 403
    client.force_login(world.users["branch_librarian"])
    assert client.post(reverse("patrons:consent_withdraw", args=[consent.pk])).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
