"""Patron search as you type: card, words of the name, phone; its words kept with the name."""

import pytest

from civicdesk.patrons import actions, personal_data
from civicdesk.patrons.models import PatronWord
from civicdesk.patrons.normalize import name_words
from civicdesk.patrons.permissions import patrons_visible_to
from civicdesk.patrons.selectors import SEARCH_LIMIT, patron_search
from civicdesk.patrons.tests.factories import PatronFactory

pytestmark = pytest.mark.django_db


def words_of(patron):
    return set(PatronWord.objects.filter(patron=patron).values_list("word", flat=True))


def test_name_words_fold_case_and_apostrophes_and_split_hyphens():
    assert name_words("Мар’янчук-Косач", "ОЛЬГА", "Вʼячеславівна") == [
        "мар'янчук-косач", "мар'янчук", "косач", "ольга", "в'ячеславівна"]
    assert name_words("Іван", "Іван") == ["іван"]
    assert name_words("", "") == []


@pytest.fixture
def people(world):
    def make(surname, given, patronymic="", **kw):
        return PatronFactory(library=world.central, surname=surname, given_name=given,
                             patronymic=patronymic, **kw)

    return {
        "petrenko": make("Петренко", "Олена", "Іванівна", card_number="C000001",
                         phone="+380 67 123 45 67"),
        "petrenko_ivan": make("Петренко", "Іван", "Петрович", card_number="C000002",
                              phone="050 765 43 21"),
        "petr": make("Петрук", "Остап", card_number="C000003", phone=""),
        "demianchuk": make("Демʼянчук", "Марʼяна", card_number="C000004", phone=""),
        "izhak": make("Їжак", "Ґалина", card_number="C000005", phone=""),
        "yzhak": make("Ижак", "Галина", card_number="C000006", phone=""),
        "ivanenko": make("Іваненко", "Петро", card_number="C000007", phone=""),
    }


def find(world, query, user="consultant"):
    return patron_search(patrons_visible_to(world.users[user]), query)


def test_words_are_found_by_their_start_in_any_order(world, people):
    p = people
    assert set(find(world, "пе")) == {p["petrenko"], p["petrenko_ivan"], p["petr"],
                                      p["ivanenko"]}  # Петро is a word of Іваненко Петро
    assert set(find(world, "петренко")) == {p["petrenko"], p["petrenko_ivan"]}
    assert find(world, "петренко ол") == [p["petrenko"]]
    assert find(world, "ол петр") == [p["petrenko"]]  # word order does not matter
    # "іван" also starts Олена's patronymic Іванівна
    assert set(find(world, "Петренко Іван")) == {p["petrenko"], p["petrenko_ivan"]}
    assert find(world, "Петренко Іван Петрович") == [p["petrenko_ivan"]]
    assert find(world, "ПЕТРЕНКО ОЛЕНА ІВАНІВНА") == [p["petrenko"]]
    assert find(world, "петренко ост") == []  # every word typed must match
    assert find(world, "енко") == []  # the middle of a word is not searched


def test_the_closest_word_comes_first(world, people):
    PatronFactory(library=world.central, surname="Петр", given_name="Яків", card_number="C9")
    assert [p.surname for p in find(world, "петр")][:1] == ["Петр"]


def test_apostrophes_are_one_letter_and_ukrainian_letters_stay_distinct(world, people):
    p = people
    for typed in ("демʼянчук", "Дем'янчук", "ДЕМ’ЯН", "дем`ян мар‘я"):
        assert find(world, typed) == [p["demianchuk"]], typed
    assert find(world, "їжак") == [p["izhak"]]
    assert find(world, "ижак") == [p["yzhak"]]
    assert find(world, "ґал") == [p["izhak"]]
    assert find(world, "гал") == [p["yzhak"]]
    assert set(find(world, "іва")) == {p["petrenko"], p["ivanenko"], p["petrenko_ivan"]}
    assert find(world, "ива") == []


def test_card_number_exact_as_a_scanner_types_it(world, people):
    assert find(world, "C000001") == [people["petrenko"]]
    assert find(world, " c000001\n") == [people["petrenko"]]
    assert find(world, "C00000") == []  # no prefix search on cards


def test_phone_by_last_digits_whole_number_or_its_start(world, people):
    p = people
    assert find(world, "4567") == []  # fewer than 5 digits is not a phone
    assert find(world, "34567") == [p["petrenko"]]
    assert find(world, "123 45 67") == [p["petrenko"]]
    assert find(world, "067 123 45 67") == [p["petrenko"]]
    assert find(world, "+380671234567") == [p["petrenko"]]
    assert find(world, "(050) 765-43-21") == [p["petrenko_ivan"]]
    assert find(world, "06712") == [p["petrenko"]]  # typed from the start
    assert find(world, "+38050 76") == [p["petrenko_ivan"]]
    assert find(world, "54321") == [p["petrenko_ivan"]]
    assert find(world, "23456") == []  # the middle of a number is not searched


def test_search_sees_only_the_users_libraries(world):
    mine = PatronFactory(library=world.branch, surname="Бондар", card_number="K1",
                         phone="067 111 22 33")
    other = PatronFactory(library=world.other_branch, surname="Бондар", card_number="T1",
                          phone="067 111 22 44")
    PatronFactory(library=world.foreign_central, surname="Бондар", card_number="F1",
                  phone="067 111 22 55")
    assert find(world, "бон", "branch_librarian") == [mine]
    assert find(world, "T1", "branch_librarian") == []
    assert find(world, "0671112244", "branch_librarian") == []
    assert find(world, "067 111", "branch_librarian") == [mine]
    assert set(find(world, "бондар")) == {mine, other}
    assert set(find(world, "067 111")) == {mine, other}


def test_results_are_limited_even_when_patrons_match_by_several_words(world):
    for n in range(SEARCH_LIMIT + 5):
        PatronFactory(library=world.central, surname="Іваненко", given_name="Іван",
                      patronymic="Іванович", card_number=f"I{n:04d}")
    found = find(world, "іван")
    assert len(found) == SEARCH_LIMIT == len(set(found))


def test_words_follow_the_name(world):
    patron = actions.patron_register(library=world.branch, card_number="K100", surname="Шевчук",
                                     given_name="Олена", birth_year=1970, consent_service=True)
    assert words_of(patron) == {"шевчук", "олена"}
    actions.patron_update(patron=patron, surname="Коваль-Шевчук", patronymic="Петрівна")
    assert words_of(patron) == {"коваль-шевчук", "коваль", "шевчук", "олена", "петрівна"}
    assert find(world, "коваль олена") == [patron]
    actions.patron_update(patron=patron, surname="Коваль")
    assert words_of(patron) == {"коваль", "олена", "петрівна"}
    assert find(world, "шевчук") == []


def test_anonymisation_removes_the_words_and_the_phone(world):
    patron = PatronFactory(library=world.branch, surname="Давній", given_name="Степан",
                           phone="067 999 88 77")
    assert words_of(patron)
    personal_data.patron_anonymise(patron)
    patron.refresh_from_db()
    assert words_of(patron) == set()
    assert patron.phone_reversed == ""
    assert find(world, "давній") == find(world, "степан") == find(world, "99887") == []


def test_merge_keeps_the_patron_searchable(world):
    keep = PatronFactory(library=world.branch, surname="Бойко", given_name="Петро",
                         patronymic="", phone="", card_number="K001")
    duplicate = PatronFactory(library=world.branch, surname="Бойко", given_name="Петро",
                              patronymic="Іванович", phone="067 555 44 33", card_number="K002")
    personal_data.patron_merge(keep=keep, duplicate=duplicate)
    assert words_of(keep) == {"бойко", "петро", "іванович"}
    assert find(world, "бойко") == [keep]
    assert find(world, "петро іванович") == [keep]
    assert find(world, "54433") == [keep]
    assert not PatronWord.objects.filter(patron_id=duplicate.pk).exists()


def test_the_migration_fills_words_and_phones_of_earlier_patrons(world):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from civicdesk.patrons.models import Patron

    fill = importlib.import_module("civicdesk.patrons.migrations.0004_fill_search_words").fill
    a = PatronFactory(library=world.branch, surname="Гнатюк", given_name="Ярина",
                      phone="067 123 00 11")
    b = PatronFactory(library=world.branch, surname="Лозинська", given_name="Ївга", phone="")
    PatronWord.objects.all().delete()
    Patron.objects.update(phone_reversed="")
    fill(apps, SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name))
    assert words_of(a) == {"гнатюк", "ярина", "іванович"}  # the factory's patronymic
    assert words_of(b) == {"лозинська", "ївга", "іванович"}
    assert Patron.objects.get(pk=a.pk).phone_reversed == "110032176083"
    assert find(world, "00 11") == [] and find(world, "23 00 11") == [a]
