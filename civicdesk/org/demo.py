"""A demo library network for trying civicdesk out: a central district library,
eight village branches, staff of every role. Names and places are Ukrainian."""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from civicdesk.core import demo_data, reference_data

from . import actions
from .actions import Interval
from .models import Library, Network, Role

DEMO_NETWORK = "Сарненська централізована бібліотечна система (демо)"
DEMO_PASSWORD = "demo-civicdesk-2026"

CENTRAL = {
    "name": "Сарненська центральна районна бібліотека",
    "settlement": "м. Сарни",
    "address": "вул. Широка, 31",
    "phone": "+380 3655 3-12-45",
    "email": "crb@sarny-lib.example.ua",
    "has_center": True,
}

BRANCHES = [
    ("Бібліотека-філія с. Кричильськ", "с. Кричильськ", "вул. Центральна, 12", True),
    ("Бібліотека-філія с. Тутовичі", "с. Тутовичі", "вул. Шкільна, 5", True),
    ("Бібліотека-філія с. Чудель", "с. Чудель", "вул. Миру, 3", False),
    ("Бібліотека-філія с. Степань", "смт Степань", "вул. Шевченка, 40", True),
    ("Бібліотека-філія с. Висоцьк", "с. Висоцьк", "вул. Незалежності, 7", False),
    ("Бібліотека-філія с. Немовичі", "с. Немовичі", "вул. Поліська, 22", True),
    ("Бібліотека-філія с. Орлівка", "с. Орлівка", "вул. Лісова, 1", False),
    ("Бібліотека-філія с. Страшеве", "с. Страшеве", "вул. Садова, 9", False),
]

# (username, last name, first name, role, branch index or None for the central library)
STAFF = [
    ("director", "Мамонець", "Наталія", Role.DIRECTOR, None),
    ("head", "Коваленко", "Оксана", Role.CENTER_HEAD, None),
    ("consultant", "Ткачук", "Ірина", Role.CONSULTANT, None),
    ("consultant2", "Гнатюк", "Олег", Role.CONSULTANT, None),
    ("viewer", "Бондар", "Марія", Role.VIEWER, None),
    ("krychylsk", "Савчук", "Галина", Role.BRANCH_LIBRARIAN, 0),
    ("tutovychi", "Мельник", "Людмила", Role.BRANCH_LIBRARIAN, 1),
    ("stepan", "Поліщук", "Тетяна", Role.BRANCH_LIBRARIAN, 3),
    ("nemovychi", "Їжак", "Ґалина", Role.BRANCH_LIBRARIAN, 5),
]

WEEKDAY_HOURS = [Interval(d, time(9), time(13)) for d in range(5)] + [
    Interval(d, time(14), time(18)) for d in range(5)
] + [Interval(5, time(10), time(15))]


@transaction.atomic
def demo_network_load(*, admin_password: str = DEMO_PASSWORD) -> Network:
    """Create the demo network once; running it again changes nothing."""
    existing = Network.objects.filter(name=DEMO_NETWORK).first()
    if existing:
        return existing
    network = Network.objects.create(name=DEMO_NETWORK)
    central = actions.library_create(network=network, kind=Library.Kind.CENTRAL, parent=None,
                                     **CENTRAL)
    actions.opening_hours_set(library=central, intervals=WEEKDAY_HOURS)
    branches = []
    for name, settlement, address, has_center in BRANCHES:
        branch = actions.library_create(network=network, kind=Library.Kind.BRANCH,
                                        parent=central, name=name, settlement=settlement,
                                        address=address, has_center=has_center)
        actions.opening_hours_set(library=branch, intervals=[
            Interval(d, time(10), time(16)) for d in range(1, 6)])
        branches.append(branch)
    today = timezone.localdate()
    actions.closure_create(library=branches[2], starts_on=today + timedelta(days=3),
                           ends_on=today + timedelta(days=5), reason="repairs",
                           note="Ремонт даху")
    for username, last, first, role, idx in STAFF:
        library = central if idx is None else branches[idx]
        actions.staff_member_create(library=library, role=role, username=username,
                                    password=admin_password, first_name=first, last_name=last)
    if not actions.User.objects.filter(is_superuser=True).exists():
        actions.user_create(username="admin", password=admin_password, first_name="Адміністратор",
                            is_superuser=True)
    reference_data.load_all()
    demo_data.load_all(network)
    return network
