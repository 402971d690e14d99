"""Count what the benchmark wrote, to check it against the responses the clients got."""

import json

from django.core.management.base import BaseCommand

from civicdesk.org.models import Closure

from ...models import BenchRow


class Command(BaseCommand):
    help = "Print the number of closures and baseline rows as JSON."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps({"closures": Closure.objects.count(),
                                      "bench_rows": BenchRow.objects.count()}))
