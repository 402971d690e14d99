"""The portal's news as RSS 2.0 and Atom 1.0 (Django's syndication framework): published
items only, newest first, 20 of them. The text is the news item's plain text made into
HTML paragraphs with everything escaped, so a script typed into a news item arrives as
text, never as markup."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from civicdesk.org.models import Network

from . import selectors

FEED_ITEMS = 20


class NewsRSS(Feed):
    def get_object(self, request, network_pk):
        return get_object_or_404(Network, pk=network_pk)

    def title(self, network):
        return _("News: %(network)s") % {"network": network.name}

    def link(self, network):
        return reverse("news:list", args=[network.pk])

    def description(self, network):
        return _("News of the center for serving citizens with electronic information.")

    def items(self, network):
        return selectors.published_news(network)[:FEED_ITEMS]

    def item_title(self, item):
        # RSS readers take a title as HTML: escape it once more
        return escape(item.title)

    def item_description(self, item):
        return linebreaks_filter(item.body, autoescape=True)

    def item_link(self, item):
        return reverse("news:detail", args=[item.network_id, item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_guid(self, item):
        return self.item_link(item)


class NewsAtom(NewsRSS):
    feed_type = Atom1Feed

    def subtitle(self, network):
        return self.description(network)

    def item_title(self, item):
        # Atom titles are plain text (type="text"): the XML escaping is enough
        return item.title
