"""Reference data of the document library, loaded into every network idempotently:
the regulation on the center (the center's own collection, §1.7) and the synonyms
table's seed."""

import re
from pathlib import Path

from django.db import transaction

from civicdesk.org.models import Network

from . import indexing, synonyms
from .models import Article, Document

REGULATION = Path(__file__).parent / "data" / "regulation-uk.txt"
REGULATION_TITLE = "Положення про Центр обслуговування громадян електронною інформацією"
_SECTION = re.compile(r"^(\d+)\.\s+([А-ЯІЇЄҐ'’ ,.-]+)$", re.MULTILINE)


def regulation_sections(text: str) -> list[tuple[str, str, str]]:
    """The regulation's numbered sections ("1. ЗАГАЛЬНІ ПОЛОЖЕННЯ", …) as articles."""
    heads = list(_SECTION.finditer(text))
    out = []
    if heads and text[:heads[0].start()].strip():
        out.append(("preamble", "", text[:heads[0].start()].strip()))
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        title = f"{head.group(1)}. {head.group(2).strip()}"
        out.append((f"sec{head.group(1)}", title, text[head.end():end].strip()))
    return out or [("", "", text.strip())]


@transaction.atomic
def regulation_seed(network: Network) -> bool:
    if Document.objects.filter(network=network, collection=Document.Collection.CENTER,
                               title=REGULATION_TITLE).exists():
        return False
    document = Document.objects.create(
        network=network, collection=Document.Collection.CENTER,
        kind=Document.Kind.REGULATION, level=Document.Level.LOCAL, title=REGULATION_TITLE,
        short_name="Положення про ЦОГ ЕІ", status=Document.Status.IN_FORCE,
        is_published=True, text_checked=True)
    text = REGULATION.read_text(encoding="utf-8")
    Article.objects.bulk_create([
        Article(document=document, position=n, ref=ref, title=title, text=body)
        for n, (ref, title, body) in enumerate(regulation_sections(text))])
    indexing.index_documents([document.pk])
    return True


def documents_seed_all() -> str:
    added = sum(regulation_seed(n) for n in Network.objects.all())
    return f"{added} regulations; {synonyms.seed_all()}"
