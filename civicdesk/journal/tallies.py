"""The journal's running counts (Tally, PatronPeriod): kept on every write, read by the
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
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from civicdesk.core.db import write_rows

from .models import EntryService, JournalEntry, PatronPeriod, Tally

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
            patron_deltas[library_id, "m", month, patron_id] += sign
            patron_deltas[library_id, "y", month.replace(month=1), patron_id] += sign
    _add_tallies([(*k, v) for k, v in sorted(deltas.items()) if v])
    _add_patron_periods([(*k, v) for k, v in sorted(patron_deltas.items()) if v])


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


def _add_patron_periods(rows: list[tuple]) -> None:
    adapt = connection.ops.adapt_datefield_value
    _upsert(PatronPeriod._meta.db_table, ["library_id", "span", "start", "patron_id", "n"],
            ["span", "start", "patron_id", "library_id"],
            [(lib, span, adapt(start), patron, n) for lib, span, start, patron, n in rows])
    # A row exists only while its patron has entries there, so that distinct patrons
    # are counted from the index alone (no look at n).
    emptied = sorted({patron for _lib, _span, _start, patron, n in rows if n < 0})
    if emptied:
        PatronPeriod.objects.filter(patron_id__in=emptied, n__lte=0).delete()


def merge_patron(keep_id: int, duplicate_id: int) -> None:
    """A merged patron's months and years become the kept record's (distinct patrons
    drop by one where both were served in the same period: they are one person)."""
    rows = list(PatronPeriod.objects.filter(patron_id=duplicate_id)
                .values_list("library_id", "span", "start", "n"))
    PatronPeriod.objects.filter(patron_id=duplicate_id).delete()
    _add_patron_periods(sorted((lib, span, start, keep_id, n) for lib, span, start, n in rows))


@transaction.atomic
def rebuild(*, progress=None, chunk: int = 20_000) -> int:
    """Recompute every count from the journal. Returns the number of entries counted."""
    Tally.objects.all().delete()
    PatronPeriod.objects.all().delete()
    group_of = dict(EntryService._meta.get_field("service").related_model.objects
                    .values_list("pk", "group_id"))
    totals: dict = {}
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


def add_to(totals: dict, patrons: Counter, entry: JournalEntry,
           services: Iterable[tuple[int, int]]) -> None:
    """Add an entry's contribution to in-memory counts (bulk loads and rebuilds):
    totals per (library, day), patrons per (library, month, patron); write() adds up
    the months and years from them."""
    contrib = contribution(entry, services)
    if not contrib:
        return
    library_id, day, patron_id = _where(entry)
    counts = totals.get((library_id, day))
    if counts is None:
        totals[library_id, day] = contrib
    else:
        counts.update(contrib)
    if patron_id is not None:
        patrons[library_id, day.replace(day=1), patron_id] += 1


def write(totals: dict, patrons: Counter) -> None:
    """Store in-memory counts from add_to (bulk loads, rebuilds): COPY on PostgreSQL, one
    prepared INSERT run many times on SQLite — millions of rows in seconds, not minutes."""
    adapt = connection.ops.adapt_datefield_value
    months: dict[tuple[int, date], Counter] = {}
    for (lib, day), counts in totals.items():
        months.setdefault((lib, day.replace(day=1)), Counter()).update(counts)
    years: Counter = Counter()
    for (lib, month, patron), n in patrons.items():
        years[lib, month.replace(month=1), patron] += n

    def tally_rows():
        for span, spans in ((Tally.Span.DAY, totals), (Tally.Span.MONTH, months)):
            for (lib, day), counts in spans.items():
                on = adapt(day)
                for (kind, key), n in counts.items():
                    if n:
                        yield lib, span, on, kind, key, n

    def period_rows():
        for span, spans in (("m", patrons), ("y", years)):
            for (lib, start, patron), n in spans.items():
                if n:
                    yield lib, span, adapt(start), patron, n

    write_rows(Tally._meta.db_table, ["library_id", "span", "day", "kind", "key", "n"],
               tally_rows())
    write_rows(PatronPeriod._meta.db_table, ["library_id", "span", "start", "patron_id", "n"],
               period_rows())


# --- reading -----------------------------------------------------------------------------
# A period [start, end) is read as whole years, whole months and days. Each part is a
# plain range on the leading columns of a unique index, with the libraries as a list of
# ids, so both databases read just the rows they add up.

def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _parts(start: date, end: date) -> list[tuple[str, date, date]]:
    """[start, end) as ("y"|"m"|"d", first, stop) pieces: whole years, whole months,
    single days at the edges."""
    parts = []
    day = start
    while day < end:
        if day.month == 1 and day.day == 1 and date(day.year + 1, 1, 1) <= end:
            stop = date(day.year + 1, 1, 1)
            kind = "y"
        elif day.day == 1 and _next_month(day) <= end:
            stop = _next_month(day)
            kind = "m"
        else:
            stop = min(end, _next_month(day))
            kind = "d"
        if parts and parts[-1][0] == kind:
            parts[-1] = (kind, parts[-1][1], stop)
        else:
            parts.append((kind, day, stop))
        day = stop
    return parts


def _library_ids(libraries) -> list[int]:
    if isinstance(libraries, list | tuple | set):
        return [getattr(x, "pk", x) for x in libraries]
    return list(libraries.values_list("pk", flat=True))


_shared: ContextVar[dict | None] = ContextVar("journal_tally_sums", default=None)


@contextmanager
def shared_sums():
    """Within this block a period's counts are read once, all kinds together, however
    many metrics ask for one kind of them (the statistics page asks for five)."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def sums(libraries, start: date, end: date, kinds: Iterable[str] | None = None
         ) -> dict[tuple[str, str], int]:
    """{(kind, key): total} over the libraries and the days [start, end)."""
    ids = _library_ids(libraries)
    shared = _shared.get()
    if shared is not None:
        key = (tuple(sorted(ids)), start, end)
        if key not in shared:
            shared[key] = _sums(ids, start, end, None)
        if kinds is None:
            return dict(shared[key])
        wanted = set(kinds)
        return {k: n for k, n in shared[key].items() if k[0] in wanted}
    return _sums(ids, start, end, kinds)


def _sums(ids: list[int], start: date, end: date, kinds: Iterable[str] | None
          ) -> dict[tuple[str, str], int]:
    totals: Counter = Counter()
    for piece, first, stop in _parts(start, end):
        # month rows serve whole years too (twelve rows a year)
        span = Tally.Span.DAY if piece == "d" else Tally.Span.MONTH
        qs = Tally.objects.filter(span=span, library_id__in=ids, day__gte=first, day__lt=stop)
        if kinds is not None:
            qs = qs.filter(kind__in=list(kinds))
        for kind, key, n in qs.values_list("kind", "key").annotate(t=Sum("n")).order_by():
            totals[kind, key] += n
    return {k: n for k, n in totals.items() if n}


def total(libraries, start: date, end: date, kind: str) -> int:
    return sums(libraries, start, end, [kind]).get((kind, ""), 0)


def distinct_patrons(libraries, start: date, end: date) -> int:
    """Patrons served at least once in the libraries in [start, end), each counted once."""
    ids = _library_ids(libraries)
    tz = timezone.get_current_timezone()
    queries = []
    for piece, first, stop in _parts(start, end):
        if piece == "d":
            queries.append(JournalEntry.objects.filter(
                library_id__in=ids, cancelled_at__isnull=True, patron__isnull=False,
                served_at__gte=timezone.make_aware(datetime.combine(first, time.min), tz),
                served_at__lt=timezone.make_aware(datetime.combine(stop, time.min), tz)))
        elif stop == (date(first.year + 1, 1, 1) if piece == "y" else _next_month(first)):
            # one month or one year: its patrons come in order from the index
            queries.append(PatronPeriod.objects.filter(  # rows with n = 0 are deleted
                span=piece, start=first, library_id__in=ids))
        else:
            queries.append(PatronPeriod.objects.filter(
                span=piece, start__gte=first, start__lt=stop, library_id__in=ids))
    queries = [q.order_by().values("patron_id") for q in queries]
    if not queries:
        return 0
    if len(queries) == 1:
        return queries[0].distinct().count()
    return queries[0].union(*queries[1:]).count()
