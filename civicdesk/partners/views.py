"""Staff pages: partners with their agreements, interactions and joint events; information
campaigns; publications about the center; the portal's news. Another network's rows
answer 404; a role that may not change them, 403."""

import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.events.models import Campaign, Event
from civicdesk.org.decorators import staff_required
from civicdesk.org.permissions import network_or_404 as _network_for
from civicdesk.org.permissions import networks_visible_to

from . import actions, selectors
from .forms import (
    AgreementForm,
    CampaignForm,
    InteractionForm,
    LinkEventForm,
    NewsForm,
    PartnerForm,
    PublicationForm,
)
from .models import Agreement, News, Partner, Publication
from .permissions import can_manage_partners, can_record


def _in_reach(user, model, pk, **related):
    """A row of a network the user sees, else 404."""
    obj = get_object_or_404(model.objects.select_related("network", *related), pk=pk)
    _network_for(user, obj.network_id)
    return obj


def _partner_for(user, pk) -> Partner:
    return _in_reach(user, Partner, pk)


def _first_network(request, name):
    networks = list(networks_visible_to(request.user))
    if not networks:
        raise Http404
    return redirect(name, network_pk=networks[0].pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _form_page(request, form, save, *, template, context, done, message=None):
    """Validate, call the action, show its errors next to the fields; or go on."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(dict(form.cleaned_data))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, message or _("Saved."))
            return redirect(*done(obj))
    return render(request, template, {"form": form, **context})


# --- partners ----------------------------------------------------------------------------

@staff_required
def partner_list(request, network_pk=None):
    if network_pk is None:
        return _first_network(request, "partners:list")
    network = _network_for(request.user, network_pk)
    kind = request.GET.get("kind", "")
    if kind not in Partner.Kind.values:
        kind = ""
    active = request.GET.get("active", "1")
    if active not in ("1", "0", "all"):
        active = "1"
    return render(request, "partners/list.html", {
        "network": network, "networks": networks_visible_to(request.user),
        "partners": selectors.partners(network, kind=kind, active=active),
        "kinds": Partner.Kind.choices, "filters": {"kind": kind, "active": active},
        "can_manage": can_manage_partners(request.user, network),
    })


@staff_required
def partner_create(request, network_pk):
    network = _network_for(request.user, network_pk)
    _require(can_manage_partners(request.user, network))
    form = PartnerForm(request.POST or None)
    return _form_page(
        request, form, lambda d: actions.partner_create(network=network, **d),
        template="partners/form.html", message=_("Added to the partners."),
        context={"network": network, "title": _("New partner"),
                 "back": ("partners:list", network.pk)},
        done=lambda p: ("partners:detail", p.pk))


@staff_required
def partner_edit(request, pk):
    partner = _partner_for(request.user, pk)
    _require(can_manage_partners(request.user, partner.network))
    form = PartnerForm(request.POST or None, instance=partner)
    response = _form_page(
        request, form, lambda d: actions.partner_update(partner=partner, **d),
        template="partners/form.html",
        context={"network": partner.network, "title": _("Edit the partner"),
                 "back": ("partners:detail", partner.pk)},
        done=lambda p: ("partners:detail", p.pk))
    return response


@staff_required
def partner_detail(request, pk):
    partner = _partner_for(request.user, pk)
    network = partner.network
    may_record = can_record(request.user, network)
    return render(request, "partners/detail.html", {
        "partner": partner, "network": network,
        "agreements": partner.agreements.all(),
        "interactions": partner.interactions.select_related("event", "recorded_by"),
        "events": partner.events.order_by("-starts_at"),
        "publications": partner.publications.order_by("-published_on")[:20],
        "today": timezone.localdate(),
        "can_manage": can_manage_partners(request.user, network),
        "can_record": may_record,
        "link_form": LinkEventForm(partner=partner) if may_record else None,
    })


@staff_required
@require_POST
def partner_link_event(request, pk):
    partner = _partner_for(request.user, pk)
    _require(can_record(request.user, partner.network))
    form = LinkEventForm(request.POST, partner=partner)
    if form.is_valid():
        actions.partner_link_event(partner=partner, event=form.cleaned_data["event"])
        messages.success(request, _("The event is linked to the partner."))
    else:
        messages.error(request, _("Choose an event of this network."))
    return redirect("partners:detail", pk=partner.pk)


@staff_required
@require_POST
def partner_unlink_event(request, pk, event_pk):
    partner = _partner_for(request.user, pk)
    _require(can_record(request.user, partner.network))
    event = get_object_or_404(Event, pk=event_pk, network=partner.network)
    actions.partner_unlink_event(partner=partner, event=event)
    messages.success(request, _("The event is no longer linked to the partner."))
    return redirect("partners:detail", pk=partner.pk)


# --- agreements --------------------------------------------------------------------------

def _agreement_for(user, pk) -> Agreement:
    agreement = get_object_or_404(Agreement.objects.select_related("partner__network"), pk=pk)
    _network_for(user, agreement.partner.network_id)
    return agreement


@staff_required
def agreement_create(request, pk):
    partner = _partner_for(request.user, pk)
    _require(can_manage_partners(request.user, partner.network))
    form = AgreementForm(request.POST or None, request.FILES or None)
    return _form_page(
        request, form, lambda d: actions.agreement_create(partner=partner, **d),
        template="partners/form.html", message=_("The agreement is added."),
        context={"network": partner.network, "partner": partner, "multipart": True,
                 "title": _("New agreement with «%(name)s»") % {"name": partner.name},
                 "back": ("partners:detail", partner.pk)},
        done=lambda a: ("partners:detail", partner.pk))


@staff_required
def agreement_edit(request, pk):
    agreement = _agreement_for(request.user, pk)
    partner = agreement.partner
    _require(can_manage_partners(request.user, partner.network))
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    return _form_page(
        request, form, lambda d: actions.agreement_update(agreement=agreement, **d),
        template="partners/form.html",
        context={"network": partner.network, "partner": partner, "multipart": True,
                 "title": _("Edit the agreement"),
                 "back": ("partners:detail", partner.pk)},
        done=lambda a: ("partners:detail", partner.pk))


@staff_required
def agreement_file(request, pk):
    agreement = _agreement_for(request.user, pk)
    if not agreement.file:
        raise Http404
    try:
        handle = agreement.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True,
                        filename=os.path.basename(agreement.file.name))


# --- interactions ------------------------------------------------------------------------

@staff_required
def interaction_create(request, pk):
    partner = _partner_for(request.user, pk)
    _require(can_record(request.user, partner.network))
    initial = {"happened_on": timezone.localdate()}
    form = InteractionForm(request.POST or None, network=partner.network, initial=initial)
    return _form_page(
        request, form,
        lambda d: actions.interaction_create(partner=partner, by=request.user, **d),
        template="partners/form.html", message=_("The interaction is recorded."),
        context={"network": partner.network, "partner": partner,
                 "title": _("Interaction with «%(name)s»") % {"name": partner.name},
                 "back": ("partners:detail", partner.pk)},
        done=lambda i: ("partners:detail", partner.pk))


# --- campaigns ---------------------------------------------------------------------------

@staff_required
def campaign_list(request, network_pk):
    network = _network_for(request.user, network_pk)
    return render(request, "partners/campaigns.html", {
        "network": network, "campaigns": selectors.campaigns(network),
        "today": timezone.localdate(),
        "can_manage": can_manage_partners(request.user, network),
    })


@staff_required
def campaign_create(request, network_pk):
    network = _network_for(request.user, network_pk)
    _require(can_manage_partners(request.user, network))
    form = CampaignForm(request.POST or None)
    return _form_page(
        request, form, lambda d: actions.campaign_create(network=network, **d),
        template="partners/form.html", message=_("The campaign is added."),
        context={"network": network, "title": _("New information campaign"),
                 "back": ("partners:campaigns", network.pk)},
        done=lambda c: ("partners:campaign", c.pk))


@staff_required
def campaign_edit(request, pk):
    campaign = _in_reach(request.user, Campaign, pk)
    _require(can_manage_partners(request.user, campaign.network))
    form = CampaignForm(request.POST or None, instance=campaign)
    return _form_page(
        request, form, lambda d: actions.campaign_update(campaign=campaign, **d),
        template="partners/form.html",
        context={"network": campaign.network, "title": _("Edit the campaign"),
                 "back": ("partners:campaign", campaign.pk)},
        done=lambda c: ("partners:campaign", c.pk))


@staff_required
def campaign_detail(request, pk):
    campaign = _in_reach(request.user, Campaign, pk)
    return render(request, "partners/campaign.html", {
        "campaign": campaign, "network": campaign.network,
        "events": campaign.events.filter(is_template=False).select_related("library")
                                 .order_by("starts_at"),
        "publications": campaign.publications.select_related("outlet")
                                             .order_by("-published_on"),
        "can_manage": can_manage_partners(request.user, campaign.network),
        "can_record": can_record(request.user, campaign.network),
    })


# --- publications ------------------------------------------------------------------------

@staff_required
def publication_list(request, network_pk):
    network = _network_for(request.user, network_pk)
    years = selectors.publication_years(network)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else (
        years[0] if years else None)
    return render(request, "partners/publications.html", {
        "network": network, "years": years, "year": year,
        "publications": selectors.publications(network, year) if year else [],
        "can_record": can_record(request.user, network),
    })


def _publication_save(network, publication=None):
    def save(d):
        events = d.pop("events")
        if publication is None:
            return actions.publication_create(network=network, events=events, **d)
        return actions.publication_update(publication=publication, events=events, **d)
    return save


@staff_required
def publication_create(request, network_pk):
    network = _network_for(request.user, network_pk)
    _require(can_record(request.user, network))
    initial = {"published_on": timezone.localdate()}
    campaign_pk = request.GET.get("campaign", "")
    if campaign_pk.isdigit():
        initial["campaign"] = Campaign.objects.filter(network=network, pk=campaign_pk).first()
    form = PublicationForm(request.POST or None, network=network, initial=initial)
    return _form_page(
        request, form, _publication_save(network),
        template="partners/form.html", message=_("The publication is added."),
        context={"network": network, "title": _("New publication"),
                 "back": ("partners:publications", network.pk)},
        done=lambda p: ("partners:publications", network.pk))


@staff_required
def publication_edit(request, pk):
    publication = _in_reach(request.user, Publication, pk)
    network = publication.network
    _require(can_record(request.user, network))
    form = PublicationForm(request.POST or None, instance=publication, network=network)
    return _form_page(
        request, form, _publication_save(network, publication),
        template="partners/form.html",
        context={"network": network, "title": _("Edit the publication"),
                 "back": ("partners:publications", network.pk)},
        done=lambda p: ("partners:publications", network.pk))


# --- news --------------------------------------------------------------------------------

@staff_required
def news_list(request, network_pk):
    network = _network_for(request.user, network_pk)
    return render(request, "partners/news_list.html", {
        "network": network, "now": timezone.now(),
        "items": News.objects.filter(network=network).order_by("-published_at", "-pk")[:300],
        "can_manage": can_manage_partners(request.user, network),
    })


@staff_required
def news_create(request, network_pk):
    network = _network_for(request.user, network_pk)
    _require(can_manage_partners(request.user, network))
    form = NewsForm(request.POST or None, network=network,
                    initial={"published_at": timezone.localtime().replace(second=0,
                                                                          microsecond=0),
                             "is_published": False})
    return _form_page(
        request, form, lambda d: actions.news_create(network=network, by=request.user, **d),
        template="partners/form.html", message=_("The news item is saved."),
        context={"network": network, "title": _("New news item"),
                 "back": ("partners:news", network.pk)},
        done=lambda n: ("partners:news", network.pk))


@staff_required
def news_edit(request, pk):
    news = _in_reach(request.user, News, pk)
    network = news.network
    _require(can_manage_partners(request.user, network))
    form = NewsForm(request.POST or None, instance=news, network=network)
    return _form_page(
        request, form, lambda d: actions.news_update(news=news, **d),
        template="partners/form.html",
        context={"network": network, "title": _("Edit the news item"),
                 "back": ("partners:news", network.pk)},
        done=lambda n: ("partners:news", network.pk))


@staff_required
@require_POST
def news_publish(request, pk):
    news = _in_reach(request.user, News, pk)
    _require(can_manage_partners(request.user, news.network))
    published = request.POST.get("published") == "1"
    actions.news_publish(news=news, published=published)
    messages.success(request, _("Published on the portal.") if published
                     else _("Taken off the portal."))
    return redirect("partners:news", network_pk=news.network_id)
