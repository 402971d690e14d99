"""Writes on the resource catalog. Each validates, saves; auditlog records the change."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from civicdesk.core.text import index_terms, normalise
from civicdesk.org.models import Network

from .models import EntryResource, Resource, ResourceUse, Suggestion
from .urls_rules import clean_url, url_key

FIELDS = ("title", "url", "description", "level", "owner", "keywords", "curator",
          "is_featured", "new_until")


def duplicate_error(resource: Resource) -> ValidationError:
    from django.urls import reverse

    return ValidationError({"url": format_html(
        _("This address is already in the catalog: <a href=\"{}\">{}</a>."),
        reverse("resources:detail", args=[resource.pk]), resource.title)})


def _prepare(resource: Resource) -> None:
    try:
        resource.url = clean_url(resource.url)
    except ValidationError as exc:
        raise ValidationError({"url": exc.messages}) from None
    resource.url_key = url_key(resource.url)
    resource.title = resource.title.strip()
    resource.search_terms = index_terms(resource.title, resource.description,
                                        resource.keywords, resource.owner)
    same = (Resource.objects.filter(network_id=resource.network_id, url_key=resource.url_key)
            .exclude(pk=resource.pk).first())
    if same is not None:
        raise duplicate_error(same)
    resource.full_clean(exclude=["network", "curator", "reviewed_by"],
                        validate_constraints=False)


def _save(resource: Resource, categories, audiences) -> Resource:
    try:
        with transaction.atomic():
            resource.save()
            if categories is not None:
                resource.categories.set(categories)
            if audiences is not None:
                resource.audiences.set(audiences)
    except IntegrityError:
        same = Resource.objects.filter(network_id=resource.network_id,
                                       url_key=resource.url_key).first()
        if same is None:
            raise
        raise duplicate_error(same) from None
    return resource


def resource_create(*, network: Network, categories, audiences=(), by=None,
                    **fields) -> Resource:
    if not categories:
        raise ValidationError({"categories": _("Choose at least one category.")})
    resource = Resource(network=network, **{k: v for k, v in fields.items() if k in FIELDS})
    if resource.new_until is None:
        resource.new_until = timezone.localdate() + timedelta(days=30)
    resource.reviewed_at, resource.reviewed_by = timezone.now(), by
    _prepare(resource)
    return _save(resource, categories, audiences)


def resource_update(*, resource: Resource, categories=None, audiences=None, by=None,
                    **fields) -> Resource:
    if categories is not None and not categories:
        raise ValidationError({"categories": _("Choose at least one category.")})
    old_key = resource.url_key
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(name)
        setattr(resource, name, value.strip() if isinstance(value, str) else value)
    _prepare(resource)
    if resource.url_key != old_key:
        # a new address has not been checked yet
        resource.link_status = Resource.LinkStatus.UNCHECKED
        resource.failures_in_row = 0
        resource.proposed_url = ""
    resource.reviewed_at, resource.reviewed_by = timezone.now(), by
    return _save(resource, categories, audiences)


def resource_confirm(*, resource: Resource, by) -> Resource:
    """A person opened the resource and confirms it is current."""
    resource.reviewed_at, resource.reviewed_by = timezone.now(), by
    resource.save(update_fields=["reviewed_at", "reviewed_by"])
    return resource


def resource_archive(*, resource: Resource, archived: bool = True) -> Resource:
    resource.is_archived = archived
    resource.save(update_fields=["is_archived"])
    return resource


def accept_new_url(*, resource: Resource, by) -> Resource:
    """Take the address a permanent redirect pointed to."""
    if not resource.proposed_url:
        raise ValidationError(_("The checker has not proposed a new address."))
    return resource_update(resource=resource, url=resource.proposed_url, by=by)


def dismiss_report(*, resource: Resource, days: int) -> Resource:
    if not 1 <= days <= 365:
        raise ValidationError({"days": _("Between 1 and 365 days.")})
    resource.dismissed_until = timezone.localdate() + timedelta(days=days)
    resource.save(update_fields=["dismissed_until"])
    return resource


# --- use ---------------------------------------------------------------------------------

def _count_use(resource_ids, via: str, day: date | None = None) -> None:
    month = (day or timezone.localdate()).replace(day=1)
    q = connection.ops.quote_name
    table = ResourceUse._meta.db_table
    rows = [(pk, connection.ops.adapt_datefield_value(month), via, 1)
            for pk in sorted(set(resource_ids))]
    if not rows:
        return
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(table)} ({q('resource_id')}, {q('month')}, {q('via')}, {q('n')}) "
            f"VALUES {values} ON CONFLICT ({q('resource_id')}, {q('month')}, {q('via')}) "
            f"DO UPDATE SET {q('n')} = {q(table)}.{q('n')} + 1",
            [v for row in rows for v in row])


@transaction.atomic
def resource_opened(*, resource: Resource) -> None:
    """A citizen opened the resource from the portal: a count, nothing about who."""
    Resource.objects.filter(pk=resource.pk).update(clicks=F("clicks") + 1)
    _count_use([resource.pk], ResourceUse.Via.PORTAL)


@transaction.atomic
def entry_resources_set(*, entry, resources) -> None:
    """The resources used in a journal entry (counted as use at the desk)."""
    wanted = {r.pk for r in resources}
    have = set(EntryResource.objects.filter(entry=entry).values_list("resource_id", flat=True))
    EntryResource.objects.filter(entry=entry, resource_id__in=have - wanted).delete()
    EntryResource.objects.bulk_create(
        [EntryResource(entry=entry, resource_id=pk) for pk in sorted(wanted - have)])
    _count_use(wanted - have, ResourceUse.Via.DESK, timezone.localdate(entry.served_at))


# --- suggestions -------------------------------------------------------------------------

def search_missed(*, network: Network, query: str) -> None:
    """A portal search found nothing: remember the words (never who searched)."""
    text = " ".join(query.split())[:200]
    key = normalise(text)
    if len(key) < 3:
        return
    now = timezone.now()
    updated = Suggestion.objects.filter(network=network, text_key=key).update(
        times=F("times") + 1, last_at=now)
    if not updated:
        try:
            with transaction.atomic():
                Suggestion.objects.create(network=network, text=text, text_key=key,
                                          first_at=now, last_at=now)
        except IntegrityError:
            Suggestion.objects.filter(network=network, text_key=key).update(
                times=F("times") + 1, last_at=now)


def suggestion_close(*, suggestion: Suggestion, by, resource: Resource | None = None) -> None:
    suggestion.status = Suggestion.Status.DONE if resource else Suggestion.Status.DISMISSED
    suggestion.resource = resource
    suggestion.closed_by, suggestion.closed_at = by, timezone.now()
    suggestion.save(update_fields=["status", "resource", "closed_by", "closed_at"])


def need_met_by_resource(*, entry, resource: Resource, by) -> None:
    """An unmet need from the journal answered by a new resource (§2.2)."""
    from civicdesk.journal.actions import need_close
    from civicdesk.journal.models import JournalEntry

    need_close(entry=entry, by=by, status=JournalEntry.NeedStatus.RESOLVED,
               resolution=_("Resource added to the catalog: %(title)s") % {
                   "title": resource.title})
