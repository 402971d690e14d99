"""Check the catalog's links and keep what the checks found (civicdesk.resources.checker
does the HTTP).

Each active resource's address and every address written in its description are
checked; each check is kept in the resource's history. A link is reported broken only
after two checks in a row failed (a site down for an hour is not broken); a permanent
redirect proposes the new address for the head to accept.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LinkCheck, Resource
from .urls_rules import urls_in_text

STRIKES = 2


def check(resource_ids=None, **options) -> dict[str, int]:
    """Check the resources (all active ones by default); returns counts by outcome."""
    from . import checker  # asyncio sockets: loaded by the worker that checks, only

    resources = Resource.objects.filter(is_archived=False)
    if resource_ids is not None:
        resources = resources.filter(pk__in=list(resource_ids))
    resources = list(resources)
    urls_of = {r.pk: [r.url, *[u for u in urls_in_text(r.description) if u != r.url]]
               for r in resources}
    every = sorted({u for urls in urls_of.values() for u in urls})
    options.setdefault("allow_private", settings.LINKCHECK_ALLOW_PRIVATE)
    options.setdefault("allowed_networks", settings.LINKCHECK_ALLOWED_NETWORKS)
    options.setdefault("concurrency", settings.LINKCHECK_CONCURRENCY)
    results = checker.check_urls_sync(every, **options)
    tally: dict[str, int] = {}
    for resource in resources:
        record(resource, [results[u] for u in urls_of[resource.pk] if u in results])
        outcome = results[resource.url].outcome if resource.url in results else "?"
        tally[str(outcome)] = tally.get(str(outcome), 0) + 1
    return tally


@transaction.atomic
def record(resource: Resource, results: list) -> None:
    """Keep the checks of one resource (its own address first) and update its status."""
    now = timezone.now()
    LinkCheck.objects.bulk_create([LinkCheck(
        resource=resource, url=r.url[:500], checked_at=now, outcome=str(r.outcome),
        http_status=r.http_status, final_url=(r.final_url or "")[:500],
        new_url=(r.new_url or "")[:500], elapsed_ms=r.elapsed_ms, detail=(r.detail or "")[:300],
    ) for r in results])
    if not results:
        return
    own = results[0]
    description_broken = any(r.outcome.is_broken for r in results[1:])
    resource.last_checked_at = now
    resource.last_outcome = str(own.outcome)
    resource.last_elapsed_ms = own.elapsed_ms
    if own.outcome.is_broken or description_broken:
        resource.failures_in_row += 1
        resource.link_status = (Resource.LinkStatus.BROKEN if resource.failures_in_row >= STRIKES
                                else Resource.LinkStatus.FAILING)
    else:
        resource.failures_in_row = 0
        if own.new_url:
            resource.link_status = Resource.LinkStatus.REDIRECTED
            resource.proposed_url = own.new_url[:500]
        else:
            resource.link_status = Resource.LinkStatus.OK
            resource.proposed_url = ""
    resource.save(update_fields=["last_checked_at", "last_outcome", "last_elapsed_ms",
                                 "failures_in_row", "link_status", "proposed_url"])
