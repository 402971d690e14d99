"""Print search results as JSON (act number, article ref, title, score): for
administrators and scripts."""

import json

from django.core.management.base import BaseCommand, CommandError

from civicdesk.documents import search
from civicdesk.org.models import Network


class Command(BaseCommand):
    help = "Search the document library and print the hits as JSON."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--network", type=int, help="network id (its own documents too)")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--public", action="store_true", help="published documents only")

    def handle(self, query, network=None, limit=10, public=False, **options):
        net = None
        if network is not None:
            net = Network.objects.filter(pk=network).first()
            if net is None:
                raise CommandError(f"No network {network}")
        results = search.search(query, network=net, public=public, limit=limit,
                                log_miss=False)
        self.stdout.write(json.dumps({
            "query": query, "total": results.total, "all_words": results.all_words,
            "hints": results.hints, "elapsed_ms": round(results.elapsed_ms, 1),
            "hits": [{"number": h.document.number, "article": h.article.ref,
                      "title": h.document.display_title, "article_title": h.article.title,
                      "score": h.score} for h in results.hits],
        }, ensure_ascii=False, indent=2))
