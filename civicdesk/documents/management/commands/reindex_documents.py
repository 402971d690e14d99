"""Rebuild the document search index: everything (default) or only documents indexed
with another index version (--stale), e.g. after the lemma table changed."""

import sys
import time

from django.core.management.base import BaseCommand

from civicdesk.documents import indexing


class Command(BaseCommand):
    help = "Rebuild the search index of the document library, with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--stale", action="store_true",
                            help="only documents indexed with another index version")

    def handle(self, stale=False, **options):
        started = time.monotonic()
        if stale:
            parts = indexing.reindex_stale(progress=self._bar)
        else:
            parts = indexing.rebuild(progress=self._bar)
        seconds = time.monotonic() - started
        self.stdout.write(f"\n{parts} index parts in {seconds:.1f} s "
                          f"(index version {indexing.index_version()})")

    def _bar(self, done: int, total: int) -> None:
        if not total:
            return
        width = 40
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
