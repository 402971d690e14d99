from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from civicdesk.core.backup import Backup, backup_restore, backups_list


class Command(BaseCommand):
    help = (
        "Restore the database and uploaded files from a backup "
        "(the newest one unless a folder is given). Stop civicdesk first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", help="backup folder; default: the newest")
        parser.add_argument("--list", action="store_true", help="list backups and exit")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, folder=None, list=False, yes=False, **options):
        backups = backups_list()
        if list:
            for b in backups:
                self.stdout.write(str(b.folder))
            return
        if folder:
            backup = Backup(Path(folder))
            if not backup.folder.is_dir():
                raise CommandError(f"No backup folder {folder}")
        elif backups:
            backup = backups[0]
        else:
            raise CommandError("No backups found.")
        if not yes:
            answer = input(f"Replace all current data with {backup.folder}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "т", "так"}:
                raise CommandError("Cancelled.")
        backup_restore(backup)
        self.stdout.write(f"Restored {backup.folder}")
