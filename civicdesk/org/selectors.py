"""Reads on the library network."""

from datetime import date

from django.db.models import QuerySet

from .models import Closure, Library, Membership, OpeningHours


def library_tree(libraries: QuerySet[Library]) -> list[tuple[Library, int]]:
    """The given libraries in tree order with their depth, for indented lists."""
    items = list(libraries.order_by("name"))
    by_parent: dict[int | None, list[Library]] = {}
    present = {lib.pk for lib in items}
    for lib in items:
        key = lib.parent_id if lib.parent_id in present else None
        by_parent.setdefault(key, []).append(lib)
    out: list[tuple[Library, int]] = []

    def walk(parent_id, depth):
        for lib in sorted(by_parent.get(parent_id, []), key=lambda x: (x.kind != "central", x.name)):
            out.append((lib, depth))
            walk(lib.pk, depth + 1)

    walk(None, 0)
    return out


def library_hours(library: Library) -> list[tuple[int, str, list[OpeningHours]]]:
    """Each weekday with its opening intervals (empty list: closed that day)."""
    hours = list(library.opening_hours.all())
    return [
        (value, label, [h for h in hours if h.weekday == value])
        for value, label in OpeningHours.Weekday.choices
    ]


def closures_current_and_upcoming(library: Library, *, today: date) -> QuerySet[Closure]:
    return library.closures.filter(ends_on__gte=today).order_by("starts_on")


def closure_on(library: Library, day: date) -> Closure | None:
    return library.closures.filter(starts_on__lte=day, ends_on__gte=day).first()


def staff_of(library_ids) -> QuerySet[Membership]:
    qs = Membership.objects.select_related("user", "library")
    if library_ids is not None:
        qs = qs.filter(library_id__in=library_ids)
    return qs.order_by("library__name", "user__last_name", "user__first_name")


def central_library(network) -> Library | None:
    return network.libraries.filter(kind=Library.Kind.CENTRAL).first()


def centers_for_portal() -> QuerySet[Library]:
    """Active libraries that have a center, for the public portal."""
    return (
        Library.objects.filter(is_active=True, has_center=True)
        .select_related("network")
        .prefetch_related("opening_hours")
        .order_by("network__name", "-kind", "name")
    )
