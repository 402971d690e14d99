"""The remaining pages (portal, accounts, admin) for every role and an anonymous visitor."""

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

import pytest

from civicdesk.org.models import Library
from civicdesk.services.catalog import catalog_seed

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "director", "center_head", "consultant", "viewer",
         "branch_librarian", "foreign_director", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_public_and_account_pages_per_role(client, world, role):
    catalog_seed(world.central.network)
    if role != "anonymous":
        client.force_login(world.users[role])
    logged_in = role != "anonymous"
    expected = {
        reverse("portal:home"): 200,
        reverse("portal:services", args=[world.central.network_id]): 200,
        reverse("portal:center", args=[world.central.pk]): 200,
        reverse("accounts:login"): 302 if logged_in else 200,
        reverse("accounts:password_change"): 200 if logged_in else 302,
        reverse("accounts:password_reset"): 200,
        reverse("admin:index"): 200 if role == "admin" else 302,
        reverse("setup"): 404,
        "/healthz": 200,
    }
    got = {url: client.get(url).status_code for url in expected}
    assert got == expected


def test_portal_home_shows_centers_hours_and_contacts(client, world):
    catalog_seed(world.central.network)
    # With centers of two networks the home page lists the networks ...
    html = client.get("/").content.decode()
    assert reverse("portal:services", args=[world.foreign_central.network_id]) in html
    # ... with one, it lists that network's services.
    Library.objects.filter(pk=world.foreign_central.pk).update(has_center=False)
    world.central.phone = "+380 3655 3-12-45"
    world.central.save()
    html = client.get("/").content.decode()
    assert "Сарненська ЦРБ" in html and "+380 3655 3-12-45" in html
    assert "Пошук нормативно-правових актів державного та місцевого рівня" in html
    # a branch without a center is not listed
    Library.objects.filter(pk=world.other_branch.pk).update(has_center=False)
    assert "Філія Тутовичі" not in client.get("/").content.decode()


def test_idle_session_ends(client, world):
    client.force_login(world.users["consultant"])
    assert client.get(reverse("staff:home")).status_code == 200
    from django.core.cache import cache

    # 30 minutes later: the database row has expired, and so has the cached copy
    # (cached for the session's age when it was saved).
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    cache.clear()
    assert client.get(reverse("staff:home")).status_code == 302


def test_second_central_library_refused_in_admin(client, world):
    client.force_login(world.users["admin"])
    r = client.post(reverse("admin:org_library_add"), {
        "network": world.central.network_id, "kind": "central", "name": "Друга ЦРБ",
        "address": "вул. Шкільна, 1", "is_active": "on",
        "opening_hours-TOTAL_FORMS": "0", "opening_hours-INITIAL_FORMS": "0"})
    assert r.status_code == 200
    assert "У цій мережі вже є центральна бібліотека." in r.content.decode()
    assert not Library.objects.filter(name="Друга ЦРБ").exists()
