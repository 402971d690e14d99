from datetime import timedelta

from django.utils import timezone

from civicdesk.events.models import Event, Room


def make_event(library, *, days=3, hours=2, **fields) -> Event:
    start = (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)
    values = {"kind": Event.Kind.SEMINAR, "title": "Дія для початківців",
              "starts_at": start, "ends_at": start + timedelta(hours=hours)}
    values.update(fields)
    return Event.objects.create(network=library.network, library=library, **values)


def make_room(library, name="Читальна зала", capacity=20) -> Room:
    return Room.objects.create(library=library, name=name, capacity=capacity)
