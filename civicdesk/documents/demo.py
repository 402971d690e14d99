"""Demo documents: a few laws citizens ask about most, taken from the national corpus
(when it is on this machine), and a local council decision of the demo community."""

import gzip
import json
import tempfile
from pathlib import Path

from django.conf import settings

from . import actions
from .models import Document

DEMO_ACTS = {"2939-17", "393/96-ВР", "5203-17", "2297-17", "1058-15", "1706-18"}
SAMPLE = Path(__file__).parent / "data" / "legislation-sample.jsonl.gz"


def demo_documents_load(network) -> None:
    """State acts shared by the server's networks, from the full corpus when it is on this
    machine (a few acts), else from the sample shipped with the app."""
    if not Document.objects.filter(network__isnull=True).exists():
        from .importing import import_corpus

        corpus = Path(settings.LEGISLATION_CORPUS)
        if not corpus.exists():
            import_corpus(SAMPLE)
        else:
            with tempfile.TemporaryDirectory() as folder:
                chosen = Path(folder) / "demo.jsonl.gz"
                with gzip.open(corpus, "rt", encoding="utf-8") as src, \
                        gzip.open(chosen, "wt", encoding="utf-8") as dst:
                    for line in src:
                        if json.loads(line)["number"] in DEMO_ACTS:
                            dst.write(line)
                import_corpus(chosen)
    if not Document.objects.filter(network=network, kind=Document.Kind.COUNCIL).exists():
        actions.document_create(
            network=network, kind=Document.Kind.COUNCIL, level=Document.Level.LOCAL,
            issuer="Сарненська міська рада", number="45/2", adopted_on="2025-03-20",
            title="Про затвердження Програми розвитку центру надання адміністративних "
                  "послуг на 2025–2027 роки", territory="Сарненська міська громада",
            text="Міська рада вирішила затвердити Програму розвитку центру надання "
                 "адміністративних послуг на 2025–2027 роки: розширити мережу віддалених "
                 "робочих місць у старостинських округах, забезпечити доступ до послуг "
                 "для осіб з інвалідністю, провести навчання адміністраторів.")
