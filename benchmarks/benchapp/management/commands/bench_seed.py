"""Create the benchmark's network, central library and a center head, through civicdesk's actions."""

import json
import secrets

from django.core.management.base import BaseCommand

from civicdesk.org import actions
from civicdesk.org.models import Library, Role


class Command(BaseCommand):
    help = "Set up a network and a center head for benchmarks/run.py; prints the library's pk as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--password", required=True)

    def handle(self, *args, username, password, **options):
        network = actions.network_setup(
            network_name="Bench network",
            central={"name": "Central library", "settlement": "Sarny",
                     "address": "Sarny, 1 Library St.", "has_center": True},
            branches=[actions.BranchInput(name="Branch 1", settlement="Orlivka", has_center=True)],
            admin_username="bench-admin",
            admin_password=secrets.token_urlsafe(18),
        )
        central = network.libraries.get(kind=Library.Kind.CENTRAL)
        user = actions.user_create(username=username, password=password,
                                   first_name="Bench", last_name="Head")
        actions.membership_grant(user=user, library=central, role=Role.CENTER_HEAD)
        self.stdout.write(json.dumps({"library": central.pk}))
