"""PostgreSQL's lists of the parts where a common word weighs most (toplists.py).

With the thresholds lowered, the small library of test_search has common words. The
search expectations are the same on SQLite (which ranks every match) and PostgreSQL
(which ranks a pool of them); the lists themselves exist on PostgreSQL only."""

from django.db import connection

import pytest

from civicdesk.documents import indexing, search, toplists
from civicdesk.documents.models import Document, TermStat, TermTop

from .test_search import _act, _top, library  # noqa: F401 — library is a fixture

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def small(monkeypatch, library):  # noqa: F811
    """Thresholds for a library of a few articles: a word in 2 parts has a list of 2."""
    monkeypatch.setattr(toplists, "COMMON", 2)
    monkeypatch.setattr(toplists, "LISTED", 1)
    monkeypatch.setattr(toplists, "TOP", 2)
    monkeypatch.setattr(toplists, "BEST", 3)
    indexing.rebuild()
    pooled = []
    real_pool = toplists.pool

    def spy(*args, **kwargs):
        ids = real_pool(*args, **kwargs)
        pooled.append(ids)
        return ids

    monkeypatch.setattr(toplists, "pool", spy)
    return {**library, "pooled": pooled}


@pytest.mark.parametrize("query, expected", [
    ("строк розгляду запитів на інформацію", ("2939-17", "art20")),
    ("оскарження рішень розпорядника інформації", ("2939-17", "art23")),
    ("розгляд звернень", ("393/96-ВР", "art20")),
])
def test_common_words_find_what_ranking_every_match_finds(small, query, expected):
    found = search.search(query, network=small["network"])
    assert _top(found, 1) == [expected]
    # PostgreSQL ranked a pool (the ids of a few parts), SQLite every match
    assert any(p is not None for p in small["pooled"]) == POSTGRES


def test_lists_are_written_on_rebuild_and_follow_the_index(small):
    listed = set(TermStat.objects.filter(parts__gt=1).values_list("term", flat=True))
    if not POSTGRES:
        assert not TermTop.objects.exists()
        return
    assert listed and set(TermTop.objects.values_list("term", flat=True)) == listed
    assert not TermStat.objects.filter(term__in=listed, top_floor=None).exists()
    # "розгляд" is in several parts; each list keeps the best TOP of them
    assert TermTop.objects.filter(term="розгляд").count() == 2
    # a new act about it, "розгляд" in its article's heading: it weighs most, so it joins
    new = _act(None, "77-IX", "Про розгляд", [("art1", "Стаття 1. Розгляд розгляду",
                                              "Розгляд і ще раз розгляд.")])
    indexing.index_documents([new.pk])
    part_ids = set(TermTop.objects.filter(term="розгляд").values_list("part_id", flat=True))
    assert len(part_ids) == 3
    # and leaves when the act is deleted from the index
    Document.objects.filter(pk=new.pk).delete()
    indexing.index_documents([new.pk])
    assert TermTop.objects.filter(term="розгляд").count() == 2


def test_a_word_that_became_common_gets_its_list_when_searched(small):
    # "петиція" is in one part: no list. Two more acts make it common.
    assert TermStat.objects.get(term="петиція").top_floor is None
    for number in ("1-IX", "2-IX"):
        new = _act(None, number, "Про петиції", [("art1", "Стаття 1. Петиція",
                                                  "Петиція громадян.")])
        indexing.index_documents([new.pk])
    found = search.search("петиція громадян України", network=small["network"])
    assert found.hits and "art" in found.hits[0].article.ref
    if POSTGRES:
        assert TermStat.objects.get(term="петиція").top_floor is not None
        assert TermTop.objects.filter(term="петиція").count() == 2
    else:
        assert not TermTop.objects.exists()
