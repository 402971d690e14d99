"""The document library's search: lemma choice, normalisation, numbers, the query
language, ranking and snippets, visibility, synonyms, missed searches, bad input.

Every test here runs on SQLite and on PostgreSQL (DATABASE_URL): the expected top
results are written out, so one expectation checked on both is the agreement test."""

import json

from django.core.management.base import CommandError
from django.urls import reverse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicdesk.core.lemmas import lemma
from civicdesk.core.text import normalise, words
from civicdesk.documents import actions, indexing, search
from civicdesk.documents.models import Document, SearchMiss
from civicdesk.documents.numbers import number_key
from civicdesk.documents.query import Option, parse, to_fts5, to_tsquery
from civicdesk.documents.reference import REGULATION_TITLE, regulation_seed

# --- Words ---------------------------------------------------------------------


@pytest.mark.parametrize("word, expected", [
    ("рада", "рада"), ("ради", "рада"), ("радою", "рада"),
    ("рік", "рік"), ("року", "рік"),
    ("віком", "вік"), ("війни", "війна"), ("роботи", "робота"),
    ("пенсії", "пенсія"), ("строки", "строк"), ("дітей", "дитина"),
])
def test_the_lemma_is_the_one_the_corpus_uses(word, expected):
    assert lemma(word) == expected


def test_text_is_normalised_before_words_are_taken():
    # Decomposed й (и + breve), every apostrophe, capitals: one form.
    assert normalise("Мар\u2019яна ЙОГО") == normalise("марʼяна ᅟйого".replace("ᅟ", "")) \
        == "мар'яна його"
    assert normalise("и\u0306") == "й"
    assert words("Об`єднання, п'ять; будь-який") == ["об'єднання", "п'ять", "будь-який"]
    # і ї є ґ are letters of their own
    assert lemma("їх") != lemma("іх")
    assert indexing.terms("соціально-економічний") == ["соціально", "економічний"]


@pytest.mark.parametrize("typed", ["2939-VI", "2939-17", "№ 2939-VI", "2939-vi", "№2939-17"])
def test_document_numbers_in_either_form_are_one(typed):
    assert number_key(typed) == "2939-17"


def test_a_code_number_without_convocation():
    assert number_key("№ 393/96-ВР") == number_key("393/96-вр") == "393/96-вр"


# --- The query language ------------------------------------------------------------

def test_query_parts():
    q = parse('пенсії "строк розгляду" -військових електрон*')
    assert [c.options[0].terms for c in q.must] == [
        ("пенсія",), ("строк", "розгляд"), ("електрон",)]
    assert q.must[2].options[0].prefix
    # a word also stands for its relatives: "пенсія" → "пенсі…" (пенсійний)
    assert q.must[0].options[1] == Option(("пенсі",), prefix=True, stem=True)
    assert [c.options[0].terms for c in q.must_not] == [("військовий",)]


def test_unbalanced_quote_gives_a_hint_not_an_error():
    q = parse('"строк розгляду')
    assert q.must and q.hints


def test_only_exclusions_gives_a_hint():
    q = parse("-пенсія")
    assert q.empty and q.hints


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_string_parses_to_a_query_the_databases_accept(text):
    q = parse(text)
    if q.must:
        fts, ts = to_fts5(q.must, q.must_not), to_tsquery(q.must, q.must_not)
        # Only quoted terms of letters and digits reach the full-text syntax.
        for clause in q.must + q.must_not:
            for option in clause.options:
                assert all(t and t.isalnum() for t in option.terms)
        assert fts.count('"') % 2 == 0 and ts.count("'") % 2 == 0


# --- Searching -----------------------------------------------------------------------

ACCESS = [
    ("art1", "Стаття 1. Публічна інформація",
     "Публічна інформація - це відображена та задокументована будь-якими засобами "
     "інформація, що була отримана або створена суб'єктами владних повноважень."),
    ("art20", "Стаття 20. Строк розгляду запитів на інформацію",
     "Розпорядник інформації має надати відповідь на запит на інформацію не пізніше "
     "п'яти робочих днів з дня отримання запиту. У разі якщо запит стосується "
     "інформації, необхідної для захисту життя чи свободи особи, відповідь має бути "
     "надано не пізніше 48 годин."),
    ("art23", "Стаття 23. Оскарження рішень, дій чи бездіяльності розпорядників інформації",
     "Рішення, дії чи бездіяльність розпорядників інформації можуть бути оскаржені до "
     "керівника розпорядника, вищого органу або суду."),
]
APPEALS = [
    ("art20", "Стаття 20. Терміни розгляду звернень",
     "Звернення розглядаються і вирішуються у термін не більше одного місяця від дня їх "
     "надходження, а ті, які не потребують додаткового вивчення, - невідкладно, але не "
     "пізніше п'ятнадцяти днів від дня їх отримання."),
    ("art23-1", "Стаття 23-1. Електронна петиція, порядок її подання та розгляду",
     "Громадяни можуть звернутися до Президента України, Верховної Ради України, "
     "Кабінету Міністрів України, органу місцевого самоврядування з електронними "
     "петиціями через офіційний веб-сайт органу, якому вона адресована."),
]


def _act(network, number, title, articles, **fields):
    document = Document.objects.create(network=network, number=number, title=title,
                                       **fields)
    document.articles.bulk_create([
        document.articles.model(document=document, position=n, ref=ref, title=t, text=body)
        for n, (ref, t, body) in enumerate(articles)])
    return document


@pytest.fixture
def library(db, world):
    network = world.central.network
    access = _act(None, "2939-17", "Про доступ до публічної інформації", ACCESS,
                  adopted_on="2011-01-13")
    appeals = _act(None, "393/96-ВР", "Про звернення громадян", APPEALS,
                   adopted_on="1996-10-02")
    local = _act(network, "15", "Про програму розвитку ЦНАП громади на 2025 рік",
                 [("", "", "Центр надання адміністративних послуг громади працює щодня; "
                          "програма фінансування та розвитку.")],
                 kind=Document.Kind.COUNCIL, level=Document.Level.LOCAL,
                 adopted_on="2025-02-01")
    draft = _act(network, "16", "Проєкт рішення про бюджет участі",
                 [("", "", "Бюджет участі громади: порядок подання проєктів.")],
                 kind=Document.Kind.COUNCIL, level=Document.Level.LOCAL,
                 status=Document.Status.DRAFT, is_published=False)
    indexing.index_documents([access.pk, appeals.pk, local.pk, draft.pk])
    from civicdesk.documents import synonyms
    synonyms.seed(network)
    return {"network": network, "access": access, "appeals": appeals, "local": local,
            "draft": draft}


def _top(results, n=3):
    return [(h.document.number, h.article.ref) for h in results.hits[:n]]


def test_other_word_forms_find_the_article(library):
    found = search.search("скільки днів розглядають запит на інформацію",
                          network=library["network"])
    assert _top(found, 1) == [("2939-17", "art20")]
    # same words in another order and forms
    assert _top(search.search("строки розгляду запитів", network=library["network"]), 1) \
        == [("2939-17", "art20")]


def test_title_weighs_more_than_the_body(library):
    # "оскарження" is in art23's title; "розпорядник" in the bodies of several.
    found = search.search("оскарження розпорядника", network=library["network"])
    assert _top(found, 1) == [("2939-17", "art23")]


def test_exact_phrase_and_exclusion(library):
    network = library["network"]
    assert {h.article.ref for h in search.search('"електронна петиція"', network=network).hits} \
        == {"art23-1"}
    refs = {h.article.ref for h in search.search("розгляду -запит", network=network).hits}
    assert "art20" in refs and ("2939-17", "art20") not in _top(
        search.search("розгляду -запит", network=network), 5)


def test_prefix(library):
    found = search.search("петиці*", network=library["network"])
    assert _top(found, 1) == [("393/96-ВР", "art23-1")]


@pytest.mark.parametrize("typed", ["2939-VI", "закон 2939-17", "№ 2939-VI"])
def test_a_number_finds_the_act(library, typed):
    found = search.search(typed, network=library["network"])
    assert found.hits and {h.document.number for h in found.hits} == {"2939-17"}


def test_number_and_words_find_the_article(library):
    found = search.search("2939-VI строк розгляду", network=library["network"])
    assert _top(found, 1) == [("2939-17", "art20")]
    assert _top(search.search("№ 393/96-ВР петиція", network=library["network"]), 1) == [
        ("393/96-ВР", "art23-1")]


def test_number_and_words_keep_to_the_acts_articles_with_the_words(library):
    network = library["network"]

    def refs(text):
        found = search.search(text, network=network)
        return {(h.document.number, h.article.ref) for h in found.hits}, found.all_words

    # the other act has "розгляд" too: the number keeps the search to this one
    assert refs("2939-VI розгляду") == ({("2939-17", "art20")}, True)
    assert refs("2939-VI розгляду відповідь") == ({("2939-17", "art20")}, True)
    # a phrase as a phrase, an exclusion excludes, in the named act as anywhere
    assert refs('2939-VI "розпорядник інформації"') == (
        {("2939-17", "art20"), ("2939-17", "art23")}, True)
    assert refs("2939-VI розпорядник -оскарження") == ({("2939-17", "art20")}, True)
    # no article with all the words: those with some of them
    found, all_words = refs("2939-VI оскарження годин")
    assert found == {("2939-17", "art20"), ("2939-17", "art23")} and not all_words
    # the article the query names comes first
    assert _top(search.search("закон 2939-VI стаття 23", network=network), 1) == [
        ("2939-17", "art23")]


def test_all_words_then_any_word(library):
    found = search.search("петиція пенсіонерам субсидія", network=library["network"])
    assert not found.all_words and found.hints
    assert _top(found, 1) == [("393/96-ВР", "art23-1")]


def test_synonyms_widen_the_query(library):
    found = search.search("цнап", network=library["network"])
    assert _top(found, 1) == [("15", "")]
    found = search.search("центр надання адміністративних послуг",
                          network=library["network"])
    assert ("15", "") in _top(found)


def test_snippet_comes_from_the_original_text_with_words_marked(library):
    hit = search.search("запиту інформації", network=library["network"]).hits[0]
    assert "<mark>" in hit.snippet and "запит" in hit.snippet.lower()
    hit = search.search("відповідь", network=library["network"]).hits[0]
    assert "<mark>відповідь</mark>" in hit.snippet


def test_script_in_a_text_is_escaped_in_snippets(library):
    document = _act(library["network"], "99", "Про <b>зразок</b>",
                    [("", "", "Зразок <script>alert(1)</script> тексту")])
    indexing.index_documents([document.pk])
    hit = search.search("зразок", network=library["network"]).hits[0]
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


def test_the_portal_sees_published_documents_only(library, client):
    network = library["network"]
    assert search.search("бюджет участі", network=network, public=True).total == 0
    assert search.search("бюджет участі", network=network).total == 1
    page = client.get(reverse("laws:search", args=[network.pk]), {"q": "бюджет участі"})
    assert page.status_code == 200 and "Проєкт рішення" not in page.content.decode()
    hidden = client.get(reverse("laws:document", args=[network.pk, library["draft"].pk]))
    assert hidden.status_code == 404


def test_another_network_does_not_see_local_documents(library, world):
    from civicdesk.org.models import Network

    other = Network.objects.exclude(pk=library["network"].pk).first()
    assert search.search("фінансування", network=other).total == 0
    # the state acts are everyone's
    assert search.search("петиція", network=other).total >= 1


def test_searches_that_found_nothing_are_kept_as_text_only(library):
    search.search("квиток на потяг", network=library["network"], public=True)
    search.search("Квиток  на потяг", network=library["network"], public=True)
    miss = SearchMiss.objects.get()
    assert miss.text == "квиток на потяг" and miss.times == 2


@pytest.mark.parametrize("typed", [
    "", " ", "x" * 1000, '"', '"строк розгляду', "* \" ( ) : ^ - NEAR AND OR",
    "'; DROP TABLE documents_document; --", "розгляд OR 1=1", "NOT", "-", "***", "\x00",
    "стаття:20", "^петиція", "NEAR(петиція розгляд)",
])
def test_bad_queries_give_a_page_not_an_error(library, client, typed):
    page = client.get(reverse("laws:search", args=[library["network"].pk]), {"q": typed})
    assert page.status_code == 200
    assert Document.objects.filter(number="2939-17").exists()


def test_a_changed_document_is_found_by_its_new_words(
        library, django_capture_on_commit_callbacks):
    article = library["local"].articles.get()
    with django_capture_on_commit_callbacks(execute=True):
        actions.article_update(article=article, title="", text="Графік прийому громадян")
    network = library["network"]
    assert _top(search.search("прийом громадян", network=network), 1) == [("15", "")]
    assert search.search("фінансування", network=network).total == 0


def test_an_index_of_another_version_is_stale(library):
    assert not indexing.stale_documents().exists()
    Document.objects.filter(pk=library["access"].pk).update(indexed_version="0.old")
    assert list(indexing.stale_documents()) == [library["access"]]


def test_rebuild_gives_the_same_results(library):
    before = _top(search.search("строк розгляду", network=library["network"]), 5)
    indexing.rebuild()
    assert _top(search.search("строк розгляду", network=library["network"]), 5) == before


def test_the_regulation_is_the_centers_own_document(world):
    network = world.central.network
    assert regulation_seed(network) and not regulation_seed(network)
    document = Document.objects.get(network=network, title=REGULATION_TITLE)
    assert document.collection == Document.Collection.CENTER
    found = search.search("контроль плану роботи", network=network,
                          filters=search.Filters(collection="center"))
    assert found.hits and found.hits[0].document == document


def test_a_document_added_from_a_file_keeps_the_file_and_is_found(
        world, login, django_capture_on_commit_callbacks, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from civicdesk.documents.models import DocumentFile

    settings.MEDIA_ROOT = str(tmp_path)
    network = world.central.network
    client = login(world.users["center_head"])
    url = reverse("documents:create", args=[network.pk])
    text = "Рішення про місцеві вибори старости села Кричильськ.\nСтаття 1. Загальне."
    upload = SimpleUploadedFile("рішення.txt", text.encode("cp1251"), "text/plain")
    page = client.post(url, {"title": "Про старосту", "kind": "council", "level": "local",
                             "collection": "acts", "status": "in_force", "upload": upload})
    assert page.status_code == 200 and "старости села Кричильськ" in page.content.decode()
    form = page.context["form"]
    data = {k: v for k, v in form.data.items() if k != "upload"}
    data["save"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url, data)
    assert saved.status_code == 302
    document = Document.objects.get(title="Про старосту")
    stored = DocumentFile.objects.get(document=document)
    assert stored.original_name == "рішення.txt" and stored.size == len(text.encode("cp1251"))
    found = search.search("старосту кричильська", network=network)
    assert document in {h.document for h in found.hits}


def test_a_document_added_from_a_scan_is_marked_as_such(world, login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fpdf import FPDF

    settings.MEDIA_ROOT = str(tmp_path)
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a scan is a picture: no text at all
    client = login(world.users["center_head"])
    url = reverse("documents:create", args=[world.central.network.pk])
    page = client.post(url, {"title": "Розпорядження (скан)", "kind": "order",
                             "level": "local", "collection": "acts", "status": "in_force",
                             "upload": SimpleUploadedFile("скан.pdf", bytes(pdf.output()),
                                                          "application/pdf")})
    assert "без текстового шару" in page.content.decode()
    data = {k: v for k, v in page.context["form"].data.items() if k != "upload"}
    data.update(save="1", text="Розпорядження про графік роботи (набрано вручну).")
    assert client.post(url, data).status_code == 302
    document = Document.objects.get(title="Розпорядження (скан)")
    assert document.text_layer_missing and document.files.count() == 1
    detail = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "скан без тексту" in detail  # the badge on the document's page


def test_an_amending_act_is_linked_by_number(library, world, login):
    client = login(world.users["center_head"])
    local = library["local"]
    client.post(reverse("documents:relation_add", args=[local.pk]),
                {"kind": "amends", "number": "2939-VI"})
    assert list(local.relations.values_list("target__number", "kind")) == [("2939-17", "amends")]
    page = client.get(reverse("documents:detail", args=[library["access"].pk])).content.decode()
    assert "Про програму розвитку ЦНАП" in page  # "amended by" on the other side
    client.post(reverse("documents:relation_add", args=[local.pk]),
                {"kind": "repeals", "number": "9999-XX"})
    assert local.relations.count() == 1


def test_search_command_prints_the_hits_as_json(library, capsys):
    from django.core.management import call_command

    call_command("search_documents", "строки розгляду запитів",
                 "--network", str(library["network"].pk), "--limit", "3")
    printed = json.loads(capsys.readouterr().out)
    first = printed["hits"][0]
    assert (first["number"], first["article"]) == ("2939-17", "art20")
    assert first["title"] and first["score"] > 0 and len(printed["hits"]) <= 3
    # published documents only: the draft's words find nothing then
    call_command("search_documents", "бюджет участі", "--network",
                 str(library["network"].pk), "--public")
    assert json.loads(capsys.readouterr().out)["hits"] == []
    with pytest.raises(CommandError):
        call_command("search_documents", "звернення", "--network", "999999")


def test_reindex_command_rebuilds_what_another_index_version_built(library, capsys):
    from django.core.management import call_command

    appeals = library["appeals"]
    Document.objects.filter(pk=appeals.pk).update(indexed_version="0.old")
    assert list(indexing.stale_documents()) == [appeals]
    call_command("reindex_documents", "--stale")
    out = capsys.readouterr().out
    assert "index parts" in out and indexing.index_version() in out
    assert not indexing.stale_documents().exists()
    assert _top(search.search("електронна петиція", network=library["network"]), 1) \
        == [("393/96-ВР", "art23-1")]
    call_command("reindex_documents")  # everything, with its progress bar
    bar = capsys.readouterr().err.rsplit("\r", 1)[-1]
    assert bar.startswith("[" + "#" * 40 + "]") and bar.split()[-1] == "4/4"
    assert _top(search.search("строки розгляду запитів", network=library["network"]), 1) \
        == [("2939-17", "art20")]


_TYPED = st.lists(st.sampled_from(
    list("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВЦНАП0123456789 '’ʼ`-*\"()^:+.,;№/")
    + ["NEAR", "AND", "OR", "NOT", " DROP TABLE ", "--", "2939-VI", "393/96-ВР", "петиція",
       "розгляду", "запит*"]), max_size=30).map("".join)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(_TYPED, st.text(max_size=120)))
def test_any_string_searched_in_the_database_gives_results_or_a_hint(library, text):
    network = library["network"]
    results = search.search(text, network=network, facets=True, log_miss=False)
    public = search.search(text, network=network, public=True, log_miss=False)
    # the database took the query (a refused one raises, and on PostgreSQL it would
    # also break every later query of the test's transaction)
    assert Document.objects.filter(pk=library["access"].pk).exists()
    if text.strip() and not results.query.must and not results.query.numbers:
        assert results.hints  # nothing to search for: the person is told what to type
    assert all(h.document.is_published for h in public.hits)



def test_facets_narrow_the_search_and_widen_it_again(library, world, login):
    access, appeals = library["access"], library["appeals"]
    Document.objects.filter(pk__in=[access.pk, appeals.pk]).update(
        issuer="Верховна Рада України")
    Document.objects.filter(pk=library["local"].pk).update(issuer="Кричильська сільська рада")
    client = login(world.users["center_head"])
    url = reverse("documents:list", args=[library["network"].pk])
    page = client.get(url, {"q": "розгляд"})
    groups = dict(page.context["facet_groups"])
    issuers = {label: (n, link) for label, n, link, _chosen in groups["Орган, що видав"]}
    assert set(issuers) == {"Верховна Рада України"}  # only the acts that have the word
    n, link = issuers["Верховна Рада України"]
    assert n == page.context["results"].total
    assert "Рівень" in groups and "Закон" in {label for label, *_ in groups["Вид"]}
    narrowed = client.get(url + link)
    assert narrowed.context["filters"].issuer == "Верховна Рада України"
    hits = narrowed.context["results"].hits
    assert hits and {h.document.issuer for h in hits} == {"Верховна Рада України"}
    (label, _n, back, chosen), = dict(narrowed.context["facet_groups"])["Орган, що видав"]
    assert chosen and "issuer" not in back  # the chosen value's link widens again
    assert "✓ Верховна Рада України" in narrowed.content.decode()


def test_an_index_of_another_version_is_rebuilt_at_the_next_start(library, capsys):
    from django.core.management import call_command

    Document.objects.filter(pk__in=[library["access"].pk, library["local"].pk]).update(
        indexed_version="0.old-lemmas")
    call_command("load_reference_data")  # what bin/run does on every start
    assert "2 documents to index again" in capsys.readouterr().out
    assert not indexing.stale_documents().exists()  # the worker ran it (at once in tests)
    assert _top(search.search("строки розгляду запитів", network=library["network"]), 1) \
        == [("2939-17", "art20")]
    call_command("load_reference_data")
    assert "up to date" in capsys.readouterr().out
