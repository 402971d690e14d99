"""A realistic library network at volume, for trying civicdesk at scale and for `make bench`.

`volume_load()` (the `load_demo_volume` command) creates, by default:

- a network "Демо-мережа (обсяг)": a central library and 19 village branches, most of
  them with a center (§1.3), each with its opening hours; staff of every role; the
  §3.1 services catalog and the social categories (the same seeders as everywhere);
  all of this through the apps' actions, so it is exactly what the pages would make;
- 200,000 patrons registered over the period, each with an active consent to record
  the services given (some also to be contacted), social categories for about half;
- 1,000,000 journal entries over 3 years, with 1–3 services each (mostly §3.1.1–§3.1.4),
  served within the libraries' opening hours.

Patrons are written with bulk_create in batches; their categories and consents, and the
entries with their services, as rows (core.db.write_rows: COPY on PostgreSQL, one
prepared INSERT on SQLite; an entry's id taken from the table's sequence first): memory
stays bounded and no audit-log row is written per row (neither sends signals), but
every row is what the actions would have written: name_key, phone_key and
phone_reversed from patrons.normalize, the name's search words (PatronWord), card
numbers that pass the generic card format, one active service consent per patron, an
EntryService row per service of an entry, `is_backdated` and `need_status` by the rules of
journal.actions.entry_create, created_at after served_at.

The mix of entries (shares are exact, positions random): 15% unidentified citizens,
each with a reason and a social category; 5% with an unmet need (older ones closed
as resolved or no action); 1% cancelled with a reason; 3% entered later (backdated,
within JOURNAL_BACKDATE_DAYS). Channels, outcomes and durations are weighted like a
real desk. The same seed gives the same data.

It refuses to run a second time on the same database (VolumeAlreadyLoaded) unless
`force=True`, which adds another network of the same kind ("… 2", users "vol2-…").
"""

from __future__ import annotations

import bisect
import itertools
import random
import time as clock
import uuid
from collections import Counter, namedtuple
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, connections, transaction
from django.utils import timezone

from civicdesk.core.db import write_rows
from civicdesk.org import actions as org_actions
from civicdesk.org.actions import Interval
from civicdesk.org.demo import DEMO_PASSWORD
from civicdesk.org.models import Library, Network, Role
from civicdesk.patrons.categories import CONSENT_TEXT_VERSION, social_categories_seed
from civicdesk.patrons.models import Consent, Patron, PatronWord, SocialCategory
from civicdesk.patrons.normalize import key_words, name_key, phone_key, phone_reversed
from civicdesk.services.catalog import catalog_seed
from civicdesk.services.models import Service

from . import tallies
from .models import EntryService, JournalEntry, PatronPeriod, Tally

NETWORK_NAME = "Демо-мережа (обсяг)"
BATCH = 5000  # rows per bulk_create and per transaction

# --- Places -------------------------------------------------------------------

CENTRAL = {
    "name": "Рокитнівська центральна районна бібліотека",
    "settlement": "смт Рокитне",
    "address": "вул. Незалежності, 14",
    "phone": "+380 3635 2-14-40",
    "email": "crb@rokytne-lib.example.ua",
    "has_center": True,
}
VILLAGES = [
    "Вири", "Глинне", "Любиковичі", "Корост", "Іванчі", "Яринівка", "Тинне", "Пугач",
    "Зносичі", "Велика Осниця", "Кураш", "Морочне", "Ремчиці", "Мар'янівка", "Бутейки",
    "Карпилівка", "Чабель", "Єльне", "Підлужжя",
]
STREETS = ["Центральна", "Шкільна", "Миру", "Шевченка", "Незалежності", "Поліська", "Лісова",
           "Садова", "Молодіжна", "Весняна", "Козацька", "Соборна"]

# Opening hours: the central library and three kinds of village branch.
CENTRAL_HOURS = ([Interval(d, time(9), time(13)) for d in range(5)]
                 + [Interval(d, time(14), time(18)) for d in range(5)]
                 + [Interval(5, time(10), time(15))])
BRANCH_HOURS = [
    [Interval(d, time(10), time(16)) for d in range(1, 6)],  # Tue–Sat
    [Interval(d, time(9), time(13)) for d in range(5)]
    + [Interval(d, time(14), time(17)) for d in range(5)],  # Mon–Fri with lunch
    [Interval(d, time(10), time(15)) for d in (0, 2, 4)],  # three days a week
]

# --- People ---------------------------------------------------------------------
# Surnames that are the same for women and men, then adjective ones (-ський/-цький),
# whose feminine form ends in -а. Apostrophes are written here with U+0027 and stored
# with any of the three apostrophes people type (ʼ ’ '), as real data has them.

SURNAMES = [
    "Коваленко", "Бондаренко", "Шевченко", "Ткаченко", "Кравченко", "Олійник", "Шевчук",
    "Коваль", "Поліщук", "Бондар", "Ткачук", "Мельник", "Марченко", "Савченко", "Руденко",
    "Мороз", "Лисенко", "Петренко", "Клименко", "Павленко", "Кравчук", "Кузьменко",
    "Пономаренко", "Савчук", "Василенко", "Левченко", "Харченко", "Сидоренко", "Карпенко",
    "Гаврилюк", "Мельничук", "Приходько", "Тимошенко", "Романюк", "Юрченко", "Іваненко",
    "Остапчук", "Ковальчук", "Литвиненко", "Гнатюк", "Яковенко", "Захарчук", "Стельмах",
    "Луценко", "Зінченко", "Антонюк", "Мазур", "Степанюк", "Головко", "Семенюк", "Ярошенко",
    "Вакуленко", "Панасюк", "Климчук", "Кушнір", "Швець", "Гончар", "Коломієць", "Козак",
    "Кириленко", "Нестерчук", "Процюк", "Дмитрук", "Сорока", "Гуменюк", "Пилипчук",
    "Вознюк", "Бойко", "Ващук", "Хомич", "Якимчук", "Костюк", "Тарасюк", "Горбатюк",
    "Дем'янчук", "Дем'яненко", "Дем'янюк", "Мар'янчук", "П'ятничук", "Їжак", "Заїка",
    "Євтушенко", "Єременко", "Єрмоленко", "Євчук", "Ґудзь", "Ґалаґан", "Ґонта", "Ґава",
    "Сущик", "Давидюк", "Шульга", "Назарчук", "Оліфіренко", "Матвійчук", "Ярмолюк",
]
ADJECTIVE_SURNAMES = [
    "Ковальський", "Левицький", "Яворський", "Білецький", "Лозинський", "Сосновський",
    "Вишневський", "Кобилянський", "Завадський", "Підгірський", "Грушецький", "Жуковський",
]
APOSTROPHE_SURNAMES = [s for s in SURNAMES if "'" in s]
MALE_NAMES = [
    "Іван", "Петро", "Микола", "Василь", "Михайло", "Олександр", "Андрій", "Сергій",
    "Володимир", "Юрій", "Олег", "Ігор", "Богдан", "Ярослав", "Тарас", "Степан", "Роман",
    "Віктор", "Дмитро", "Олексій", "Григорій", "Павло", "Євген", "В'ячеслав", "Остап",
    "Назар", "Максим", "Артем", "Денис", "Ілля", "Анатолій", "Святослав", "Ґедеон",
]
FEMALE_NAMES = [
    "Марія", "Олена", "Оксана", "Ірина", "Наталія", "Тетяна", "Світлана", "Галина",
    "Людмила", "Ганна", "Юлія", "Катерина", "Надія", "Любов", "Віра", "Ольга", "Валентина",
    "Леся", "Софія", "Дар'я", "Мар'яна", "Ярослава", "Єва", "Ївга", "Олеся", "Вікторія",
    "Христина", "Анастасія", "Зоряна", "Уляна", "Богдана", "Ніна", "Раїса", "Ґражина",
]
# (a son's, a daughter's) patronymic
PATRONYMICS = [
    ("Іванович", "Іванівна"), ("Петрович", "Петрівна"), ("Миколайович", "Миколаївна"),
    ("Васильович", "Василівна"), ("Михайлович", "Михайлівна"),
    ("Олександрович", "Олександрівна"), ("Андрійович", "Андріївна"),
    ("Сергійович", "Сергіївна"), ("Володимирович", "Володимирівна"), ("Юрійович", "Юріївна"),
    ("Олегович", "Олегівна"), ("Ігорович", "Ігорівна"), ("Богданович", "Богданівна"),
    ("Ярославович", "Ярославівна"), ("Степанович", "Степанівна"), ("Романович", "Романівна"),
    ("Вікторович", "Вікторівна"), ("Дмитрович", "Дмитрівна"), ("Григорович", "Григорівна"),
    ("Павлович", "Павлівна"), ("Євгенович", "Євгенівна"), ("В'ячеславович", "В'ячеславівна"),
    ("Анатолійович", "Анатоліївна"), ("Ілліч", "Іллівна"),
]
APOSTROPHES = ["\u02bc", "'", "\u2019"]  # ʼ (the standard one), ASCII, ’ ; in this order of use
APOSTROPHE_WEIGHTS = [50, 35, 15]
EMAIL_DOMAINS = ["ukr.net", "gmail.com", "i.ua", "meta.ua"]
MOBILE_CODES = ["67", "68", "96", "97", "98", "50", "66", "95", "99", "63", "73", "93"]

# --- What happens at the desk -------------------------------------------------------

# §3.1 groups: the first four are most of the work.
GROUP_WEIGHTS = {"3.1.1": 30, "3.1.2": 18, "3.1.3": 30, "3.1.4": 15, "3.1.5": 3, "3.1.6": 1,
                 "3.1.7": 3}
SERVICES_PER_ENTRY = ([1, 2, 3], [70, 22, 8])
CHANNELS = ([JournalEntry.Channel.IN_PERSON, JournalEntry.Channel.PHONE,
             JournalEntry.Channel.ONLINE, JournalEntry.Channel.OUTREACH], [72, 17, 8, 3])
OUTCOMES = ([JournalEntry.Outcome.RESOLVED, JournalEntry.Outcome.REFERRED,
             JournalEntry.Outcome.NOT_RESOLVED], [86, 7, 7])
DURATIONS = ([5, 10, 15, 20, 30, 45, 60, 90, 120], [14, 24, 20, 14, 14, 6, 5, 2, 1])
REFERRED_TO = ["ЦНАП", "Пенсійний фонд", "Центр зайнятості", "Сільська рада",
               "Управління соцзахисту", "Безоплатна правова допомога"]
UNIDENTIFIED_REASONS = ["Телефонний дзвінок", "Відмовився назватися",
                        "Разова консультація, без читацького квитка",
                        "Не погодився на обробку персональних даних", "Гість громади"]
UNMET_NEEDS = ["Бланк заяви на субсидію", "Доступ до платного реєстру",
               "Консультація юриста", "Сканування у високій якості",
               "Кольоровий друк", "Навчання роботі зі смартфоном",
               "Запис до лікаря онлайн без смартфона", "Книга шрифтом Брайля"]
NEED_RESOLUTIONS = ["Знайшли бланк на сайті ОДА", "Домовились з юристом громади",
                    "Придбано кольоровий принтер", "Проведено заняття"]
CANCEL_REASONS = ["Помилковий запис", "Запис-дублікат", "Обрано не того користувача"]
NOTES = ["Допомога з Дія", "Роздруківка довідки", "Повторне звернення", "Пояснили порядок"]
CATEGORY_WEIGHTS = {"pensioner": 30, "idp": 14, "disability": 8, "veteran": 8, "unemployed": 9,
                    "student": 6, "schoolchild": 5, "entrepreneur": 5, "large_family": 5,
                    "low_income": 10}

SHARE_UNIDENTIFIED = 0.15
SHARE_UNMET_NEED = 0.05
SHARE_CANCELLED = 0.01
SHARE_BACKDATED = 0.03
BACKDATED_AFTER = timedelta(minutes=30)  # as in journal.actions


class VolumeAlreadyLoaded(Exception):
    """The volume network is already in this database; pass force to add another."""


@dataclass
class VolumeResult:
    network: Network
    usernames: dict[str, str]  # "director", "center_head", "consultant", … -> username
    password: str
    start: date  # first day with entries
    end: date  # the day after the last one
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class _Lib:
    """What the generator needs to know of one library."""

    library: Library
    index: int
    weight: float
    hours: dict[int, list[tuple[int, int]]]  # weekday -> [(opens, closes)] in minutes
    staff_ids: list[int]
    staff_weights: list[float]
    patron_days: list[int] = field(default_factory=list)  # registration day ordinals, sorted
    patron_ids: list[int] = field(default_factory=list)
    staff: _Choice = field(init=False)

    def __post_init__(self):
        self.staff = _Choice(self.staff_ids, self.staff_weights)


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` into whole parts proportional to `weights` (largest remainder)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


class _Choice:
    """One pick by weights: the same as rng.choices(population, weights)[0] (the same
    draw from the generator, the same result), without adding up the weights again for
    each of a million picks."""

    __slots__ = ("population", "cum", "total", "hi")

    def __init__(self, population, weights=None, *, cum_weights=None):
        self.population = list(population)
        self.cum = list(cum_weights if cum_weights is not None
                        else itertools.accumulate(weights))
        self.total = self.cum[-1] + 0.0
        self.hi = len(self.population) - 1

    def __call__(self, rng: random.Random):
        return self.population[bisect.bisect(self.cum, rng.random() * self.total, 0, self.hi)]


_SERVICES_PER_ENTRY, _CHANNEL = _Choice(*SERVICES_PER_ENTRY), _Choice(*CHANNELS)
_OUTCOME, _DURATION = _Choice(*OUTCOMES), _Choice(*DURATIONS)
_APOSTROPHE = _Choice(APOSTROPHES, APOSTROPHE_WEIGHTS)


# An entry as the table stores it: what the generator makes instead of a JournalEntry
# (a model instance and bulk_create's preparing of each value cost more than the rest of
# the load); the tallies read it as they read an entry.
ENTRY_COLUMNS = [f.column for f in JournalEntry._meta.concrete_fields]
EntryRow = namedtuple("EntryRow", [f.attname for f in JournalEntry._meta.concrete_fields])
# Patrons too (200,000 model instances cost more than writing their rows).
PATRON_COLUMNS = [f.column for f in Patron._meta.concrete_fields]
PatronRow = namedtuple("PatronRow", [f.attname for f in Patron._meta.concrete_fields])


def _reserve_ids(table: str, n: int) -> list[int]:
    """n ids for rows written with their id (in the transaction that writes them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                           "FROM generate_series(1, %s)", [table, n])
            return [row[0] for row in cursor.fetchall()]
        q = connection.ops.quote_name(table)
        cursor.execute(f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s),"
                       f" 0), coalesce((SELECT max(id) FROM {q}), 0))", [table])
        last = cursor.fetchone()[0]
        return list(range(last + 1, last + 1 + n))


def _row_writer(model) -> Callable[[tuple], tuple]:
    """A row of the model's concrete fields → the values the database takes (psycopg
    takes Python's own; SQLite, as Django writes them: datetimes as UTC text, dates as
    ISO text, UUIDs as hex)."""
    if connection.vendor == "postgresql":
        return tuple
    ops = connection.ops
    utc = UTC  # SQLite's connection time zone (DATABASES has no TIME_ZONE)

    def when(v):  # what ops.adapt_datetimefield_value gives, without its checks
        return str(v.astimezone(utc).replace(tzinfo=None)) if v.tzinfo else str(v)

    adapt = {}
    for i, f in enumerate(model._meta.concrete_fields):
        kind = f.get_internal_type()
        if kind == "DateTimeField":
            adapt[i] = when if connection.timezone == utc else ops.adapt_datetimefield_value
        elif kind == "DateField":
            adapt[i] = ops.adapt_datefield_value
        elif kind == "UUIDField":
            adapt[i] = lambda v: v.hex

    def write(row: tuple) -> tuple:
        return tuple(adapt[i](v) if v is not None and i in adapt else v
                     for i, v in enumerate(row))
    return write


@contextmanager
def _fast_sqlite():
    """A bigger page cache for this connection while loading (SQLite only)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


# Where the loader keeps the indexes it dropped until it has built them again: written in
# the transaction that drops them, so a load cut short (a power cut, a killed process)
# leaves the statements behind, and the next `migrate` or load builds them.
PENDING_INDEXES = "civicdesk_volume_pending_index"


def restore_dropped_indexes(using: str = "default") -> list[str]:
    """Build the indexes a SQLite load dropped and did not get to build again; returns
    their names (none on PostgreSQL, or when nothing is pending)."""
    conn = connections[using]
    if conn.vendor != "sqlite" or PENDING_INDEXES not in conn.introspection.table_names():
        return []
    with transaction.atomic(using=using), conn.cursor() as cursor:
        cursor.execute(f"SELECT name, sql FROM {PENDING_INDEXES} ORDER BY name")
        pending = cursor.fetchall()
        for _name, sql in pending:
            cursor.execute(sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
        cursor.execute(f"DROP TABLE {PENDING_INDEXES}")
    return [name for name, _sql in pending]


@contextmanager
def _indexes_built_after(*models):
    """SQLite: the tables' plain (not unique) indexes dropped while the rows pour in and
    built again at the end — building an index over a million rows at once costs a
    fraction of keeping it up to date row by row. Rebuilt also if the load fails, and,
    if the process dies, by the next `migrate` or load (restore_dropped_indexes)."""
    if connection.vendor != "sqlite":
        yield
        return
    restore_dropped_indexes()
    tables = [m._meta.db_table for m in models]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                       f"AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%' "
                       f"AND tbl_name IN ({', '.join(['%s'] * len(tables))})", tables)
        indexes = cursor.fetchall()
        cursor.execute(f"CREATE TABLE {PENDING_INDEXES} (name TEXT PRIMARY KEY, sql TEXT)")
        for name, sql in indexes:
            cursor.execute(f"INSERT INTO {PENDING_INDEXES} VALUES (%s, %s)", [name, sql])
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        restore_dropped_indexes()


class _Generator:
    def __init__(self, *, libraries: int, patrons: int, entries: int, years: int, seed: int,
                 password: str, force: bool, progress: Callable[[str], None]):
        if libraries < 1 or patrons < 0 or entries < 0 or years < 1:
            raise ValueError("libraries >= 1, patrons >= 0, entries >= 0, years >= 1")
        self.n_libraries, self.n_patrons, self.n_entries = libraries, patrons, entries
        self.rng = random.Random(seed)
        self.password, self.force, self.progress = password, force, progress
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.end = self.today  # entries up to yesterday; today is the desk's
        self.start = self.end - timedelta(days=365 * years)
        self.tz = timezone.get_current_timezone()

    # --- the network, through the actions ---------------------------------------

    def network(self) -> tuple[Network, dict[str, str]]:
        existing = Network.objects.filter(name__startswith=NETWORK_NAME).count()
        if existing and not self.force:
            network = Network.objects.filter(name__startswith=NETWORK_NAME).first()
            raise VolumeAlreadyLoaded(
                f"«{network.name}» is already in this database "
                f"({Patron.objects.filter(library__network=network).count()} patrons, "
                f"{JournalEntry.objects.filter(library__network=network).count()} journal "
                f"entries). Run with --force to add another network of the same size.")
        number = existing + 1
        name = NETWORK_NAME if number == 1 else f"{NETWORK_NAME} {number}"
        prefix = "vol" if number == 1 else f"vol{number}"
        rng = self.rng
        with transaction.atomic():
            network = Network.objects.create(name=name)
            central = org_actions.library_create(
                network=network, kind=Library.Kind.CENTRAL, parent=None, **CENTRAL)
            org_actions.opening_hours_set(library=central, intervals=CENTRAL_HOURS)
            libraries = [(central, CENTRAL_HOURS)]
            for i in range(self.n_libraries - 1):
                village = VILLAGES[i % len(VILLAGES)]
                if i >= len(VILLAGES):
                    village = f"{village} {i // len(VILLAGES) + 1}"
                hours = BRANCH_HOURS[i % len(BRANCH_HOURS)]
                branch = org_actions.library_create(
                    network=network, kind=Library.Kind.BRANCH, parent=central,
                    name=f"Бібліотека-філія с. {village}", settlement=f"с. {village}",
                    address=f"вул. {STREETS[i % len(STREETS)]}, {rng.randint(1, 60)}",
                    has_center=i % 5 != 4)
                org_actions.opening_hours_set(library=branch, intervals=hours)
                libraries.append((branch, hours))
            usernames: dict[str, str] = {}
            staff_of: dict[int, list[tuple[int, float]]] = {}

            # every account has the demo password: hashed once (a quarter of a second)
            password_hash = make_password(self.password)

            def person(username, library, role, weight):
                female = rng.random() < 0.8  # library staff are mostly women
                surname = self._surname(female)
                membership = org_actions.staff_member_create(
                    library=library, role=role, username=username, password=self.password,
                    password_hash=password_hash,
                    first_name=rng.choice(FEMALE_NAMES if female else MALE_NAMES).replace(
                        "'", "\u02bc"),
                    last_name=surname.replace("'", "\u02bc"))
                if weight:
                    staff_of.setdefault(library.pk, []).append((membership.user_id, weight))
                return membership.user_id

            self.director = person(f"{prefix}-director", central, Role.DIRECTOR, 0.1)
            self.head = person(f"{prefix}-head", central, Role.CENTER_HEAD, 0.4)
            person(f"{prefix}-viewer", central, Role.VIEWER, 0)
            usernames.update(director=f"{prefix}-director", center_head=f"{prefix}-head",
                             viewer=f"{prefix}-viewer")
            for n in range(1, 4):
                person(f"{prefix}-consultant{n}", central, Role.CONSULTANT, 1.0)
                usernames[f"consultant{n}" if n > 1 else "consultant"] = f"{prefix}-consultant{n}"
            for n, (branch, _hours) in enumerate(libraries[1:], start=1):
                username = f"{prefix}-branch{n:02d}"
                person(username, branch, Role.BRANCH_LIBRARIAN, 1.0)
                usernames.setdefault("branch_librarian", username)
        catalog_seed(network)
        social_categories_seed()

        self.libs = []
        for index, (library, hours) in enumerate(libraries):
            by_day: dict[int, list[tuple[int, int]]] = {}
            for i in hours:
                by_day.setdefault(i.weekday, []).append(
                    (i.opens.hour * 60 + i.opens.minute, i.closes.hour * 60 + i.closes.minute))
            if index == 0:
                weight = 6.0
            elif library.has_center:
                weight = rng.uniform(0.8, 2.0)
            else:
                weight = 0.3
            staff = staff_of[library.pk]
            self.libs.append(_Lib(library, index, weight, by_day, [s for s, _w in staff],
                                  [w for _s, w in staff]))
        self.settlements = [lib.library.settlement for lib in self.libs]
        return network, usernames

    def _surname(self, female: bool) -> str:
        rng = self.rng
        if rng.random() < 0.1:
            surname = rng.choice(ADJECTIVE_SURNAMES)
            return surname[:-2] + "а" if female else surname
        return rng.choice(SURNAMES)

    def _apostrophe(self, text: str, mark: str) -> str:
        return text.replace("'", mark) if "'" in text else text

    # --- patrons ----------------------------------------------------------------------

    def patrons(self) -> dict[str, int]:
        rng = self.rng
        categories = {c.code: c.pk for c in SocialCategory.objects.all()}
        self.category_codes = [c for c in CATEGORY_WEIGHTS if c in categories]
        self.category_ids = [categories[c] for c in self.category_codes]
        self.category_weights = [CATEGORY_WEIGHTS[c] for c in self.category_codes]
        self.category = _Choice(self.category_ids, self.category_weights)
        through = Patron.categories.through
        days = (self.end - self.start).days
        self.recorded: dict[int, tuple[str, str]] = {}  # what entries copy from the patron
        counts = {"patrons": 0, "consents": 0, "patron_categories": 0, "patron_words": 0}
        word_columns = ["patron_id", "word"]
        consent_columns = ["patron_id", "purpose", "text_version", "given_at", "recorded_by_id"]
        service, contact = Consent.Purpose.SERVICE.value, Consent.Purpose.CONTACT.value
        adapt = connection.ops.adapt_datetimefield_value
        per_library = _allocate(self.n_patrons, [lib.weight ** 0.7 for lib in self.libs])
        used_phones: set[str] = set()
        net = self.libs[0].library.network_id
        patron_table = Patron._meta.db_table
        to_db = _row_writer(Patron)
        for lib, n in zip(self.libs, per_library, strict=True):
            registered = sorted(self.start.toordinal() + rng.randrange(days) for _ in range(n))
            for first in range(0, n, BATCH):
                rows, cats, consents = [], [], []
                for seq in range(first, min(first + BATCH, n)):
                    row, codes = self._patron(lib, seq, registered[seq], net, used_phones)
                    rows.append(row)
                    cats.append(codes)
                with transaction.atomic():
                    rows = [p._replace(id=pk) for p, pk in
                            zip(rows, _reserve_ids(patron_table, len(rows)), strict=True)]
                    write_rows(patron_table, PATRON_COLUMNS, map(to_db, rows))
                    words = [(p.id, w) for p in rows for w in key_words(p.name_key)]
                    write_rows(PatronWord._meta.db_table, word_columns, words)
                    # the categories and consents as rows, like the entries
                    links = [(p.id, c) for p, ids in zip(rows, cats, strict=True) for c in ids]
                    write_rows(through._meta.db_table, ["patron_id", "socialcategory_id"],
                                  links)
                    for p in rows:
                        given = adapt(timezone.make_aware(
                            datetime.combine(p.registered_on, time(10)), self.tz
                        ) + timedelta(minutes=rng.randrange(360)))
                        consents.append((p.id, service, CONSENT_TEXT_VERSION, given,
                                         p.registered_by_id))
                        if rng.random() < 0.3:
                            consents.append((p.id, contact, CONSENT_TEXT_VERSION, given,
                                             p.registered_by_id))
                    write_rows(Consent._meta.db_table, consent_columns, consents)
                lib.patron_days.extend(registered[first:first + len(rows)])
                lib.patron_ids.extend(p.id for p in rows)
                for p, ids in zip(rows, cats, strict=True):
                    self.recorded[p.id] = (p.settlement, ",".join(map(str, sorted(ids))))
                counts["patrons"] += len(rows)
                counts["patron_words"] += len(words)
                counts["consents"] += len(consents)
                counts["patron_categories"] += len(links)
            self.progress(f"patrons: {counts['patrons']}")
        return counts

    def _patron(self, lib: _Lib, seq: int, registered: int, net: int,
                used_phones: set[str]) -> tuple[PatronRow, list[int]]:
        rng = self.rng
        female = rng.random() < 0.58
        surname = self._surname(female)
        if seq == 0 and lib.index == 0:
            # Every generated network has a patron whose name has an apostrophe.
            surname = APOSTROPHE_SURNAMES[0]
        given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        patronymic = rng.choice(PATRONYMICS)[1 if female else 0]
        mark = _APOSTROPHE(rng)
        surname, given, patronymic = (self._apostrophe(x, mark)
                                      for x in (surname, given, patronymic))
        birth_year = rng.randint(1935, 2010)
        age = self.today.year - birth_year
        phone = ""
        if rng.random() < 0.75:
            while True:
                phone = (f"+380 {rng.choice(MOBILE_CODES)} {rng.randrange(1000):03d} "
                         f"{rng.randrange(100):02d} {rng.randrange(100):02d}")
                if phone not in used_phones:
                    used_phones.add(phone)
                    break
        email = ""
        if rng.random() < 0.08:
            email = f"user{net}x{lib.index}x{seq}@{rng.choice(EMAIL_DOMAINS)}"
        settlement = lib.library.settlement
        if rng.random() < 0.15:
            settlement = rng.choice(self.settlements)
        codes: list[int] = []
        if age >= 60 and rng.random() < 0.8:
            codes.append(self.category_ids[self.category_codes.index("pensioner")])
        if rng.random() < 0.4:
            pick = self.category(rng)
            if pick not in codes:
                codes.append(pick)
        staff = lib.staff(rng)
        key = phone_key(phone)
        patron = PatronRow(
            id=None, anonymised_at=None,
            card_number=f"V{net}-{lib.index:02d}-{seq + 1:06d}", surname=surname,
            given_name=given, patronymic=patronymic, birth_year=birth_year,
            sex=str(Patron.Sex.FEMALE if female else Patron.Sex.MALE), phone=phone, email=email,
            settlement=settlement, library_id=lib.library.pk,
            registered_on=date.fromordinal(registered), registered_by_id=staff,
            name_key=name_key(surname, given, patronymic), phone_key=key,
            phone_reversed=phone_reversed(key))
        return patron, codes

    # --- journal entries ------------------------------------------------------------------

    def _slots(self) -> list[tuple[date, _Lib, float]]:
        """(day, library, weight) for every day a library is open in the period."""
        rng = self.rng
        days = (self.end - self.start).days
        season = {1: 0.9, 2: 1.0, 3: 1.1, 4: 1.1, 5: 1.0, 6: 0.85, 7: 0.75, 8: 0.75, 9: 1.05,
                  10: 1.15, 11: 1.15, 12: 0.95}
        slots = []
        for offset in range(days):
            day = self.start + timedelta(days=offset)
            growth = 0.8 + 0.4 * offset / max(days - 1, 1)  # the center gets busier
            for lib in self.libs:
                if day.weekday() in lib.hours:
                    slots.append((day, lib, lib.weight * growth * season[day.month]
                                  * rng.uniform(0.6, 1.4)))
        return slots

    def entries(self) -> dict[str, int]:
        rng = self.rng
        services = list(Service.objects.filter(network=self.libs[0].library.network,
                                               is_archived=False).select_related("group"))
        in_group: dict[str, int] = {}
        for s in services:
            in_group[s.group.code] = in_group.get(s.group.code, 0) + 1
        group_of = {s.pk: s.group_id for s in services}
        totals: dict = {}
        patron_months: Counter = Counter()
        service = _Choice([s.pk for s in services], [
            GROUP_WEIGHTS.get(s.group.code, 1) / in_group[s.group.code] for s in services])
        n = self.n_entries
        # Exact shares at random positions. Unidentified citizens and unmet needs apart
        # (an unmet need is followed up, so its citizen is known); cancelled and
        # backdated entries anywhere.
        n_unidentified, n_unmet = round(n * SHARE_UNIDENTIFIED), round(n * SHARE_UNMET_NEED)
        picked = rng.sample(range(n), min(n, n_unidentified + n_unmet))
        unidentified, unmet = set(picked[:n_unidentified]), set(picked[n_unidentified:])
        cancelled = set(rng.sample(range(n), min(n, round(n * SHARE_CANCELLED))))
        backdated = set(rng.sample(range(n), min(n, round(n * SHARE_BACKDATED))))
        slots = self._slots()
        per_slot = _allocate(n, [w for _d, _l, w in slots])
        counts = {"entries": 0, "entry_services": 0, "cancelled": 0, "unmet_needs": 0,
                  "unidentified": 0, "backdated": 0}
        backdate_days = settings.JOURNAL_BACKDATE_DAYS
        index = 0
        batch: list[EntryRow] = []
        picks: list[list[int]] = []

        table = JournalEntry._meta.db_table
        to_db = _row_writer(JournalEntry)

        def flush():
            with transaction.atomic():
                rows = [e._replace(id=pk) for e, pk in
                        zip(batch, _reserve_ids(table, len(batch)), strict=True)]
                write_rows(table, ENTRY_COLUMNS, map(to_db, rows))
                links = [(e.id, s) for e, ids in zip(rows, picks, strict=True) for s in ids]
                write_rows(EntryService._meta.db_table, ["entry_id", "service_id"], links)
            for e, ids in zip(rows, picks, strict=True):
                tallies.add_to(totals, patron_months, e, [(s, group_of[s]) for s in ids])
            counts["entries"] += len(batch)
            counts["entry_services"] += len(links)
            batch.clear()
            picks.clear()
            if counts["entries"] % (BATCH * 20) == 0:
                self.progress(f"entries: {counts['entries']}")

        for (day, lib, _w), k in zip(slots, per_slot, strict=True):
            if not k:
                continue
            intervals = lib.hours[day.weekday()]
            interval = _Choice(intervals, [b - a for a, b in intervals])
            minutes = []
            for _ in range(k):
                a, b = interval(rng)
                minutes.append(a * 60 + rng.randrange((b - a) * 60))  # seconds from 00:00
            minutes.sort()
            midnight = timezone.make_aware(datetime.combine(day, time.min), self.tz)
            day_ordinal = day.toordinal()
            eligible = bisect.bisect_right(lib.patron_days, day_ordinal)
            for seconds in minutes:
                served_at = midnight + timedelta(seconds=seconds)
                entry, ids = self._entry(
                    index, lib, served_at, eligible, service,
                    unidentified=index in unidentified, unmet=index in unmet,
                    cancel=index in cancelled, backdate=index in backdated,
                    backdate_days=backdate_days)
                counts["unidentified"] += entry.patron_id is None
                counts["unmet_needs"] += bool(entry.unmet_need)
                counts["cancelled"] += entry.cancelled_at is not None
                counts["backdated"] += entry.is_backdated
                batch.append(entry)
                picks.append(ids)
                index += 1
                if len(batch) >= BATCH:
                    flush()
        if batch:
            flush()
        with transaction.atomic():
            tallies.write(totals, patron_months)
        counts["tallies"] = Tally.objects.count()
        counts["patron_months"] = len(patron_months)
        self.progress(f"counts: {counts['tallies']} + {len(patron_months)}")
        return counts

    def _entry(self, index, lib: _Lib, served_at, eligible, service: _Choice, *,
               unidentified, unmet, cancel, backdate, backdate_days):
        rng = self.rng
        staff = lib.staff(rng)
        k = _SERVICES_PER_ENTRY(rng)
        ids: list[int] = []
        while len(ids) < min(k, len(service.population)):
            pick = service(rng)
            if pick not in ids:
                ids.append(pick)
        channel = _CHANNEL(rng)
        patron_id, reason, category = None, "", None
        if unidentified or not eligible:
            reason = rng.choice(UNIDENTIFIED_REASONS)
            category = self.category(rng)
            if reason == UNIDENTIFIED_REASONS[0]:
                channel = JournalEntry.Channel.PHONE
        else:
            # Regulars come back: the more recently registered a little more often.
            patron_id = lib.patron_ids[eligible - 1 - int(eligible * rng.random() ** 1.5)]
        outcome = _OUTCOME(rng)
        unmet_need = need_status = need_resolution = ""
        need_closed_by = need_closed_at = None
        if unmet:
            unmet_need = rng.choice(UNMET_NEEDS)
            outcome = rng.choice([JournalEntry.Outcome.NOT_RESOLVED,
                                  JournalEntry.Outcome.REFERRED])
            need_status = JournalEntry.NeedStatus.NEW
            closed_at = served_at + timedelta(days=rng.randint(1, 30))
            if closed_at < self.now and rng.random() < 0.8:
                need_status = rng.choices([JournalEntry.NeedStatus.RESOLVED,
                                           JournalEntry.NeedStatus.NO_ACTION], [6, 4])[0]
                need_closed_by, need_closed_at = self.head, closed_at
                if need_status == JournalEntry.NeedStatus.RESOLVED:
                    need_resolution = rng.choice(NEED_RESOLUTIONS)
        referred_to = rng.choice(REFERRED_TO) if outcome == JournalEntry.Outcome.REFERRED else ""
        if backdate:
            created_at = served_at + timedelta(minutes=rng.randint(60, backdate_days * 24 * 60 - 60))
        else:
            created_at = served_at + timedelta(seconds=rng.randint(3, 20 * 60))
        created_at = min(created_at, self.now)
        cancelled_at, cancelled_by, cancel_reason = None, None, ""
        if cancel:
            cancelled_at = min(created_at + timedelta(minutes=rng.randint(1, 120)), self.now)
            cancelled_by = staff if rng.random() < 0.7 else self.head
            cancel_reason = rng.choice(CANCEL_REASONS)
        settlement, category_ids = self.recorded[patron_id] if patron_id else ("", "")
        entry = EntryRow(
            id=None, settlement=settlement, category_ids=category_ids,
            library_id=lib.library.pk, staff_id=staff, patron_id=patron_id,
            unidentified_reason=reason, unidentified_category_id=category,
            served_at=served_at, is_backdated=served_at < created_at - BACKDATED_AFTER,
            channel=str(channel), duration_minutes=_DURATION(rng),
            outcome=str(outcome), referred_to=referred_to,
            note=rng.choice(NOTES) if rng.random() < 0.05 else "",
            unmet_need=unmet_need, need_status=str(need_status),
            need_resolution=need_resolution, need_closed_by_id=need_closed_by,
            need_closed_at=need_closed_at,
            submission_key=uuid.UUID(int=rng.getrandbits(128), version=4),
            created_at=created_at, cancelled_at=cancelled_at, cancelled_by_id=cancelled_by,
            cancel_reason=cancel_reason)
        return entry, ids


def volume_load(*, libraries: int = 20, patrons: int = 200_000, entries: int = 1_000_000,
                years: int = 3, seed: int = 2026, password: str = DEMO_PASSWORD,
                force: bool = False, progress: Callable[[str], None] | None = None
                ) -> VolumeResult:
    """Create the volume network (see the module's docstring) and return what was made.

    Raises VolumeAlreadyLoaded if a volume network exists and `force` is false.
    Every staff account has `password`.
    """
    started = clock.perf_counter()

    def say(message: str) -> None:
        if progress:
            progress(f"{clock.perf_counter() - started:6.1f} s  {message}")

    gen = _Generator(libraries=libraries, patrons=patrons, entries=entries, years=years,
                     seed=seed, password=password, force=force, progress=say)
    with _fast_sqlite():
        network, usernames = gen.network()
        say(f"network «{network.name}»: {libraries} libraries, staff, services")
        with _indexes_built_after(Patron, PatronWord, Consent, Patron.categories.through,
                                  JournalEntry, EntryService, Tally, PatronPeriod):
            counts = gen.patrons()
            counts.update(gen.entries())
        say("indexes")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the query planner's statistics for the new tables
        say("ANALYZE")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # What autovacuum would do a little later anyway: planner statistics, and the
        # visibility map that lets counts be read from an index alone (3-4 s). The
        # first queries on the new data then run as they will in daily use.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        say("VACUUM ANALYZE")
    say("done")
    return VolumeResult(network=network, usernames=usernames, password=password,
                        start=gen.start, end=gen.end, counts=counts,
                        seconds=clock.perf_counter() - started)
