"""`manage.py load_demo_volume`: a realistic network at volume (civicdesk.journal.volume)."""

from django.core.management.base import BaseCommand, CommandError

from civicdesk.org.demo import DEMO_PASSWORD

from ...volume import VolumeAlreadyLoaded, volume_load


class Command(BaseCommand):
    help = ("Create a demo network at volume: a central library and branches, staff, "
            "patrons and journal entries over several years (default 20 libraries, "
            "200,000 patrons, 1,000,000 entries, 3 years). Refuses to run twice unless --force.")

    def add_arguments(self, parser):
        parser.add_argument("--libraries", type=int, default=20)
        parser.add_argument("--patrons", type=int, default=200_000)
        parser.add_argument("--entries", type=int, default=1_000_000)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--password", default=DEMO_PASSWORD,
                            help="password for every staff account of the network")
        parser.add_argument("--force", action="store_true",
                            help="add another volume network even if one is loaded")

    def handle(self, *args, libraries, patrons, entries, years, seed, password, force,
               **options):
        verbose = options["verbosity"] > 0
        try:
            result = volume_load(
                libraries=libraries, patrons=patrons, entries=entries, years=years, seed=seed,
                password=password, force=force,
                progress=self.stdout.write if verbose else None)
        except (VolumeAlreadyLoaded, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if verbose:
            self.stdout.write(f"Network: {result.network.name}; entries from {result.start} "
                              f"to {result.end}; {result.seconds:.1f} s")
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.counts.items()))
            self.stdout.write(f"Accounts (password: {password}): "
                              + ", ".join(result.usernames.values()))
