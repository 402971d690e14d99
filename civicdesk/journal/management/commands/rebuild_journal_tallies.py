"""Recompute the journal's running counts from the entries.

The counts are kept with every write, so this is for repairs: after restoring a
partial backup, or if a count was ever found to differ from the journal. The
statistics then count each entry's settlement and social categories as recorded
on the entry when the service was given.
"""

from django.core.management.base import BaseCommand

from civicdesk.journal import tallies


class Command(BaseCommand):
    help = "Recompute the journal's running counts (statistics) from the journal entries."

    def handle(self, *args, **options):
        def progress(done: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"{done} entries")

        counted = tallies.rebuild(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Counted {counted} entries."))
