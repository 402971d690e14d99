from django.core.management.base import BaseCommand

from civicdesk.org.demo import DEMO_PASSWORD, STAFF, demo_network_load


class Command(BaseCommand):
    help = "Load a demo library network (central library, 8 branches, staff of every role)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEMO_PASSWORD,
                            help="password for every demo account")

    def handle(self, *args, password, **options):
        network = demo_network_load(admin_password=password)
        self.stdout.write(f"Demo network: {network.name}")
        self.stdout.write("Accounts (password: {}): {}".format(
            password, ", ".join(f"{u} ({r.label})" for u, _l, _f, r, _i in STAFF)))
