"""Import the national legislation corpus (JSONL.gz) into the shared document library."""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from civicdesk.documents import importing
from civicdesk.documents.models import ImportBatch
from civicdesk.org.models import Network


def corpus_path(value: str | None = None) -> Path:
    """The corpus file: the given path, else LEGISLATION_CORPUS (a relative one is taken
    from the project folder, so the default finds shared/ beside the project)."""
    path = Path(value or settings.LEGISLATION_CORPUS)
    if not path.is_absolute() and not value:
        path = Path(settings.BASE_DIR) / path
    return path.resolve()


class Command(BaseCommand):
    help = ("Import the legislation corpus (one act per line, JSONL.gz) into the document "
            "library, all or nothing. Acts already there (same number) are skipped, or "
            "replaced with --update unless a person has checked their text.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="the corpus file (default: LEGISLATION_CORPUS)")
        parser.add_argument("--network", type=int, default=None,
                            help="import into this network (id) instead of the shared library")
        parser.add_argument("--limit", type=int, default=None, help="only the first K acts")
        parser.add_argument("--update", action="store_true",
                            help="replace acts already imported (not those checked by a person)")

    def handle(self, *args, path=None, network=None, limit=None, update=False, **options):
        corpus = corpus_path(path)
        if not corpus.is_file():
            self.stderr.write(f"The corpus file {corpus} is not there. Give its path: "
                              "manage.py import_legislation PATH (or set LEGISLATION_CORPUS).")
            sys.exit(1)
        target = None
        if network is not None:
            target = Network.objects.filter(pk=network).first()
            if target is None:
                raise CommandError(f"There is no network {network}.")
        batch = importing.batch_create(
            network=target, kind="corpus", source=corpus.name,
            upload={"path": str(corpus), "limit": limit,
                    "existing": "update" if update else "skip"})
        started = time.monotonic()
        shown = {"at": 0.0}

        def show(done: int, total: int) -> None:
            now = time.monotonic()
            if now - shown["at"] < 1 and done < total:
                return
            shown["at"] = now
            width = 30
            filled = width * done // total if total else width
            rate = done / max(now - started, 1e-6)
            self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} acts, "
                              f"{rate:.0f}/s", ending="")
            self.stdout.flush()

        batch = importing.batch_run(batch.pk, progress=show)
        self.stdout.write("")
        seconds = time.monotonic() - started
        report = batch.report
        if batch.state != ImportBatch.State.DONE:
            for error in report.get("errors", [])[:20]:
                where = f"line {error['row']}: " if error.get("row") else ""
                self.stderr.write(f"{where}{error['message']}")
            raise CommandError(f"Nothing imported ({report.get('error_count', 0)} errors).")
        self.stdout.write(
            f"Imported in {seconds:.1f} s: {report['created']} new acts, {report['updated']} "
            f"replaced, {report['skipped']} already there; {report['articles']} articles "
            f"({report['articles'] / max(seconds, 1e-6):.0f} articles/s).")
