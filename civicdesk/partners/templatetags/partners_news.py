"""{% latest_news networks 3 as items %}: the newest published news items for the portal's home page
(the portal does not import the partners app; its template asks for them)."""

from django import template

from civicdesk.partners import selectors

register = template.Library()


@register.simple_tag
def latest_news(networks, limit=3):
    return list(selectors.latest_news(networks, limit))
