"""The iCalendar feed of a network's public events (RFC 5545, the `icalendar` package):
planned and held events, cancelled ones with STATUS:CANCELLED so that calendars that
subscribed drop them. Times are in UTC; set-up and tear-down times are never published."""

from datetime import UTC

from django.utils import timezone

from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event


def uid(event: Event, host: str) -> str:
    return f"event-{event.pk}@{host or 'civicdesk'}"


def location(event: Event) -> str:
    library = event.library
    parts = [library.name]
    if event.room_id:
        parts.append(event.room.name)
    address = ", ".join(p for p in (library.address, library.settlement) if p)
    if address:
        parts.append(address)
    return ", ".join(parts)


def feed(network, events, *, url_for, host: str) -> bytes:
    """`url_for(event)` gives the event page's absolute address."""
    cal = Calendar()
    cal.add("prodid", "-//civicdesk//events//UK")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", network.name)
    cal.add("x-wr-timezone", "Europe/Kyiv")
    stamp = timezone.now().astimezone(UTC)
    for event in events:
        item = VEvent()
        item.add("uid", uid(event, host))
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts_at.astimezone(UTC))
        item.add("dtend", event.ends_at.astimezone(UTC))
        item.add("summary", event.title)
        description = event.description
        if event.online_url:
            description = f"{description}\n\n{event.online_url}".strip()
        if description:
            item.add("description", description)
        item.add("location", location(event))
        item.add("url", url_for(event))
        item.add("categories", [str(event.get_kind_display())])
        item.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED
                 else "CONFIRMED")
        cal.add_component(item)
    return cal.to_ical()
