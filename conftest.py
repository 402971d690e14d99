"""Fixtures shared by every app's tests: a small network with staff of every role."""

from dataclasses import dataclass

import pytest

from civicdesk.org.models import Library, Role
from civicdesk.org.tests.factories import (
    BranchFactory,
    CentralLibraryFactory,
    MembershipFactory,
    UserFactory,
)


@dataclass
class World:
    central: Library
    branch: Library
    other_branch: Library
    foreign_central: Library  # a library of another network on the same server
    users: dict  # role name -> user; plus "branch_librarian", "foreign_director", "admin"


@pytest.fixture
def world(db) -> World:
    central = CentralLibraryFactory(name="Сарненська ЦРБ")
    branch = BranchFactory(parent=central, name="Філія Кричильськ")
    other_branch = BranchFactory(parent=central, name="Філія Тутовичі")
    foreign = CentralLibraryFactory(name="Дубровицька ЦРБ")
    users = {}
    for role in (Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT, Role.VIEWER):
        users[role.value] = MembershipFactory(
            library=central, role=role, user=UserFactory(username=role.value)
        ).user
    users["branch_librarian"] = MembershipFactory(
        library=branch, role=Role.BRANCH_LIBRARIAN, user=UserFactory(username="kr_librarian")
    ).user
    users["foreign_director"] = MembershipFactory(
        library=foreign, role=Role.DIRECTOR, user=UserFactory(username="foreign_director")
    ).user
    users["admin"] = UserFactory(username="admin", is_superuser=True, is_staff=True)
    users["no_role"] = UserFactory(username="nobody")
    return World(central, branch, other_branch, foreign, users)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fresh_setup_flag():
    """Each test starts as a fresh server would: setup state read from its own database."""
    from django.core.cache import cache

    from civicdesk.org.middleware import SetupRequiredMiddleware

    SetupRequiredMiddleware.set_up = False
    cache.clear()
    yield
    SetupRequiredMiddleware.set_up = False
