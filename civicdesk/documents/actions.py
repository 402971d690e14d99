"""Changes to the document library. Every write that changes searchable text queues
the document for indexing (in the background worker; at once in tests)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import synonyms
from .models import Article, Document, Relation, Synonym
from .numbers import number_key

_ARTICLE = re.compile(r"^\s*Стаття\s+(\d+(?:-\d+)?)\s*\.", re.MULTILINE)


def split_text(text: str) -> list[tuple[str, str, str]]:
    """(ref, title, body) of each article of a text with "Стаття N." headings; the text
    as one article otherwise (a preamble before the first article is its own)."""
    try:  # the importer's splitter also knows sections and chapters
        from .extract import split_articles
    except ImportError:
        split_articles = None
    if split_articles is not None:
        return split_articles(text)
    heads = list(_ARTICLE.finditer(text))
    if not heads:
        return [("", "", text.strip())]
    out = []
    if text[:heads[0].start()].strip():
        out.append(("preamble", "", text[:heads[0].start()].strip()))
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        line_end = text.find("\n", head.start())
        line_end = end if line_end == -1 or line_end > end else line_end
        out.append((f"art{head.group(1)}", text[head.start():line_end].strip(),
                    text[line_end:end].strip()))
    return out


def _check(document: Document) -> None:
    errors = {}
    if document.in_force_from and document.lost_force_on and \
            document.lost_force_on < document.in_force_from:
        errors["lost_force_on"] = _("Cannot lose force before it came into force.")
    if document.status == Document.Status.LOST_FORCE and not document.lost_force_on:
        errors["lost_force_on"] = _("Give the date the document lost force.")
    if document.number:
        same = Document.objects.filter(number_key=document.number_key or "",
                                       kind=document.kind, network=document.network)
        if document.adopted_on:
            same = same.filter(adopted_on=document.adopted_on)
        if document.pk:
            same = same.exclude(pk=document.pk)
        if same.exists():
            errors["number"] = _("This network already has this document (same kind, "
                                 "number and date).")
    if errors:
        raise ValidationError(errors)


def _queue_index(document: Document) -> None:
    from . import tasks

    transaction.on_commit(lambda: tasks.index_documents_task([document.pk]))


def document_create(*, network, text: str = "", by=None, **fields) -> Document:
    document = Document(network=network, created_by=by, **fields)
    document.number_key = number_key(document.number)
    _check(document)
    with transaction.atomic():
        document.save()
        _set_articles(document, split_text(text) if text.strip() else [("", "", "")])
        _queue_index(document)
    return document


def document_update(*, document: Document, text: str | None = None, **fields) -> Document:
    for name, value in fields.items():
        setattr(document, name, value)
    document.number_key = number_key(document.number)
    _check(document)
    with transaction.atomic():
        document.save()
        if text is not None:
            _set_articles(document, split_text(text) if text.strip() else [("", "", "")])
        _queue_index(document)
    return document


def article_update(*, article: Article, title: str, text: str) -> Article:
    article.title, article.text = title, text
    with transaction.atomic():
        article.save(update_fields=["title", "text"])
        _queue_index(article.document)
    return article


def _set_articles(document: Document, articles) -> None:
    document.articles.all().delete()
    Article.objects.bulk_create([
        Article(document=document, position=n, ref=ref[:40], title=title[:1000], text=body)
        for n, (ref, title, body) in enumerate(articles)])


def full_text(document: Document) -> str:
    """The document's text as one piece, as a person edits it."""
    pieces = []
    for article in document.articles.order_by("position"):
        pieces.append("\n".join(filter(None, [article.title, article.text])))
    return "\n\n".join(pieces)


def relation_add(*, source: Document, target: Document, kind: str) -> Relation:
    if source.pk == target.pk:
        raise ValidationError(_("A document cannot change itself."))
    relation, _created = Relation.objects.get_or_create(source=source, target=target, kind=kind)
    return relation


def synonym_save(*, network, term: str, means: str, synonym: Synonym | None = None) -> Synonym:
    term, means = " ".join(term.split()), "; ".join(
        m.strip() for m in means.split(";") if m.strip())
    if not term or not means:
        raise ValidationError({"means": _("Give the word and at least one other name.")})
    duplicate = Synonym.objects.filter(network=network, term__iexact=term)
    if synonym is not None:
        duplicate = duplicate.exclude(pk=synonym.pk)
    if duplicate.exists():
        raise ValidationError({"term": _("This word is already in the table.")})
    synonym = synonym or Synonym(network=network)
    synonym.term, synonym.means = term[:100], means[:300]
    synonym.save()
    synonyms.forget(network)
    return synonym


def synonym_delete(*, synonym: Synonym) -> None:
    network = synonym.network
    synonym.delete()
    synonyms.forget(network)
