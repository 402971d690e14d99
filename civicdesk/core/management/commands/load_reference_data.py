from django.core.management.base import BaseCommand

from civicdesk.core import reference_data


class Command(BaseCommand):
    help = "Load every app's reference data (idempotent: safe to run on every start)."

    def handle(self, *args, **options):
        for name, summary in reference_data.load_all():
            self.stdout.write(f"{name}: {summary}")
