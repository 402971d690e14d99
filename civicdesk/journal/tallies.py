"""The journal's running counts (Tally, PatronMonth): kept on every write, read by the
statistics.

An entry contributes (kind, key, value) triples — one for being an entry, one per
service, per group of services, its channel, outcome, the citizen's social categories
and settlement, the staff member, the hour and weekday (local time), its minutes, an
unmet need — to the row of its day and to the row of its month. Creating an entry adds
its contribution, cancelling subtracts it, a correction applies the difference; always
in the transaction that writes the entry, so the counts never disagree with the
journal. A period is then read as its whole months plus the days at its edges.

`rebuild()` recomputes everything from the entries (`manage.py rebuild_journal_tallies`).
"""

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from .models import EntryService, JournalEntry, PatronMonth, Tally

ENTRIES, MINUTES, UNMET = "entries", "minutes", "unmet"
SERVICE, GROUP, CHANNEL, OUTCOME = "service", "group", "channel", "outcome"
CATEGORY, SETTLEMENT, STAFF, HOUR, WEEKDAY = "category", "settlement", "staff", "hour", "weekday"

Contribution = Counter  # (kind, key) -> value


def snapshot_patron(entry: JournalEntry) -> None:
    """Copy onto the entry what statistics count from the patron's record."""
    if entry.patron_id is None:
        entry.settlement = ""
        entry.category_ids = ""
        return
    patron = entry.patron
    entry.settlement = patron.settlement
    entry.category_ids = ",".join(
        str(pk) for pk in sorted(patron.categories.values_list("pk", flat=True)))


def contribution(entry: JournalEntry, services: Iterable[tuple[int, int]]) -> Contribution:
    """What one entry adds to the counts; `services` as (service id, group id) pairs.
    A cancelled entry adds nothing."""
    c: Contribution = Counter()
    if entry.cancelled_at is not None:
        return c
    local = timezone.localtime(entry.served_at)
    c[ENTRIES, ""] = 1
    c[MINUTES, ""] = entry.duration_minutes
    if entry.unmet_need:
        c[UNMET, ""] = 1
    for service_id, group_id in services:
        c[SERVICE, str(service_id)] = 1
        c[GROUP, str(group_id)] = 1
    c[CHANNEL, entry.channel] = 1
    c[OUTCOME, entry.outcome] = 1
    if entry.patron_id is not None:
        for pk in filter(None, entry.category_ids.split(",")):
            c[CATEGORY, pk] = 1
        c[SETTLEMENT, entry.settlement] = 1
    elif entry.unidentified_category_id is not None:
        c[CATEGORY, str(entry.unidentified_category_id)] = 1
    c[STAFF, str(entry.staff_id)] = 1
    c[HOUR, f"{local.hour:02d}"] = 1
    c[WEEKDAY, str(local.isoweekday())] = 1
    return c


def _where(entry: JournalEntry) -> tuple[int, date, int | None]:
    return entry.library_id, timezone.localdate(entry.served_at), entry.patron_id


def apply(before: tuple | None, after: tuple | None) -> None:
    """Move the counts from an entry's old state to its new one. Each state is
    (contribution, (library id, local day, patron id)) or None (no entry / cancelled)."""
    deltas: Counter = Counter()
    patron_deltas: Counter = Counter()
    for sign, state in ((-1, before), (1, after)):
        if state is None or not state[0]:
            continue
        contrib, (library_id, day, patron_id) = state
        month = day.replace(day=1)
        for (kind, key), value in contrib.items():
            deltas[library_id, Tally.Span.DAY, day, kind, key] += sign * value
            deltas[library_id, Tally.Span.MONTH, month, kind, key] += sign * value
        if patron_id is not None:
            patron_deltas[library_id, month, patron_id] += sign
    _add_tallies([(*k, v) for k, v in sorted(deltas.items()) if v])
    _add_patron_months([(*k, v) for k, v in sorted(patron_deltas.items()) if v])


def state_of(entry: JournalEntry, services: Iterable[tuple[int, int]]) -> tuple | None:
    contrib = contribution(entry, services)
    return (contrib, _where(entry)) if contrib else None


def services_of(entry_id: int) -> list[tuple[int, int]]:
    return list(EntryService.objects.filter(entry_id=entry_id)
                .values_list("service_id", "service__group_id"))


# --- writing -----------------------------------------------------------------------------

def _upsert(table: str, columns: list[str], conflict: list[str], rows: list[tuple]) -> None:
    """INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n (SQLite ≥ 3.24 and
    PostgreSQL). Rows come sorted, so concurrent writers lock in one order."""
    if not rows:
        return
    q = connection.ops.quote_name
    cols = ", ".join(q(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    for first in range(0, len(rows), 200):
        chunk = rows[first:first + 200]
        sql = (f"INSERT INTO {q(table)} ({cols}) VALUES {', '.join([one] * len(chunk))} "
               f"ON CONFLICT ({', '.join(q(c) for c in conflict)}) "
               f"DO UPDATE SET {q('n')} = {q(table)}.{q('n')} + excluded.{q('n')}")
        with connection.cursor() as cursor:
            cursor.execute(sql, [v for row in chunk for v in row])


def _add_tallies(rows: list[tuple]) -> None:
    adapt = connection.ops.adapt_datefield_value
    _upsert(Tally._meta.db_table, ["library_id", "span", "day", "kind", "key", "n"],
            ["span", "library_id", "day", "kind", "key"],
            [(lib, span, adapt(day), kind, key, n) for lib, span, day, kind, key, n in rows])


def _add_patron_months(rows: list[tuple]) -> None:
    adapt = connection.ops.adapt_datefield_value
    _upsert(PatronMonth._meta.db_table, ["library_id", "month", "patron_id", "n"],
            ["month", "library_id", "patron_id"],
            [(lib, adapt(month), patron, n) for lib, month, patron, n in rows])


def merge_patron(keep_id: int, duplicate_id: int) -> None:
    """A merged patron's months become the kept record's (distinct patrons drop by one
    where both were served in the same library and month: they are one person)."""
    rows = list(PatronMonth.objects.filter(patron_id=duplicate_id)
                .values_list("library_id", "month", "n"))
    PatronMonth.objects.filter(patron_id=duplicate_id).delete()
    _add_patron_months(sorted((lib, month, keep_id, n) for lib, month, n in rows))


@transaction.atomic
def rebuild(*, progress=None, chunk: int = 20_000) -> int:
    """Recompute every count from the journal. Returns the number of entries counted."""
    Tally.objects.all().delete()
    PatronMonth.objects.all().delete()
    group_of = dict(EntryService._meta.get_field("service").related_model.objects
                    .values_list("pk", "group_id"))
    totals: Counter = Counter()
    patrons: Counter = Counter()
    counted = 0
    last_id = 0
    while True:
        entries = list(JournalEntry.objects.filter(pk__gt=last_id, cancelled_at__isnull=True)
                       .order_by("pk").only(*_FIELDS)[:chunk])
        if not entries:
            break
        last_id = entries[-1].pk
        links: dict[int, list[tuple[int, int]]] = {}
        for entry_id, service_id in (EntryService.objects
                                     .filter(entry_id__gte=entries[0].pk, entry_id__lte=last_id)
                                     .values_list("entry_id", "service_id")):
            links.setdefault(entry_id, []).append((service_id, group_of[service_id]))
        for entry in entries:
            add_to(totals, patrons, entry, links.get(entry.pk, []))
        counted += len(entries)
        if progress:
            progress(counted)
    write(totals, patrons)
    return counted


_FIELDS = ("library_id", "staff_id", "patron_id", "unidentified_category_id", "served_at",
           "channel", "outcome", "duration_minutes", "unmet_need", "settlement", "category_ids",
           "cancelled_at")


def add_to(totals: Counter, patrons: Counter, entry: JournalEntry,
           services: Iterable[tuple[int, int]]) -> None:
    """Add an entry's contribution to in-memory counts (bulk loads and rebuilds)."""
    contrib = contribution(entry, services)
    if not contrib:
        return
    library_id, day, patron_id = _where(entry)
    month = day.replace(day=1)
    for (kind, key), value in contrib.items():
        totals[library_id, Tally.Span.DAY, day, kind, key] += value
        totals[library_id, Tally.Span.MONTH, month, kind, key] += value
    if patron_id is not None:
        patrons[library_id, month, patron_id] += 1


def write(totals: Counter, patrons: Counter, batch: int = 5000) -> None:
    """Store in-memory counts into empty tables."""
    Tally.objects.bulk_create(
        (Tally(library_id=lib, span=span, day=day, kind=kind, key=key, n=n)
         for (lib, span, day, kind, key), n in totals.items()), batch_size=batch)
    PatronMonth.objects.bulk_create(
        (PatronMonth(library_id=lib, month=month, patron_id=patron, n=n)
         for (lib, month, patron), n in patrons.items()), batch_size=batch)


# --- reading -----------------------------------------------------------------------------

def _split(start: date, end: date) -> tuple[date, date]:
    """The whole months [m0, m1) inside [start, end); m0 == m1 when there are none."""
    m0 = start if start.day == 1 else (start.replace(day=1) + timedelta(days=32)).replace(day=1)
    m1 = end.replace(day=1)
    return (m0, m1) if m0 < m1 else (end, end)


def _period_q(start: date, end: date) -> Q:
    m0, m1 = _split(start, end)
    q = Q(span=Tally.Span.DAY, day__gte=start, day__lt=m0)
    if m0 < m1:
        q |= Q(span=Tally.Span.MONTH, day__gte=m0, day__lt=m1)
        q |= Q(span=Tally.Span.DAY, day__gte=m1, day__lt=end)
    return q


def sums(libraries, start: date, end: date, kinds: Iterable[str] | None = None
         ) -> dict[tuple[str, str], int]:
    """{(kind, key): total} over the libraries and the days [start, end)."""
    qs = Tally.objects.filter(_period_q(start, end), library__in=libraries)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return {(r["kind"], r["key"]): r["t"] for r in
            qs.values("kind", "key").annotate(t=Sum("n")) if r["t"]}


def total(libraries, start: date, end: date, kind: str) -> int:
    return sums(libraries, start, end, [kind]).get((kind, ""), 0)


def distinct_patrons(libraries, start: date, end: date) -> int:
    """Patrons served at least once in the libraries in [start, end), each counted once."""
    m0, m1 = _split(start, end)
    tz = timezone.get_current_timezone()

    def entries_between(a: date, b: date):
        return (JournalEntry.objects
                .filter(library__in=libraries, cancelled_at__isnull=True, patron__isnull=False,
                        served_at__gte=timezone.make_aware(_midnight(a), tz),
                        served_at__lt=timezone.make_aware(_midnight(b), tz))
                .order_by().values("patron_id"))

    parts = []
    if start < m0:
        parts.append(entries_between(start, m0))
    if m0 < m1:
        parts.append(PatronMonth.objects.filter(library__in=libraries, month__gte=m0,
                                                month__lt=m1, n__gt=0).order_by().values("patron_id"))
        if m1 < end:
            parts.append(entries_between(m1, end))
    if not parts:
        return 0
    if len(parts) == 1:
        return parts[0].distinct().count()
    return parts[0].union(*parts[1:]).count()


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)
