"""PostgreSQL's first pass for words that many articles share.

SQLite's FTS5 ranks every match of a query from its own postings, in C: even "рік", in
half the articles, costs it little. PostgreSQL's ts_rank reads each matching row's
tsvector (10–20 µs a row here), so a search whose words are in 20,000 parts (40,000
with the corpus twice) took 200–600 ms. So, on PostgreSQL only, each term in more than
LISTED parts has a list (TermTop) of the TOP parts where it weighs most: the one-word
share of search.py's score (how often, in how long a text, in the article's heading, in
the act's title). A search that would match more than COMMON parts ranks a pool: the
BEST parts by the sum of its words' list impacts (a rare word weighing more), and every
part of its rare words — about a thousand rows instead of tens of thousands — scored
word by word (each word's ts_rank times its idf: ts_rank of all the words at once
weighs a common word like a rare one, and the answer fell out of the candidates).

indexing.rebuild() writes the lists of every listed term; a term that became common
later (documents indexed one by one) gets its list the first time a search needs it; a
part of a document indexed later joins a list when it weighs at least the list's least;
a deleted part leaves every list (a foreign key ON DELETE CASCADE, migration 0004).
"""

import math
from dataclasses import dataclass

from django.db import connection, transaction

from civicdesk.core.db import write_rows

from .models import TermStat, TermTop

COMMON = 2000  # a search matching more parts than this ranks a pool of them
LISTED = 500  # a term in more parts than this has a list
TOP = 300  # parts on a list (read: the best TOP)
BEST = 300  # parts of a pool chosen by their words' impacts
EXPANSIONS = 3  # a prefix's most frequent listed terms whose lists are read
SCORED_EXPANSIONS = 20  # a prefix's most frequent terms a pool is scored by
# ts_rank's weights of a word (D, C body, B act title, A article heading) when a pool
# is scored: near search.py's shares (body tf ≈ 1–2, act title 2, heading 3)
RANK_WEIGHTS = [0.1, 0.35, 0.7, 1.0]


def _postings(where: str) -> str:
    """SELECT (term, part_id, impact) of the postings `where` selects — p: a part (id,
    document_id, tsv), u: one term of its tsvector (lexeme, positions, weights)."""
    from . import search
    from .search import ACT_WEIGHT, K1, TITLE_WEIGHT, WHOLE_TEXT, WHOLE_TEXT_WEIGHT, B

    avg = search.collection_stats(fresh=True)[1]  # the parts' mean length, as they are now

    # weights (migration 0002): A the article's heading, B the act's title, C the body
    # float8 throughout: numeric (the type of a literal like 2.2) is many times slower
    tf = "coalesce(cardinality(array_positions(u.weights, 'C')), 0)::float8"
    part = (f"SELECT id, document_id, tsv, CASE WHEN title_terms LIKE '{WHOLE_TEXT}%%' "
            f"THEN {WHOLE_TEXT_WEIGHT}::float8 ELSE 1.0::float8 END AS w, "
            f"{K1}::float8 * (1 - {B} + {B} * greatest(length, 1) / {float(avg)!r}::float8) AS norm "
            f"FROM documents_indexpart")
    return (f"SELECT u.lexeme AS term, p.id AS part_id, p.w * ({tf} * {K1 + 1} / ({tf} + "
            f"p.norm) + {TITLE_WEIGHT} * ('A' = ANY(u.weights))::int "
            f"+ {ACT_WEIGHT} * ('B' = ANY(u.weights))::int) AS impact "
            f"FROM ({part}) p CROSS JOIN LATERAL unnest(p.tsv) u WHERE {where}")


def _write_best(where: str, params: dict) -> None:
    """Each selected term's TOP best parts, and its floor."""
    with connection.cursor() as cursor:
        # read, then written with COPY: PostgreSQL runs a plain SELECT in parallel, not
        # the SELECT of an INSERT (half the time on two cores)
        cursor.execute(
            "SELECT term, part_id, impact FROM (SELECT *, row_number() OVER ("
            f"PARTITION BY term ORDER BY impact DESC, part_id) AS n FROM "
            f"({_postings(where)}) x) s WHERE n <= {TOP}", params)
        best = cursor.fetchall()
        write_rows("documents_termtop", ["term", "part_id", "impact"], best)
        cursor.execute(
            "UPDATE documents_termstat s SET top_floor = f.floor FROM (SELECT term, "
            "min(impact) AS floor FROM documents_termtop WHERE term = ANY(%s) GROUP BY term"
            ") f WHERE s.term = f.term", [params["terms"]])


def forget_all() -> None:
    TermTop.objects.all().delete()
    TermStat.objects.exclude(top_floor=None).update(top_floor=None)


@transaction.atomic
def build_all() -> int:
    """Every listed term's list (after a full rebuild). Returns the number of terms."""
    if connection.vendor != "postgresql":
        return 0
    forget_all()
    terms = list(TermStat.objects.filter(parts__gt=LISTED).values_list("term", flat=True))
    # IN (SELECT …): a hashed lookup; "= ANY(%(terms)s)" would compare each of millions
    # of (part, term) rows with every listed term
    _write_best("u.lexeme IN (SELECT term FROM documents_termstat WHERE parts > "
                f"{LISTED})", {"terms": terms})
    return len(terms)


@transaction.atomic
def build(terms) -> None:
    """The lists of these terms that have none, read from the parts the index finds."""
    # the terms' rows locked: two searches at once write a list once
    fresh = list(TermStat.objects.select_for_update()
                 .filter(term__in=sorted(set(terms)), top_floor=None)
                 .values_list("term", flat=True))
    if fresh:
        _write_best("p.tsv @@ %(query)s::tsquery AND u.lexeme = ANY(%(terms)s)",
                    {"terms": fresh, "query": " | ".join(f"'{t}'" for t in fresh)})


def add_documents(document_ids: list[int]) -> None:
    """The parts of these (newly indexed) documents join the lists where they weigh at
    least the list's floor (a list may so grow past TOP; reading takes the best TOP)."""
    if connection.vendor != "postgresql" or not document_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO documents_termtop (term, part_id, impact) SELECT x.term, "
            f"x.part_id, x.impact FROM ({_postings('p.document_id = ANY(%s)')}"
            ") x JOIN documents_termstat s ON s.term = x.term "
            "WHERE x.impact >= s.top_floor ON CONFLICT DO NOTHING", [document_ids])


def _count(expression: str, limit: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM (SELECT 1 FROM documents_indexpart "
                       f"WHERE tsv @@ %s::tsquery LIMIT {limit}) x", [expression])
        return cursor.fetchone()[0]


@dataclass
class Pool:
    """The parts worth ranking, and the terms (with their weights, idf) they are
    ranked by."""

    ids: list[int]
    terms: list[str]
    weights: list[float]

    def scored(self) -> tuple[str, list]:
        """(SQL of (part_id, score), params): each part's score the sum over the terms
        of weight × ts_rank for that term alone. Each tsvector is read once: `|| ''`
        makes an in-memory copy the ranks then share, where each ts_rank of the stored
        value would unpack it again."""
        ranks = " + ".join(["ts_rank(%s::float4[], v, %s::tsquery) * %s"] * len(self.terms))
        params: list = []
        for term, weight in zip(self.terms, self.weights, strict=True):
            params += [RANK_WEIGHTS, f"'{term}'", weight]
        return (f"SELECT id AS part_id, {ranks or '0'} AS score FROM (SELECT id, "
                "tsv || ''::tsvector AS v FROM documents_indexpart WHERE id = ANY(%s) "
                "OFFSET 0) s", [*params, self.ids])


def pool(clauses, *, any_word: bool, parts: int) -> Pool | None:
    """The ids of the parts worth ranking for a search of these clauses (all of them, or
    any with any_word), or None when it matches few enough parts to rank them all: the
    BEST parts by their words' impacts (each weighed by how rare the word is), and every
    part of the options that are rare. `parts`: how many parts the index has."""
    from .query import to_tsquery

    if connection.vendor != "postgresql":
        return None
    options = [o for clause in clauses for o in clause.options]
    words = {t for o in options for t in o.terms if not o.prefix}
    df = dict(TermStat.objects.filter(term__in=words).values_list("term", "parts"))
    expansions = {stem: list(TermStat.objects.filter(term__gte=stem, term__lt=stem + "\uffff",
                                                      parts__gt=0)
                             .order_by("-parts").values_list("term", "parts"))
                  for stem in {o.terms[0] for o in options if o.prefix}}

    def option_df(option) -> int:
        if option.prefix:
            return sum(n for _t, n in expansions[option.terms[0]])
        return min(df.get(t, 0) for t in option.terms)

    clause_df = [sum(option_df(o) for o in clause.options) for clause in clauses]
    if (sum(clause_df) if any_word else min(clause_df, default=0)) <= COMMON:
        return None
    # All the words are common, but together they may still be rare: ask the index
    # (phrases as their words: at least as many, counted without reading the rows).
    if not any_word and _count(to_tsquery(clauses, [], phrases=False), COMMON + 1) <= COMMON:
        return None
    listed: dict[str, int] = {}  # terms whose best parts are read, with their counts
    rare: list[str] = []  # (tsquery of) options all of whose parts are read
    for option in options:
        if option.prefix and option_df(option) > LISTED:
            found = expansions[option.terms[0]]
            listed.update([(t, n) for t, n in found if n > LISTED][:EXPANSIONS])
            few, total = [], 0  # its rarer words, the most frequent first, up to LISTED parts
            for term, n in found:
                if n <= LISTED and total + n <= LISTED:
                    few.append(f"'{term}'")
                    total += n
            if few:
                rare.append(" | ".join(few))
        elif option_df(option) > LISTED:  # a word, or a phrase by its rarest word
            term = min(option.terms, key=lambda t: df.get(t, 0))
            listed[term] = df[term]
        elif option_df(option):
            # a phrase as its words (the index answers without reading the rows)
            rare.append(f"'{option.terms[0]}':*" if option.prefix
                        else " & ".join(f"'{t}'" for t in option.terms))
    build(listed)
    selects, params = [], []
    if listed:
        lists = " UNION ALL ".join(
            ["(SELECT part_id, impact * %s AS w FROM documents_termtop WHERE term = %s "
             f"ORDER BY impact DESC LIMIT {TOP})"] * len(listed))
        selects.append(f"(SELECT part_id FROM ({lists}) x GROUP BY part_id "
                       f"ORDER BY sum(w) DESC, part_id LIMIT {BEST})")
        for term, n in sorted(listed.items()):
            params += [math.log(1 + (parts - n + 0.5) / (n + 0.5)), term]
    if rare:
        selects.append("SELECT id FROM documents_indexpart WHERE tsv @@ %s::tsquery")
        params.append(" | ".join(f"({r})" for r in rare))
    if not selects:
        return None
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(selects), params)
        ids = [row[0] for row in cursor.fetchall()]
    weights: dict[str, float] = {}
    for option in options:
        if option.prefix:
            found = expansions[option.terms[0]][:SCORED_EXPANSIONS]
        else:
            found = [(t, df.get(t, 0)) for t in option.terms]
        for term, n in found:
            weights[term] = math.log(1 + (parts - n + 0.5) / (n + 0.5))
    return Pool(ids=ids, terms=list(weights), weights=list(weights.values()))

