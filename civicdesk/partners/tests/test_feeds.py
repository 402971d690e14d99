"""The news feeds parsed back: RSS 2.0 and Atom 1.0, published items only, newest first,
at most 20, links to the item pages, script escaped."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from civicdesk.partners.models import News

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def items(network, foreign_network):
    now = timezone.now()
    made = [News.objects.create(network=network, title=f"Новина {i:02d}",
                                body=f"Абзац {i}.\n\nДругий абзац.",
                                published_at=now - timedelta(hours=30 - i))
            for i in range(25)]
    News.objects.create(network=network, title="Чернетка", body="т", is_published=False)
    News.objects.create(network=network, title="Завтрашня", body="т",
                        published_at=now + timedelta(days=1))
    News.objects.create(network=foreign_network, title="Чужа", body="т")
    return made


def test_rss(client, network, items):
    response = client.get(reverse("news:rss", args=[network.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert network.name in channel.findtext("title")
    assert channel.findtext("link").endswith(reverse("news:list", args=[network.pk]))
    entries = channel.findall("item")
    titles = [e.findtext("title") for e in entries]
    assert len(titles) == 20
    assert titles == [f"Новина {i:02d}" for i in range(24, 4, -1)]  # newest first
    assert not {"Чернетка", "Завтрашня", "Чужа"} & set(titles)
    newest = entries[0]
    assert newest.findtext("link").endswith(reverse("news:detail",
                                                    args=[network.pk, items[24].pk]))
    assert newest.findtext("description") == "<p>Абзац 24.</p>\n\n<p>Другий абзац.</p>"
    dates = [parsedate_to_datetime(e.findtext("pubDate")) for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert abs(dates[0] - items[24].published_at) < timedelta(seconds=1)


def test_atom(client, network, items):
    response = client.get(reverse("news:atom", args=[network.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"Новина {i:02d}" for i in range(24, 4, -1)]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("news:detail", args=[network.pk, items[24].pk]))
    summary = entries[0].find(f"{ATOM}summary")
    assert summary.get("type") == "html" and summary.text.startswith("<p>Абзац 24.</p>")
    # the page the link points to exists for everyone
    assert client.get(link).status_code == 200


def test_script_in_a_news_item_stays_text_in_both_feeds(client, network):
    News.objects.create(network=network, title="<script>alert(1)</script>",
                        body='<img src=x onerror="alert(2)">\n\nтекст')
    escaped_body = "<p>&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</p>\n\n<p>текст</p>"
    rss = client.get(reverse("news:rss", args=[network.pk])).content.decode()
    atom = client.get(reverse("news:atom", args=[network.pk])).content.decode()
    for raw in (rss, atom):
        assert "<script" not in raw and "<img" not in raw
    item = ET.fromstring(rss).find("channel/item")
    # RSS readers render title and description as HTML: both arrive escaped
    assert item.findtext("title") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert item.findtext("description") == escaped_body
    entry = ET.fromstring(atom).find(f"{ATOM}entry")
    # an Atom title is plain text (type="text"): readers show it as typed
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")
    assert entry.findtext(f"{ATOM}title") == "<script>alert(1)</script>"
    assert entry.findtext(f"{ATOM}summary") == escaped_body


def test_a_feed_of_no_network_is_404(client, network):
    assert client.get(reverse("news:rss", args=[network.pk + 999])).status_code == 404
    assert client.get(reverse("news:atom", args=[network.pk + 999])).status_code == 404
