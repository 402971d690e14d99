from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from civicdesk.patrons.personal_data import patron_anonymise, patrons_inactive_since


class Command(BaseCommand):
    help = ("Anonymise patrons with no activity for N years (PATRON_RETENTION_YEARS, "
            "default 3). Shows what it would do unless --apply is given.")

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=settings.PATRON_RETENTION_YEARS)
        parser.add_argument("--apply", action="store_true", help="really anonymise")

    def handle(self, *args, years, apply, **options):
        today = timezone.localdate()
        try:
            cutoff = today.replace(year=today.year - years)
        except ValueError:  # 29 February
            cutoff = today.replace(year=today.year - years, day=28)
        patrons = patrons_inactive_since(cutoff)
        for patron in patrons:
            if apply:
                patron_anonymise(patron)
        verb = "anonymised" if apply else "would be anonymised (dry run; add --apply)"
        self.stdout.write(f"{len(patrons)} patrons inactive since {cutoff:%d.%m.%Y} {verb}")
