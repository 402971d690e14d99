from django.core.management.base import BaseCommand

from civicdesk.core.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and uploaded files into the data folder now."

    def handle(self, *args, **options):
        backup = backup_create()
        self.stdout.write(str(backup.folder))
