"""The portal's home page lists the next public events (the portal app does not read the
events' tables itself)."""

from django import template

from civicdesk.events import selectors

register = template.Library()


@register.inclusion_tag("events/_upcoming.html")
def upcoming_events(networks, limit=5):
    return {"events": selectors.upcoming_public(limit), "networks": networks}
