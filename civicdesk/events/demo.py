"""Demo rooms and upcoming public events for the demo network (see core.demo_data)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from civicdesk.org.models import Library

from .models import Event, Room

DEMO_EVENTS = [
    # (days from today, start hour, minutes, kind, title, description, capacity, branch?)
    (3, 11, 90, Event.Kind.TRAINING, "Дія: послуги онлайн крок за кроком",
     "Покажемо, як увійти в Дію, отримати довідку та замовити послугу онлайн. "
     "Візьміть смартфон.", 12, False),
    (6, 14, 120, Event.Kind.ROUND_TABLE, "Електронні петиції: як подати і зібрати підписи",
     "Круглий стіл з представниками міської ради.", 20, False),
    (10, 10, 60, Event.Kind.LECTURE, "Кібербезпека для старшого віку",
     "Як розпізнати шахраїв у телефоні та інтернеті.", 15, True),
    (14, 15, 60, Event.Kind.WEBINAR, "Пенсійний фонд онлайн",
     "Вебінар: особистий кабінет на порталі ПФУ.", None, False),
]


def demo_events_load(network) -> None:
    if Event.objects.filter(network=network).exists():
        return
    central = Library.objects.get(network=network, kind=Library.Kind.CENTRAL)
    branch = (Library.objects.filter(network=network, kind=Library.Kind.BRANCH,
                                     has_center=True).order_by("pk").first() or central)
    hall, _ = Room.objects.get_or_create(library=central, name="Читальна зала",
                                         defaults={"capacity": 30})
    lab, _ = Room.objects.get_or_create(library=central, name="Комп'ютерний клас",
                                        defaults={"capacity": 12})
    branch_room, _ = Room.objects.get_or_create(library=branch, name="Абонемент",
                                                defaults={"capacity": 15})
    today = timezone.localdate()
    for days, hour, minutes, kind, title, description, capacity, at_branch in DEMO_EVENTS:
        start = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
        library = branch if at_branch else central
        if kind == Event.Kind.WEBINAR:
            room, url = None, "https://meet.example.ua/pfu-webinar"
        else:
            room, url = (branch_room if at_branch else
                         lab if kind == Event.Kind.TRAINING else hall), ""
        Event.objects.create(network=network, library=library, kind=kind, title=title,
                             description=description, starts_at=start,
                             ends_at=start + timedelta(minutes=minutes), room=room,
                             online_url=url, capacity=capacity, setup_minutes=15,
                             teardown_minutes=10)
