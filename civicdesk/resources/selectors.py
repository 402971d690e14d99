"""Reads on the resource catalog."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from civicdesk.core.text import query_terms

from .models import Resource, ResourceUse


def _word_q(forms: frozenset[str]) -> Q:
    one = Q()
    for form in forms:
        one |= Q(search_terms__contains=f" {form} ")
    return one | Q(search_terms__contains=f" {min(forms, key=len)}")


def search_q(query: str, *, every_word: bool = True) -> Q | None:
    """Resources whose title, description, keywords or owner hold the words of the query
    in any of their forms ("пенсії" finds "пенсія"); a word the dictionary does not know
    also matches as the beginning of a word ("ПФ" finds "ПФУ"). With every_word=False,
    any word of three letters or more is enough."""
    terms = query_terms(query)
    if not every_word:
        terms = [forms for forms in terms if len(min(forms, key=len)) >= 3]
    if not terms:
        return None
    q = _word_q(terms[0])
    for forms in terms[1:]:
        q = q & _word_q(forms) if every_word else q | _word_q(forms)
    return q


def _matched(resource: Resource, terms) -> int:
    return sum(any(f" {f} " in resource.search_terms for f in forms) for forms in terms)


def catalog(network, *, query: str = "", category: str = "", level: str = "",
            include_archived: bool = False):
    """The network's resources, most used first (featured ones at the top). A search
    gives the resources with every word first; when none has them all, those with the
    most of them ("шукаю роботу" still finds the employment service)."""
    qs = Resource.objects.filter(network=network).prefetch_related("categories")
    if not include_archived:
        qs = qs.filter(is_archived=False)
    if category:
        qs = qs.filter(categories__code=category)
    if level:
        qs = qs.filter(level=level)
    ordered = ("-is_featured", "-clicks", "title")
    if not query:
        return qs.order_by(*ordered)
    q = search_q(query)
    if q is None:
        return qs.none()
    found = qs.filter(q).order_by(*ordered)
    if found.exists() or len(query_terms(query)) < 2:
        return found
    q_any = search_q(query, every_word=False)
    if q_any is None:
        return found
    terms = query_terms(query)
    some = list(qs.filter(q_any).order_by(*ordered)[:300])
    return sorted(some, key=lambda r: -_matched(r, terms))


def monthly_use(resource: Resource, months: int = 12) -> list[tuple]:
    """(month, opened from the portal, used at the desk) for the last months."""
    since = (timezone.localdate().replace(day=1) - timedelta(days=31 * (months - 1))).replace(
        day=1)
    rows: dict = {}
    for use in ResourceUse.objects.filter(resource=resource, month__gte=since):
        portal, desk = rows.get(use.month, (0, 0))
        if use.via == ResourceUse.Via.PORTAL:
            portal += use.n
        else:
            desk += use.n
        rows[use.month] = (portal, desk)
    return [(m, *rows[m]) for m in sorted(rows, reverse=True)]


def usage_counts(resources) -> dict[int, dict]:
    """For the link report: how many journal entries used each resource, and how many
    times it was opened from the portal."""
    ids = [r.pk for r in resources]
    entries = dict(Resource.objects.filter(pk__in=ids).annotate(n=Count("entries"))
                   .values_list("pk", "n"))
    portal = dict(ResourceUse.objects.filter(resource_id__in=ids, via=ResourceUse.Via.PORTAL)
                  .values("resource_id").annotate(n=Sum("n")).values_list("resource_id", "n"))
    return {pk: {"entries": entries.get(pk, 0), "portal": portal.get(pk, 0)} for pk in ids}


def link_report(network) -> dict[str, list[Resource]]:
    """What the head should look at: broken, moved, slow, and not confirmed by a person
    for the review period; dismissed ones stay out until their date."""
    today = timezone.localdate()
    live = (Resource.objects.filter(network=network, is_archived=False)
            .filter(Q(dismissed_until__isnull=True) | Q(dismissed_until__lt=today)))
    review_before = timezone.now() - timedelta(days=settings.RESOURCE_REVIEW_DAYS)
    return {
        "broken": list(live.filter(link_status=Resource.LinkStatus.BROKEN)),
        "redirected": list(live.filter(link_status=Resource.LinkStatus.REDIRECTED)),
        "slow": list(live.filter(last_elapsed_ms__gte=settings.LINKCHECK_SLOW_MS)
                     .exclude(link_status=Resource.LinkStatus.BROKEN)),
        "review": list(live.filter(Q(reviewed_at__isnull=True)
                                   | Q(reviewed_at__lt=review_before))),
    }
