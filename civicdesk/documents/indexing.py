"""The search index of the document library: each article's words reduced to lemmas.

What is stored: for every article (a long one in parts of PART_TERMS terms) a row of
IndexPart with its title's and body's terms in order — lemmas, lower case, apostrophes
dropped, hyphenated words as their parts — so "ради", "радою" and "рада" are all
"рада". The full-text index over those rows is SQLite FTS5 (documents_fts, kept by
triggers) or, on PostgreSQL, a generated tsvector column with a GIN index. TermStat
keeps in how many parts each term occurs, so that ranking is computed the same way on
both databases (civicdesk/documents/search.py).

The index carries a version (INDEX_FORMAT and the lemma table's version): a document
indexed with another version is stale, and `manage.py reindex_documents` rebuilds it.
"""

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import F

from civicdesk.core.db import write_rows
from civicdesk.core.lemmas import lemma, table_version
from civicdesk.core.text import words

from . import toplists
from .models import Article, Document, IndexPart, TermStat

INDEX_FORMAT = "2"
_NOT_WORD = re.compile(r"[\W_]+")
# PostgreSQL keeps positions up to 16,383 and a tsvector under 1 MB: parts stay below.
PART_TERMS = 12_000
MAX_TERM = 60
PG_INDEX = "documents_indexpart_tsv"  # the GIN index of migration 0002


def index_version() -> str:
    return f"{INDEX_FORMAT}.{table_version() if LEMMAS else 'words'}"


def term_of(word: str) -> tuple[str, ...]:
    """The index terms of one normalised word (usually one): its lemma with apostrophes
    dropped; a hyphenated word gives its parts. Only letters and digits remain, so a
    term can be quoted safely in any full-text query syntax."""
    return _term_of(word, LEMMAS)


@lru_cache(maxsize=300_000)
def _term_of(word: str, lemmas: bool) -> tuple[str, ...]:
    # every word of every text passes here (23 million in the corpus): the vocabulary
    # repeats, so each word is worked out once
    base = lemma(word) if lemmas else word
    return tuple(part[:MAX_TERM] for part in _NOT_WORD.sub(" ", base.replace("'", "")).split())


# DOCUMENT_SEARCH_LEMMAS=off indexes and searches the words as written (the benchmark's
# comparison); read once, as every word of every text passes here.
LEMMAS = True


def terms(text: str) -> list[str]:
    out: list[str] = []
    for word in words(text):
        out.extend(term_of(word))
    return out


def _act_terms(document: Document) -> str:
    return " ".join(terms(" ".join(filter(None, [document.title, document.short_name]))))


def _parts(article: Article, document: Document, act: str) -> list[IndexPart]:
    title = terms(article.title)
    body = terms(article.text)
    chunks = [body[i:i + PART_TERMS] for i in range(0, len(body), PART_TERMS)] or [[]]
    return [IndexPart(article=article, document=document, part=n,
                      title_terms=" ".join(title) if n == 0 else "", act_terms=act,
                      body_terms=" ".join(chunk),
                      length=(len(title) if n == 0 else 0) + len(chunk))
            for n, chunk in enumerate(chunks)]


def _write_parts(parts: list[IndexPart]) -> None:
    """Store new index parts as rows (COPY on PostgreSQL; on SQLite the table's triggers
    fill the FTS5 table)."""
    columns = ("article_id", "document_id", "part", "title_terms", "act_terms",
               "body_terms", "length")
    write_rows(IndexPart._meta.db_table, columns,
               ([getattr(part, name) for name in columns] for part in parts))


def _count_terms(parts: Iterable[IndexPart]) -> Counter:
    counts: Counter = Counter()
    for part in parts:
        counts.update(set(part.title_terms.split()) | set(part.act_terms.split())
                      | set(part.body_terms.split()))
    return counts


def _apply_counts(counts: Counter, sign: int) -> None:
    if not counts:
        return
    existing = set(TermStat.objects.filter(term__in=list(counts)).values_list("term", flat=True))
    TermStat.objects.bulk_create([TermStat(term=t, parts=max(0, n * sign))
                                  for t, n in counts.items() if t not in existing],
                                 batch_size=2000)
    for term in existing:
        TermStat.objects.filter(term=term).update(parts=F("parts") + sign * counts[term])


@transaction.atomic
def index_documents(ids: Iterable[int]) -> int:
    """(Re)index these documents; returns the number of index parts written."""
    ids = list(ids)
    old = IndexPart.objects.filter(document_id__in=ids)
    _apply_counts(_count_terms(old.only("title_terms", "act_terms", "body_terms")), -1)
    old.delete()
    documents = {d.pk: d for d in Document.objects.filter(pk__in=ids)}
    acts = {pk: _act_terms(d) for pk, d in documents.items()}
    parts: list[IndexPart] = []
    for article in Article.objects.filter(document_id__in=ids).order_by("document", "position"):
        parts += _parts(article, documents[article.document_id], acts[article.document_id])
    _write_parts(parts)
    _apply_counts(_count_terms(parts), +1)
    toplists.add_documents(ids)
    Document.objects.filter(pk__in=ids).update(indexed_version=index_version())
    return len(parts)


def rebuild(progress=None, batch: int = 200) -> int:
    """Rebuild the whole index (all documents); progress(done, total) after each batch."""
    with transaction.atomic():
        toplists.forget_all()
        IndexPart.objects.all().delete()
        TermStat.objects.all().delete()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("INSERT INTO documents_fts(documents_fts) VALUES ('delete-all')")
            else:
                # Writing every part into the GIN index costs more than building it once
                # at the end (searches meanwhile read the table: slower, still right).
                cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        Document.objects.update(indexed_version="")
    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    counts: Counter = Counter()
    written = 0
    version = index_version()
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        with transaction.atomic():
            documents = {d.pk: d for d in Document.objects.filter(pk__in=chunk)}
            acts = {pk: _act_terms(d) for pk, d in documents.items()}
            parts: list[IndexPart] = []
            for article in (Article.objects.filter(document_id__in=chunk)
                            .order_by("document", "position").iterator(chunk_size=2000)):
                parts += _parts(article, documents[article.document_id],
                                acts[article.document_id])
            _write_parts(parts)
            Document.objects.filter(pk__in=chunk).update(indexed_version=version)
        counts.update(_count_terms(parts))
        written += len(parts)
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    with transaction.atomic():
        TermStat.objects.bulk_create([TermStat(term=t, parts=n) for t, n in counts.items()],
                                     batch_size=5000)
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            # inside an outer transaction (tests), the parts' deferred foreign-key checks
            # must run first: PostgreSQL builds no index over rows with checks pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON documents_indexpart "
                           "USING gin (tsv)")
    toplists.build_all()
    after_bulk_write()
    return written


def after_bulk_write() -> None:
    """After many parts written at once (a rebuild, a corpus imported), the index set in
    order now. PostgreSQL: the planner learns the tables' new sizes now, not when
    autovacuum gets round to it (with the sizes of empty tables it joins tens of
    thousands of parts to the documents row by row: a search took seconds). SQLite:
    the FTS5 index merged into one segment (parts added a batch at a time leave many,
    and every search reads each of them; a few seconds for the whole corpus)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE documents_document, documents_article, "
                           "documents_indexpart, documents_termstat, documents_termtop")
        else:
            cursor.execute("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")


def stale_documents():
    return Document.objects.exclude(indexed_version=index_version())


def reindex_stale(progress=None, batch: int = 200) -> int:
    """Index again the documents indexed with another index version (another lemma
    table, another index format) or not yet; progress(done, total) after each batch.
    Returns the number of index parts written."""
    ids = list(stale_documents().order_by("pk").values_list("pk", flat=True))
    parts = 0
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            parts += index_documents(ids[start:start + batch])
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    if len(ids) > batch:
        after_bulk_write()
    return parts


def stale_index_check() -> str:
    """On every start (load_reference_data): documents indexed with another index
    version are indexed again by the background worker."""
    stale = stale_documents().count()
    if not stale:
        return f"index version {index_version()}: up to date"
    from .tasks import reindex_stale_task

    reindex_stale_task()
    return (f"index version {index_version()}: {stale} documents to index again "
            "(in the background)")

