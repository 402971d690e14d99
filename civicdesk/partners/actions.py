"""Writes on partners, agreements, interactions, campaigns, publications and news.
Each checks the rules, saves; auditlog records the change. A broken rule raises a
ValidationError naming the field, which the page shows next to it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.events.models import Campaign, Event
from civicdesk.org.models import Network

from .models import Agreement, Interaction, News, Partner, Publication

PARTNER_FIELDS = ("name", "kind", "contact_person", "phone", "email", "website", "address",
                  "notes", "is_active")
AGREEMENT_FIELDS = ("kind", "title", "signed_on", "valid_until", "file", "notes")
INTERACTION_FIELDS = ("happened_on", "kind", "summary", "event")
CAMPAIGN_FIELDS = ("title", "description", "starts_on", "ends_on")
PUBLICATION_FIELDS = ("published_on", "outlet", "outlet_name", "kind", "title", "url",
                      "campaign")
NEWS_FIELDS = ("title", "body", "published_at", "is_published", "event")


def name_key(text: str) -> str:
    """Names compared as people read them: case and repeated spaces do not matter."""
    return " ".join((text or "").split()).casefold()


def _set(obj, fields, allowed):
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(name)
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


def _same_network(obj, network_id: int, field: str) -> None:
    if obj is not None and obj.network_id != network_id:
        raise ValidationError({field: _("Choose one of this network's own.")})


# --- partners ----------------------------------------------------------------------------

def _partner_taken(partner: Partner) -> ValidationError:
    return ValidationError({"name": _("A partner called «%(name)s» is already listed.")
                            % {"name": partner.name}})


def _check_partner(partner: Partner) -> None:
    partner.name = " ".join(partner.name.split())
    key = name_key(partner.name)
    for other in (Partner.objects.filter(network_id=partner.network_id)
                  .exclude(pk=partner.pk).only("pk", "name")):
        if name_key(other.name) == key:
            raise _partner_taken(other)
    partner.full_clean(exclude=["network", "events"], validate_constraints=False)


def _save_partner(partner: Partner) -> Partner:
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError:
        raise _partner_taken(partner) from None
    return partner


def partner_create(*, network: Network, **fields) -> Partner:
    partner = Partner(network=network)
    _set(partner, fields, PARTNER_FIELDS)
    _check_partner(partner)
    return _save_partner(partner)


def partner_update(*, partner: Partner, **fields) -> Partner:
    _set(partner, fields, PARTNER_FIELDS)
    _check_partner(partner)
    return _save_partner(partner)


def partner_link_event(*, partner: Partner, event: Event) -> None:
    _same_network(event, partner.network_id, "event")
    partner.events.add(event)


def partner_unlink_event(*, partner: Partner, event: Event) -> None:
    partner.events.remove(event)


# --- agreements --------------------------------------------------------------------------

def _check_agreement(agreement: Agreement) -> None:
    if (agreement.valid_until and agreement.signed_on
            and agreement.valid_until < agreement.signed_on):
        raise ValidationError({"valid_until": _(
            "An agreement cannot end before it is signed (%(day)s).")
            % {"day": agreement.signed_on.strftime("%d.%m.%Y")}})
    agreement.full_clean(exclude=["partner", "file"])


def agreement_create(*, partner: Partner, **fields) -> Agreement:
    agreement = Agreement(partner=partner)
    _set(agreement, fields, AGREEMENT_FIELDS)
    _check_agreement(agreement)
    agreement.save()
    return agreement


def agreement_update(*, agreement: Agreement, **fields) -> Agreement:
    if fields.get("file") is None:
        fields.pop("file", None)  # no new file: keep the one stored
    _set(agreement, fields, AGREEMENT_FIELDS)
    _check_agreement(agreement)
    agreement.save()
    return agreement


# --- interactions ------------------------------------------------------------------------

def interaction_create(*, partner: Partner, by=None, **fields) -> Interaction:
    interaction = Interaction(partner=partner, recorded_by=by)
    _set(interaction, fields, INTERACTION_FIELDS)
    if interaction.happened_on and interaction.happened_on > timezone.localdate():
        raise ValidationError({"happened_on": _(
            "This date is in the future: record an interaction once it has happened.")})
    _same_network(interaction.event, partner.network_id, "event")
    interaction.full_clean(exclude=["partner", "event", "recorded_by"])
    interaction.save()
    return interaction


# --- campaigns ---------------------------------------------------------------------------

def _check_campaign(campaign: Campaign) -> None:
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        raise ValidationError({"ends_on": _(
            "A campaign cannot end before it starts (%(day)s).")
            % {"day": campaign.starts_on.strftime("%d.%m.%Y")}})
    campaign.full_clean(exclude=["network"])


def campaign_create(*, network: Network, **fields) -> Campaign:
    campaign = Campaign(network=network)
    _set(campaign, fields, CAMPAIGN_FIELDS)
    _check_campaign(campaign)
    campaign.save()
    return campaign


def campaign_update(*, campaign: Campaign, **fields) -> Campaign:
    _set(campaign, fields, CAMPAIGN_FIELDS)
    _check_campaign(campaign)
    campaign.save()
    return campaign


# --- publications ------------------------------------------------------------------------

def _check_publication(publication: Publication, events) -> None:
    if publication.outlet is None and not publication.outlet_name:
        raise ValidationError({"outlet": _(
            "Choose a media partner or type the outlet's name.")})
    if publication.outlet is not None:
        publication.outlet_name = ""
    _same_network(publication.outlet, publication.network_id, "outlet")
    _same_network(publication.campaign, publication.network_id, "campaign")
    for event in events or ():
        _same_network(event, publication.network_id, "events")
    publication.full_clean(exclude=["network", "outlet", "campaign"])


def _save_publication(publication: Publication, events) -> Publication:
    with transaction.atomic():
        publication.save()
        if events is not None:
            publication.events.set(events)
    return publication


def publication_create(*, network: Network, events=(), **fields) -> Publication:
    publication = Publication(network=network)
    _set(publication, fields, PUBLICATION_FIELDS)
    _check_publication(publication, events)
    return _save_publication(publication, events)


def publication_update(*, publication: Publication, events=None, **fields) -> Publication:
    _set(publication, fields, PUBLICATION_FIELDS)
    _check_publication(publication, events)
    return _save_publication(publication, events)


# --- news --------------------------------------------------------------------------------

def _check_news(news: News) -> None:
    _same_network(news.event, news.network_id, "event")
    news.full_clean(exclude=["network", "event", "created_by"])


def news_create(*, network: Network, by=None, **fields) -> News:
    news = News(network=network, created_by=by)
    _set(news, fields, NEWS_FIELDS)
    if news.published_at is None:
        news.published_at = timezone.now()
    _check_news(news)
    news.save()
    return news


def news_update(*, news: News, **fields) -> News:
    _set(news, fields, NEWS_FIELDS)
    if news.published_at is None:
        news.published_at = timezone.now()
    _check_news(news)
    news.save()
    return news


def news_publish(*, news: News, published: bool = True) -> News:
    """Show the item on the portal (dated now if it was never shown), or take it off."""
    if published and not news.is_published and news.published_at > timezone.now():
        news.published_at = timezone.now()
    news.is_published = published
    news.save(update_fields=["is_published", "published_at"])
    return news

