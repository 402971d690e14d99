"""Learn the lemma weights from the legislation corpus and freeze them in the package
(civicdesk/core/data/lemma-weights-uk.tsv.gz). A developer's tool: run it when the
corpus or pymorphy3's dictionary changes, then commit the table; search indexes built
with the old table are rebuilt by `manage.py reindex_documents`."""

import gzip
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from civicdesk.core import lemmas


def _texts(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            act = json.loads(line)
            yield " ".join(filter(None, [act.get("title"), act.get("short_name")]))
            for article in act.get("articles") or ():
                yield article.get("title") or ""
                yield article.get("text") or ""


class Command(BaseCommand):
    help = "Learn lemma weights from the legislation corpus (JSONL.gz) and write the table."

    def add_arguments(self, parser):
        parser.add_argument("corpus", nargs="?", default=str(settings.LEGISLATION_CORPUS))

    def handle(self, corpus, **options):
        path = Path(corpus)
        if not path.exists():
            raise CommandError(f"No corpus at {path}")
        weights = lemmas.learn(_texts(path))
        lemmas.write_table(weights)
        self.stdout.write(f"{len(weights)} lemmas, table version {lemmas.table_version()}")
