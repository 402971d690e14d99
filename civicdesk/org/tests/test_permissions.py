import pytest

from civicdesk.org.permissions import (
    can_edit_library,
    can_manage_closures,
    can_manage_hours,
    can_manage_services,
    can_manage_staff,
    libraries_visible_to,
)
from civicdesk.org.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


def names(qs):
    return sorted(qs.values_list("name", flat=True))


def test_branch_librarian_sees_only_their_branch(world):
    assert names(libraries_visible_to(world.users["branch_librarian"])) == ["Філія Кричильськ"]


def test_central_staff_see_the_network_not_other_networks(world):
    for role in ("director", "center_head", "consultant", "viewer"):
        assert names(libraries_visible_to(world.users[role])) == [
            "Сарненська ЦРБ", "Філія Кричильськ", "Філія Тутовичі"], role


def test_a_branch_of_a_branch_is_in_reach_of_the_central_staff(world):
    sub = BranchFactory(parent=world.branch, name="Пункт видачі Гута")
    assert sub.pk in libraries_visible_to(world.users["viewer"]).values_list("pk", flat=True)
    assert sub.pk in libraries_visible_to(world.users["branch_librarian"]).values_list(
        "pk", flat=True)


def test_administrator_sees_every_network(world):
    assert libraries_visible_to(world.users["admin"]).count() == 4


def test_user_without_role_sees_nothing(world):
    assert libraries_visible_to(world.users["no_role"]).count() == 0


def test_role_permissions(world):
    u, c, b = world.users, world.central, world.branch
    assert can_edit_library(u["director"], c) and can_edit_library(u["center_head"], b)
    assert not can_edit_library(u["consultant"], c)
    assert not can_edit_library(u["branch_librarian"], b)
    assert can_manage_hours(u["branch_librarian"], b)
    assert not can_manage_hours(u["branch_librarian"], world.other_branch)
    assert can_manage_closures(u["consultant"], b)
    assert not can_manage_closures(u["viewer"], b)
    assert can_manage_staff(u["director"], b) and not can_manage_staff(u["center_head"], b)
    assert can_manage_services(u["center_head"], c.network)
    assert not can_manage_services(u["consultant"], c.network)
    assert not can_manage_services(u["foreign_director"], c.network)
    assert not can_edit_library(u["foreign_director"], c)


def test_inactive_user_has_no_rights(world):
    user = world.users["director"]
    user.is_active = False
    user.save()
    assert libraries_visible_to(user).count() == 0


def test_moving_a_branch_moves_its_branches_and_the_access(world):
    from civicdesk.org import actions

    sub = BranchFactory(parent=world.other_branch, name="Пункт видачі Гута")
    librarian = world.users["branch_librarian"]  # at world.branch
    assert sub.pk not in libraries_visible_to(librarian).values_list("pk", flat=True)
    actions.library_update(library=world.other_branch, parent=world.branch)
    sub.refresh_from_db()
    assert sub.path == f"{world.central.pk}/{world.branch.pk}/{world.other_branch.pk}/{sub.pk}/".join(["/", ""])
    librarian = type(librarian).objects.get(pk=librarian.pk)  # a new request
    assert sub.pk in libraries_visible_to(librarian).values_list("pk", flat=True)
