"""Writes on the library network. Each validates, checks the rule, saves; auditlog records it."""

from dataclasses import dataclass
from datetime import date, time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.core import reference_data

from .models import Closure, Library, Membership, Network, OpeningHours, Role

User = get_user_model()

LIBRARY_FIELDS = ("name", "settlement", "address", "phone", "email", "website", "has_center")


@dataclass
class BranchInput:
    name: str
    settlement: str = ""
    address: str = ""
    has_center: bool = False


@transaction.atomic
def network_setup(
    *,
    network_name: str,
    central: dict,
    branches: list[BranchInput],
    admin_username: str,
    admin_password: str,
    admin_first_name: str = "",
    admin_last_name: str = "",
    admin_email: str = "",
) -> Network:
    """First run: the network, its central library, branches and the administrator.

    All or nothing: any invalid part raises ValidationError and writes nothing.
    """
    if Network.objects.exists():
        raise ValidationError(_("civicdesk is already set up."))
    network = Network(name=network_name)
    network.full_clean()
    network.save()
    central_library = library_create(network=network, kind=Library.Kind.CENTRAL, parent=None,
                                     **central)
    for branch in branches:
        library_create(network=network, kind=Library.Kind.BRANCH, parent=central_library,
                       name=branch.name, settlement=branch.settlement,
                       address=branch.address,
                       has_center=branch.has_center)
    user_create(username=admin_username, password=admin_password, first_name=admin_first_name,
                last_name=admin_last_name, email=admin_email, is_superuser=True)
    reference_data.load_all()
    return network


def _check_parent(library: Library, parent: Library | None) -> None:
    if library.kind == Library.Kind.CENTRAL:
        if parent is not None:
            raise ValidationError({"parent": _("A central library has no parent library.")})
        return
    if parent is None:
        raise ValidationError({"parent": _("A branch must belong to a library.")})
    if parent.network_id != library.network_id:
        raise ValidationError({"parent": _("The parent library must be in the same network.")})
    if library.pk and parent.path.startswith(library.path):
        raise ValidationError(
            {"parent": _("A library cannot be placed under itself or under one of its branches.")}
        )


def _check_name_free(library: Library) -> None:
    taken = Library.objects.filter(network_id=library.network_id, name__iexact=library.name)
    if library.pk:
        taken = taken.exclude(pk=library.pk)
    if taken.exists():
        raise ValidationError(
            {"name": _("A library with this name already exists in the network.")})


def _check_single_central(library: Library) -> None:
    if library.kind != Library.Kind.CENTRAL:
        return
    others = Library.objects.filter(network_id=library.network_id, kind=Library.Kind.CENTRAL)
    if library.pk:
        others = others.exclude(pk=library.pk)
    if others.exists():
        raise ValidationError({"kind": _("This network already has a central library.")})


@transaction.atomic
def library_create(*, network: Network, kind: str, parent: Library | None, **fields) -> Library:
    library = Library(network=network, kind=kind, parent=parent, **fields)
    _check_single_central(library)
    _check_parent(library, parent)
    _check_name_free(library)
    library.full_clean()
    library.save()
    return library


@transaction.atomic
def library_update(*, library: Library, parent: Library | None = None, **fields) -> Library:
    library = Library.objects.select_for_update().get(pk=library.pk)
    for name, value in fields.items():
        if name not in LIBRARY_FIELDS + ("is_active",):
            raise TypeError(name)
        setattr(library, name, value)
    if library.kind == Library.Kind.BRANCH:
        _check_parent(library, parent)
        library.parent = parent
    _check_name_free(library)
    library.full_clean()
    library.save()
    return library


@dataclass(frozen=True)
class Interval:
    weekday: int
    opens: time
    closes: time


def interval_problems(intervals: list[Interval]) -> list[tuple[Interval, str]]:
    """Each interval that is wrong, with the reason: ends before it starts, or overlaps."""
    problems = []
    for i in intervals:
        if i.closes <= i.opens:
            problems.append((i, _("Closing time must be after opening time.")))
    by_day: dict[int, list[Interval]] = {}
    for i in intervals:
        if i.closes > i.opens:
            by_day.setdefault(i.weekday, []).append(i)
    for items in by_day.values():
        items.sort(key=lambda x: x.opens)
        for a, b in zip(items, items[1:], strict=False):
            if b.opens < a.closes:
                problems.append((b, _("These hours overlap with %(other)s.")
                                 % {"other": f"{a.opens:%H:%M}–{a.closes:%H:%M}"}))
    return problems


@transaction.atomic
def opening_hours_set(*, library: Library, intervals: list[Interval]) -> list[OpeningHours]:
    """Replace the library's weekly opening hours with `intervals`."""
    problems = interval_problems(intervals)
    if problems:
        raise ValidationError([
            f"{OpeningHours.Weekday(i.weekday).label}: {message}" for i, message in problems
        ])
    library.opening_hours.all().delete()
    rows = [OpeningHours(library=library, weekday=i.weekday, opens=i.opens, closes=i.closes)
            for i in intervals]
    for row in rows:
        row.full_clean()
        row.save()
    return rows


def closure_create(*, library: Library, starts_on: date, ends_on: date, reason: str,
                   note: str = "", created_by=None) -> Closure:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("A closure cannot end before it starts.")})
    closure = Closure(library=library, starts_on=starts_on, ends_on=ends_on, reason=reason,
                      note=note, created_by=created_by)
    # The library and the user come in as objects, and the one constraint (the
    # dates) is checked above and by the database: skip those extra queries.
    closure.full_clean(exclude=["library", "created_by"], validate_constraints=False)
    with transaction.atomic():  # the closure and its audit entry, nothing else under the lock
        closure.save()
    return closure


def closure_delete(*, closure: Closure) -> None:
    closure.delete()


@transaction.atomic
def user_create(*, username: str, password: str, first_name: str = "", last_name: str = "",
                email: str = "", is_superuser: bool = False, password_hash: str = ""):
    """A new account. `password_hash`: the password already hashed (make_password), for
    many accounts given one password at once (hashing takes a quarter of a second)."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("A user with this username already exists.")})
    user = User(username=username, first_name=first_name, last_name=last_name, email=email,
                is_superuser=is_superuser, is_staff=is_superuser)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    if password_hash:  # the caller hashed `password` (make_password)
        identify_hasher(password_hash)  # one Django can check, or ValueError
        user.password = password_hash
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def staff_member_create(*, library: Library, role: str, **user_fields) -> Membership:
    user = user_create(**user_fields)
    return membership_grant(user=user, library=library, role=role)


@transaction.atomic
def membership_grant(*, user, library: Library, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    membership, _created = Membership.objects.update_or_create(
        user=user, library=library, defaults={"role": role}
    )
    return membership


def membership_revoke(*, membership: Membership) -> None:
    membership.delete()


def user_sessions_end(*, user) -> int:
    """Delete every live session of the user (database and cache); returns how many ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user) -> None:
    """Block the account and end its sessions at once."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    user_sessions_end(user=user)


def user_reactivate(*, user) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
