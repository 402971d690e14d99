"""Search the document library: the query parsed (query.py), matched by the database's
full-text index (SQLite FTS5 or PostgreSQL tsvector), then ranked here, in Python, the
same way on both databases (BM25 with the title weighted above the body), with a
snippet from the article's original text and the matched words marked.

The database picks up to CANDIDATES best parts by its own ranking (SQLite: bm25 over
every match; PostgreSQL: ts_rank over every match, or for common words a pool scored
word by word, toplists.py); the final order is ours, so the same query gives the same
top results on SQLite and PostgreSQL.
"""

import bisect
import math
import re
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from civicdesk.core.text import normalise

from . import synonyms as synonyms_table
from . import toplists
from .indexing import term_of
from .models import Article, Document, SearchMiss
from .query import Option, Query, parse, to_fts5, to_tsquery

CANDIDATES = 200
FIRST_PASS = 1000  # SQLite: parts ranked by the index before the visibility filter

COVERAGE_POWER = 1.0  # an article with half the words counts half
TITLE_WEIGHT = 3.0  # a word in the article's heading, as saturated body matches
B = 0.5  # how much a long article is held back (BM25's b)
# An act the corpus did not split into articles ("Стаття 0. Текст документа"): mostly
# acts that amend others, whose words repeat the acts they change.
WHOLE_TEXT = "стаття 0 текст документ"
WHOLE_TEXT_WEIGHT = 0.6
ACT_WEIGHT = 2.0  # a word in the act's title
SHOULD_WEIGHT = 0.5  # what the question implies ("скільки днів" → строк)
STEM_WEIGHT = 1.0  # a relative of the word ("розгляд" for "розглядати")
TOO_FEW = 100  # fewer articles with all the words: those with most of them join
K1 = 1.2
SNIPPET_WORDS = 36
RANK_CHARS = 8_000  # of an index part's body terms, read to rank it
SNIPPET_SCAN = 40_000  # characters of a long article looked at for the snippet
_WORD = re.compile(r"[^\W_]+(?:[-'ʼ’‘`´][^\W_]+)*")


@dataclass
class Filters:
    kind: str = ""
    level: str = ""
    issuer: str = ""
    status: str = ""
    year: int | None = None
    territory: str = ""
    collection: str = ""


@dataclass
class Hit:
    document: Document
    article: Article
    score: float
    snippet: SafeString


@dataclass
class Results:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    all_words: bool = True
    hints: list[str] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    elapsed_ms: float = 0.0


def search(text: str, *, network=None, public: bool = False, filters: Filters | None = None,
           sort: str = "relevance", limit: int = 10, offset: int = 0, facets: bool = False,
           log_miss: bool = True) -> Results:
    started = time.perf_counter()
    filters = filters or Filters()
    query = parse(text, synonyms_table.table(network))
    results = Results(query=query, hints=list(query.hints))
    where, params = _where(network, public, filters)

    numbered = []
    if query.numbers:
        numbered = list(Document.objects.raw(
            f"SELECT d.* FROM documents_document d WHERE {where} AND d.number_key IN "
            f"({', '.join(['%s'] * len(query.numbers))})", [*params, *query.numbers]))
        if numbered:
            where += f" AND d.id IN ({', '.join(str(d.pk) for d in numbered)})"
            if not query.must:
                return _whole_documents(results, numbered, started)
        else:
            results.hints.append(_("No document has the number %(n)s; searched the words.")
                                 % {"n": ", ".join(query.numbers)})
    if not query.must:
        if text.strip() and not results.hints:
            results.hints.append(_("Type a word, a phrase in quotes or a document number."))
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        return results

    find = _numbered_candidates if numbered else _candidates
    candidates = find(query, where, params)
    # Words people type are not always the act's words: articles with most of them are
    # ranked with those that have all (an article with half the words weighs half).
    too_few = not candidates if query.numbers else len(candidates) < TOO_FEW
    if too_few and len(query.must) > 1:
        more = find(query, where, params, any_word=True)
        if len(more) > len(candidates):
            if not candidates:
                results.hints.append(_("No document has all the words; these have some of "
                                       "them."))
            candidates = list(dict.fromkeys(candidates + more))
            results.all_words = False
    if not candidates and query.numbers and numbered:
        # "закон 2939-VI": the words only describe the act the number names.
        return _whole_documents(results, numbered, started)
    ranked = _rank(query, candidates, sort)
    if query.articles and numbered:  # "2297-VI стаття 8": that article first
        wanted = list(Article.objects.filter(document__in=numbered, ref__in=query.articles)
                      .values_list("pk", "document_id"))
        named = {a for a, _d in wanted}
        ranked = [(a, 0.0, d) for a, d in wanted] + [r for r in ranked if r[0] not in named]
    results.total = len(ranked)
    if facets and ranked:
        results.facets = _facets(ranked)
    page = ranked[offset:offset + limit]
    # The text's beginning only (the snippet is taken from it): an act kept whole can
    # run to megabytes.
    articles = Article.objects.defer("text").annotate(
        text_start=Left("text", SNIPPET_SCAN + 1)).in_bulk([a for a, _s, _d in page])
    documents = Document.objects.in_bulk([d for _a, _s, d in page])
    marks = Marks(query.terms(), query.prefixes())
    for article_id, score, document_id in page:
        article = articles[article_id]
        results.hits.append(Hit(document=documents[document_id], article=article, score=score,
                                snippet=snippet(article.text_start or article.title, marks)))
    if not ranked and log_miss:
        _log_miss(network, text, public)
    results.elapsed_ms = (time.perf_counter() - started) * 1000
    return results


def _where(network, public: bool, filters: Filters) -> tuple[str, list]:
    clauses, params = [], []
    if network is not None:
        clauses.append("(d.network_id IS NULL OR d.network_id = %s)")
        params.append(network.pk)
    else:
        clauses.append("d.network_id IS NULL")
    if public:
        clauses.append("d.is_published = %s")
        params.append(True)
    for column in ("kind", "level", "issuer", "status", "territory", "collection"):
        value = getattr(filters, column)
        if value:
            clauses.append(f"d.{column} = %s")
            params.append(value)
    if filters.year:
        clauses.append("d.adopted_on >= %s AND d.adopted_on < %s")
        params += [date(filters.year, 1, 1), date(filters.year + 1, 1, 1)]
    return " AND ".join(clauses), params


def _candidates(query: Query, where: str, params: list, *, any_word: bool = False
                ) -> list[tuple[int, int, int]]:
    """(part id, article id, document id) of the best matching parts. With any_word, the
    parts with any of the words the query must have (what it implies is left to the
    ranking: an article with none of the words is not a hit)."""
    if connection.vendor == "postgresql":
        expression = to_tsquery(query.must, query.must_not, any_word=any_word)
        # Words in thousands of parts: only a pool of the parts where they weigh most is
        # ranked, by the sum of its words' impacts (toplists.py).
        among = toplists.pool(query.must, any_word=any_word, parts=collection_stats()[0])
        if among is None:
            sql = (f"SELECT p.id, p.article_id, p.document_id FROM documents_indexpart p "
                   f"JOIN documents_document d ON d.id = p.document_id "
                   f"WHERE p.tsv @@ %s::tsquery AND {where} "
                   f"ORDER BY ts_rank(p.tsv, %s::tsquery, 1) DESC, p.id LIMIT {CANDIDATES}")
            args = [expression, *params, expression]
        else:
            scored, scored_args = among.scored()
            sql = (f"SELECT p.id, p.article_id, p.document_id FROM ({scored}) r "
                   f"JOIN documents_indexpart p ON p.id = r.part_id "
                   f"JOIN documents_document d ON d.id = p.document_id "
                   f"WHERE p.tsv @@ %s::tsquery AND {where} "
                   f"ORDER BY r.score DESC, p.id LIMIT {CANDIDATES}")
            args = [*scored_args, expression, *params]
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            return cursor.fetchall()
    expression = to_fts5(query.must, query.must_not, any_word=any_word)
    with connection.cursor() as cursor:
        # The best parts by the index alone first, then who may see them: joining before
        # ranking makes SQLite look up the document of every match (4x slower).
        cursor.execute(f"SELECT rowid FROM documents_fts WHERE documents_fts MATCH %s "
                       f"ORDER BY bm25(documents_fts, 5.0, 2.0, 1.0), rowid "
                       f"LIMIT {FIRST_PASS}", [expression])
        first = [row[0] for row in cursor.fetchall()]
        if first:
            # CROSS JOIN: the parts by their ids, then their documents (SQLite would
            # otherwise start from every document the network filter lets through)
            cursor.execute(f"SELECT p.id, p.article_id, p.document_id FROM documents_indexpart p "
                           f"CROSS JOIN documents_document d ON d.id = p.document_id "
                           f"WHERE p.id IN ({', '.join(map(str, first))}) AND {where}", params)
            visible = {row[0]: row for row in cursor.fetchall()}
            found = [visible[i] for i in first if i in visible][:CANDIDATES]
        else:
            found = []
        if len(found) >= CANDIDATES or len(first) < FIRST_PASS:
            return found  # enough, or every match was looked at
        # Filters left too few of the first pass: rank among the visible ones only.
        cursor.execute(f"SELECT p.id, p.article_id, p.document_id FROM documents_fts "
                       f"JOIN documents_indexpart p ON p.id = documents_fts.rowid "
                       f"JOIN documents_document d ON d.id = p.document_id "
                       f"WHERE documents_fts MATCH %s AND {where} "
                       f"ORDER BY bm25(documents_fts, 5.0, 2.0, 1.0), p.id "
                       f"LIMIT {CANDIDATES}", [expression, *params])
        return cursor.fetchall()


def _numbered_candidates(query: Query, where: str, params: list, *, any_word: bool = False
                         ) -> list[tuple[int, int, int]]:
    """As _candidates, among the parts of the acts the query's number named (`where`
    holds them): an act has at most a few thousand parts, read here whole, where the
    full-text index would match the words in every act and keep those of a few."""
    must = query.must
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT p.id, p.article_id, p.document_id, p.title_terms, "
                       f"p.act_terms, p.body_terms FROM documents_indexpart p "
                       f"JOIN documents_document d ON d.id = p.document_id "
                       f"WHERE {where} ORDER BY p.id", params)
        rows = cursor.fetchall()
    found = []
    for part_id, article_id, document_id, title, act, body in rows:
        # The three fields apart (two spaces): a phrase does not run from one to the next.
        text = f" {title}  {act}  {body} "

        def has(clause, text=text):
            return any(_count(o, text) for o in clause.options)

        wanted = any(map(has, must)) if any_word else all(map(has, must))
        if wanted and not any(map(has, query.must_not)):
            found.append((part_id, article_id, document_id))
    return found


_stats_cache: dict = {}


def collection_stats(*, fresh: bool = False) -> tuple[int, float]:
    """Index parts and their mean length; re-read at most every minute (or now: fresh)."""
    now = time.monotonic()
    cached = _stats_cache.get(connection.alias)
    if cached and now - cached[0] < 60 and not fresh:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), avg(length) FROM documents_indexpart")
        n, avg = cursor.fetchone()
    value = (n or 0, float(avg or 1.0))
    _stats_cache[connection.alias] = (now, value)
    return value


def _frequencies(query: Query) -> dict[str, int]:
    """In how many index parts each of the query's terms is ("stem*": a stem's words)."""
    wanted = sorted({t for c in query.must + query.should for o in c.options
                     if not o.prefix for t in o.terms})
    stems = sorted({o.terms[0] for c in query.must for o in c.options if o.prefix})
    df: dict[str, int] = {}
    with connection.cursor() as cursor:
        if wanted:
            cursor.execute(f"SELECT term, parts FROM documents_termstat WHERE term IN "
                           f"({', '.join(['%s'] * len(wanted))})", wanted)
            df.update(cursor.fetchall())
        for stem in stems:
            # parts holding any word of the stem: at most the sum over its words
            cursor.execute("SELECT sum(parts) FROM documents_termstat "
                           "WHERE term >= %s AND term < %s", [stem, stem + "\uffff"])
            df[stem + "*"] = cursor.fetchone()[0] or 0
    return df


def _rank(query: Query, candidates, sort: str) -> list[tuple[int, float, int]]:
    """(article id, score, document id), best first; an article counts once."""
    if not candidates:
        return []
    df = _frequencies(query)
    # The body's first RANK_CHARS characters: enough to weigh a word's frequency (BM25
    # saturates), a fraction of the longest parts to read (length is the whole part's).
    # Written out: the ORM takes longer to build these queries than the database to
    # answer them.
    ids = ", ".join(str(int(c[0])) for c in candidates)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, title_terms, act_terms, substr(body_terms, 1, {RANK_CHARS}),"
                       f" length FROM documents_indexpart WHERE id IN ({ids})")
        parts = {row[0]: row for row in cursor.fetchall()}
    n_parts, avg_len = collection_stats()
    n_parts = max(n_parts, 1)

    def idf(term: str) -> float:
        d = min(df.get(term, 0), n_parts)
        return math.log(1 + (n_parts - d + 0.5) / (d + 0.5))

    def weighed(clauses):
        """Each clause's options as (what to count in padded terms, the option's weight)."""
        return [[(_needle(o), (idf(o.terms[0] + "*") if o.prefix else sum(map(idf, o.terms)))
                  * (STEM_WEIGHT if o.stem else 1.0)) for o in c.options] for c in clauses]

    must, should = weighed(query.must), weighed(query.should)
    best: dict[int, tuple[int, float, int]] = {}
    for part_id, article_id, document_id in candidates:
        part = parts.get(part_id)
        if part is None:
            continue
        _id, title_terms, act_terms, body_terms, length = part
        # Padded with spaces: " term " counts whole terms (C speed; a term repeated
        # right after itself counts once, alike on both databases).
        title, body = f" {title_terms} ", f" {body_terms} "
        act = f" {act_terms} "
        norm = K1 * (1 - B + B * (length or 1) / avg_len)
        score, matched = 0.0, 0
        for options in must:
            clause_score = _clause_score(options, title, act, body, norm)
            score += clause_score
            matched += clause_score > 0
        if not matched:
            continue
        for options in should:
            score += SHOULD_WEIGHT * _clause_score(options, title, act, body, norm)
        # When some words are missing, an article with more of them weighs more.
        score *= (matched / len(query.must)) ** COVERAGE_POWER
        if title_terms.startswith(WHOLE_TEXT):
            score *= WHOLE_TEXT_WEIGHT
        key = (0, round(score, 6), document_id)
        if key[:2] > best.get(article_id, (-1, -1.0, 0))[:2]:
            best[article_id] = key
    order = sorted(best.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    ranked = [(article_id, score, document_id)
              for article_id, (_m, score, document_id) in order]
    if sort == "date":
        dates = dict(Document.objects.filter(pk__in={d for _a, _s, d in ranked})
                     .values_list("pk", "adopted_on"))
        ranked.sort(key=lambda r: -(dates.get(r[2]) or date.min).toordinal())  # stable
    return ranked


def _needle(option: Option) -> str:
    """What the option is in space-padded terms: " term ", " a phrase ", " prefix"."""
    if option.prefix:
        return " " + option.terms[0]
    return " " + " ".join(option.terms) + " "


def _count(option: Option, padded: str) -> int:
    """Occurrences of the option in space-padded terms."""
    return padded.count(_needle(option))


def _clause_score(options, title: str, act: str, body: str, norm: float) -> float:
    """The best of the clause's options: BM25 over the body, plus a bonus when the
    article's title has the word (a title names what the article is about), and a
    smaller one when the act's title has it."""
    best = 0.0
    for needle, weight in options:
        tf = body.count(needle)
        in_title = needle in title
        in_act = needle in act
        if tf or in_title or in_act:
            score = weight * (tf * (K1 + 1) / (tf + norm) + TITLE_WEIGHT * in_title
                              + ACT_WEIGHT * in_act)
            best = max(best, score)
    return best


FACETS = ("kind", "level", "status", "year", "issuer", "territory")


def _facets(ranked) -> dict[str, list[tuple[str, int]]]:
    """How many of the articles found are in each kind, level, status, year, issuing
    body and territory, most first."""
    rows = (Document.objects.filter(pk__in={d for _a, _s, d in ranked})
            .values_list("pk", "kind", "level", "status", "adopted_on", "issuer", "territory"))
    per_document = {pk: (kind, level, status, adopted.year if adopted else None, issuer,
                         territory)
                    for pk, kind, level, status, adopted, issuer, territory in rows}
    counts: dict[str, dict] = {name: {} for name in FACETS}
    for _a, _s, d in ranked:
        for name, value in zip(FACETS, per_document[d], strict=True):
            if value not in (None, ""):
                counts[name][value] = counts[name].get(value, 0) + 1
    return {name: sorted(values.items(), key=lambda kv: (-kv[1], str(kv[0])))
            for name, values in counts.items()}


def _whole_documents(results: Results, documents, started) -> Results:
    """A query that is only a document number: the documents, from their beginning."""
    for document in documents:
        article = document.articles.order_by("position").first()
        if article is not None:
            results.hits.append(Hit(document=document, article=article, score=0.0,
                                    snippet=snippet(article.text or article.title, Marks())))
    results.total = len(results.hits)
    results.elapsed_ms = (time.perf_counter() - started) * 1000
    return results


class Marks:
    """Which words of a text to mark: those whose lemma is one of the query's terms or
    that begin with one of its prefixes; each word form decided once per search."""

    def __init__(self, terms: set[str] = frozenset(), prefixes: set[str] = frozenset()):
        self.terms, self.prefixes = terms, prefixes
        self._seen: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self.terms or self.prefixes)

    def positions(self, words: list[str]) -> list[int]:
        """Where in `words` the marked ones are."""
        seen = self._seen
        for word in set(words).difference(seen):
            surface, *lemmas = _terms_of_surface(word)
            seen[word] = (any(t in self.terms for t in lemmas)
                          or surface.startswith(tuple(self.prefixes)))
        return [i for i, word in enumerate(words) if seen[word]]


def snippet(full: str, marks: Marks) -> SafeString:
    """About SNIPPET_WORDS words of an article's own text (`full`, of which the first
    SNIPPET_SCAN characters are looked at) around the most marked words, with them
    marked; the text is escaped."""
    full = full or ""
    # The beginning first: most articles are short, and most hits are near the top.
    for scan in (SNIPPET_SCAN // 8, SNIPPET_SCAN):
        text = full[:scan]
        spans = [m.span() for m in _WORD.finditer(text)]
        hits = marks.positions([text[start:end] for start, end in spans]) if marks else []
        if hits or len(full) <= scan:
            break
    if not spans:
        return mark_safe("")
    first = 0
    if hits:
        best, best_count = hits[0], 0
        for k, i in enumerate(hits):  # the window starting a little before a hit with most hits in it
            count = bisect.bisect_left(hits, i + SNIPPET_WORDS, k) - k
            if count > best_count:
                best, best_count = i, count
        first = max(0, best - 4)
    last = min(len(spans), first + SNIPPET_WORDS)
    marked = set(hits)
    out = ["… " if first > 0 else ""]
    position = spans[first][0]
    for i in range(first, last):
        start, end = spans[i]
        out.append(escape(text[position:start]))
        word = escape(text[start:end])
        out.append(f"<mark>{word}</mark>" if i in marked else word)
        position = end
    if last < len(spans) or len(text) < len(full):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 — every piece of text is escaped above


@lru_cache(maxsize=100_000)
def _terms_of_surface(word: str) -> tuple[str, ...]:
    normal = normalise(word)
    return (normal.replace("'", ""), *term_of(normal))


def _log_miss(network, text: str, public: bool) -> None:
    """Keep the query text (only the text: no one's data) for the needs list."""
    shown = " ".join(text.split())[:200]
    key = normalise(shown)[:200]
    if not key:
        return
    updated = SearchMiss.objects.filter(network=network, text_key=key).update(
        times=F("times") + 1, last_at=timezone.now())
    if not updated:
        try:
            with transaction.atomic():
                SearchMiss.objects.create(network=network, text_key=key, text=shown,
                                          public=public)
        except IntegrityError:  # the same search at the same moment elsewhere
            SearchMiss.objects.filter(network=network, text_key=key).update(
                times=F("times") + 1, last_at=timezone.now())

