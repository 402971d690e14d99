"""Import a folder (or a ZIP) of documents with their metadata table, all or nothing: the
same checks and report as the import page, for a folder already on the server."""

import secrets
import shutil
import sys
import zipfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from civicdesk.documents import importing
from civicdesk.documents.models import ImportBatch
from civicdesk.org.models import Network


class Command(BaseCommand):
    help = ("Import documents from a folder or a ZIP with a metadata table (metadata.csv or "
            ".xlsx inside, or --metadata): every row's file checked and its text taken out, "
            "then every document written or none.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder of files, or a ZIP of them")
        parser.add_argument("--metadata", help="the metadata table (CSV or XLSX), if it is "
                                               "not metadata.csv inside")
        parser.add_argument("--network", type=int, required=True,
                            help="the network (id) whose library the documents join")
        parser.add_argument("--user", help="username recorded as having imported them")

    def handle(self, *args, path, metadata=None, network, user=None, **options):
        source = Path(path)
        target = Network.objects.filter(pk=network).first()
        if target is None:
            raise CommandError(f"There is no network {network}.")
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"There is no user {user}.")
        if metadata and not Path(metadata).is_file():
            raise CommandError(f"There is no file {metadata}.")
        token = secrets.token_hex(16)
        folder = importing.upload_dir(token)
        folder.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            # the folder packed as the page's upload would be: one ZIP, the same checks
            name = "folder.zip"
            with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in sorted(p for p in source.rglob("*") if p.is_file()):
                    archive.write(file, file.relative_to(source).as_posix())
        elif source.is_file():
            name = "upload.zip"
            shutil.copyfile(source, folder / name)
        else:
            importing.upload_discard(token)
            raise CommandError(f"There is no folder or file {path}.")
        upload = {"dir": token, "zip": name}
        if metadata:
            upload["metadata"] = "metadata" + Path(metadata).suffix.lower()
            shutil.copyfile(metadata, folder / upload["metadata"])
        batch = importing.batch_create(network=target, kind="zip", source=source.name,
                                       upload=upload, by=by)

        def show(done: int, total: int) -> None:
            self.stdout.write(f"\r{done}/{total} files", ending="")
            self.stdout.flush()

        batch = importing.batch_run(batch.pk, progress=show)
        self.stdout.write("")
        report = batch.report
        if batch.state != ImportBatch.State.DONE:
            for error in report.get("errors", [])[:50]:
                where = f"line {error['row']}: " if error.get("row") else ""
                file = f"{error['file']}: " if error.get("file") else ""
                self.stderr.write(f"{where}{file}{error['message']}")
            sys.stderr.flush()
            raise CommandError(f"Nothing imported ({report.get('error_count', 0)} errors).")
        self.stdout.write(f"Imported {report['created']} documents, {report['articles']} "
                          f"articles.")
        for warning in report.get("warnings", []):
            self.stdout.write(f"  {warning.get('file', '')}: {warning['message']}")
        if report.get("unlisted_files"):
            self.stdout.write("Files not in the table (not imported): "
                              + ", ".join(report["unlisted_files"]))
