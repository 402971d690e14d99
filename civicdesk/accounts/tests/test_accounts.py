from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

import pytest
from auditlog.models import LogEntry

from civicdesk.org import actions as org_actions
from civicdesk.org.models import Membership
from civicdesk.org.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_login_and_logout(client, world):
    r = client.post(reverse("accounts:login"), {"username": "consultant", "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == reverse("staff:home")
    assert client.get(reverse("staff:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("staff:home")).status_code == 302


def test_lockout_after_five_failures_for_that_user_and_address(client, world):
    for _ in range(5):
        r = client.post(reverse("accounts:login"), {"username": "consultant", "password": "wrong"},
                        REMOTE_ADDR="10.0.0.5")
    r = client.post(reverse("accounts:login"), {"username": "consultant", "password": PASSWORD},
                    REMOTE_ADDR="10.0.0.5")
    assert r.status_code == 429
    assert "Вхід заблоковано" in r.content.decode()
    # The same person from another address, and another person from this one, still get in.
    r = client.post(reverse("accounts:login"), {"username": "consultant", "password": PASSWORD},
                    REMOTE_ADDR="10.0.0.6")
    assert r.status_code == 302
    client.logout()
    r = client.post(reverse("accounts:login"), {"username": "viewer", "password": PASSWORD},
                    REMOTE_ADDR="10.0.0.5")
    assert r.status_code == 302


def test_passwords_are_hashed_with_argon2(db):
    from django.test import override_settings

    from civicdesk.settings import base

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = org_actions.user_create(username="olena", password="Sarny-library-2026!")
        user.refresh_from_db()
        assert user.password.startswith("argon2$")
        assert user.check_password("Sarny-library-2026!")


def test_password_change_rejects_short_and_common(client, world):
    client.force_login(world.users["consultant"])
    for new in ("short", "password1234"):
        r = client.post(reverse("accounts:password_change"), {
            "old_password": PASSWORD, "new_password1": new, "new_password2": new})
        assert r.status_code == 200
        assert r.context["form"].errors["new_password2"]
    r = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Polissia-forest-2026",
        "new_password2": "Polissia-forest-2026"})
    assert r.status_code == 302


def test_password_reset_sends_a_ukrainian_letter(client, world):
    user = world.users["consultant"]
    user.email = "iryna@example.ua"
    user.save()
    r = client.post(reverse("accounts:password_reset"), {"email": "iryna@example.ua"})
    assert r.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "civicdesk: відновлення пароля"
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_session_expiry_moves_with_use_and_ends_30_minutes_after(client, world, monkeypatch):
    import time as time_module

    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    now = [time_module.time()]
    monkeypatch.setattr("civicdesk.core.middleware.time.time", lambda: now[0])
    client.force_login(world.users["consultant"])
    client.get(reverse("staff:home"))
    first = Session.objects.get().expire_date
    now[0] += 30  # within the minute: no write
    client.get(reverse("staff:home"))
    assert Session.objects.get().expire_date == first
    now[0] += 31  # past the minute: the expiry moves on
    time_module.sleep(1.1)
    client.get(reverse("staff:home"))
    assert Session.objects.get().expire_date > first


def test_security_headers_and_csp_on_every_page(client, world):
    for path in ("/", reverse("accounts:login")):
        r = client.get(path)
        csp = r["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert r["X-Frame-Options"] == "DENY"
        assert r["X-Content-Type-Options"] == "nosniff"
        assert r["Referrer-Policy"] == "same-origin"


def test_forms_require_csrf(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.users["consultant"])
    r = strict.post(reverse("org:closure_create", args=[world.branch.pk]),
                    {"starts_on": "2026-12-01", "ends_on": "2026-12-01", "reason": "holiday"})
    assert r.status_code == 403


# --- staff management ------------------------------------------------------------------

PEOPLE_STATUS = {"anonymous": 302, "no_role": 403, "director": 200, "center_head": 403,
                 "consultant": 403, "viewer": 403, "branch_librarian": 403,
                 "foreign_director": 200, "admin": 200}


@pytest.mark.parametrize("role", PEOPLE_STATUS)
def test_people_pages_per_role(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    assert client.get(reverse("accounts_staff:people")).status_code == PEOPLE_STATUS[role]
    assert client.get(reverse("accounts_staff:person_create")).status_code == PEOPLE_STATUS[role]
    person = reverse("accounts_staff:person", args=[world.users["consultant"].pk])
    expected = 404 if role == "foreign_director" else PEOPLE_STATUS[role]
    assert client.get(person).status_code == expected


def test_director_sees_only_own_network_staff(client, world):
    client.force_login(world.users["foreign_director"])
    html = client.get(reverse("accounts_staff:people")).content.decode()
    assert "foreign_director" in html
    assert "kr_librarian" not in html


def test_director_adds_a_staff_member(client, world):
    client.force_login(world.users["director"])
    r = client.post(reverse("accounts_staff:person_create"), {
        "username": "olena", "last_name": "Шевчук", "first_name": "Олена",
        "library": world.branch.pk, "role": "branch_librarian",
        "password": "Polissia-forest-2026", "password2": "Polissia-forest-2026"})
    assert r.status_code == 302
    m = Membership.objects.get(user__username="olena")
    assert m.library == world.branch and m.role == "branch_librarian"


def test_duplicate_username_message_next_to_the_field(client, world):
    client.force_login(world.users["director"])
    r = client.post(reverse("accounts_staff:person_create"), {
        "username": "consultant", "last_name": "Шевчук", "first_name": "Олена",
        "library": world.branch.pk, "role": "consultant",
        "password": "Polissia-forest-2026", "password2": "Polissia-forest-2026"})
    assert r.status_code == 200
    assert r.context["form"].errors["username"] == ["Користувач з таким логіном уже існує."]
    assert User.objects.filter(username="consultant").count() == 1


def test_director_cannot_grant_a_role_in_another_network(client, world):
    client.force_login(world.users["director"])
    r = client.post(reverse("accounts_staff:person", args=[world.users["viewer"].pk]),
                    {"library": world.foreign_central.pk, "role": "director"})
    assert r.status_code == 200
    assert "library" in r.context["form"].errors
    assert not Membership.objects.filter(library=world.foreign_central,
                                         user=world.users["viewer"]).exists()


def test_deactivation_through_the_page(client, world):
    from django.test import Client

    victim = Client()
    victim.force_login(world.users["consultant"])
    client.force_login(world.users["director"])
    client.post(reverse("accounts_staff:person_active", args=[world.users["consultant"].pk]))
    assert not User.objects.get(username="consultant").is_active
    assert victim.get(reverse("staff:home")).status_code == 302


# --- audit trail -----------------------------------------------------------------------

AUDIT_STATUS = {"anonymous": 302, "no_role": 403, "director": 200, "center_head": 200,
                "consultant": 403, "viewer": 403, "branch_librarian": 403,
                "foreign_director": 200, "admin": 200}


@pytest.mark.parametrize("role", AUDIT_STATUS)
def test_audit_page_per_role(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    assert client.get(reverse("accounts_staff:audit")).status_code == AUDIT_STATUS[role]


def test_changes_are_audited_with_actor_and_filterable(client, world):
    client.force_login(world.users["consultant"])
    client.post(reverse("org:closure_create", args=[world.branch.pk]),
                {"starts_on": "2026-12-01", "ends_on": "2026-12-02", "reason": "power_cut",
                 "note": "Графік відключень"})
    entry = LogEntry.objects.get(content_type__model="closure")
    assert entry.actor == world.users["consultant"]
    assert entry.action == LogEntry.Action.CREATE
    client.force_login(world.users["center_head"])
    r = client.get(reverse("accounts_staff:audit"), {"actor": world.users["consultant"].pk})
    assert entry in r.context["page"].object_list
    r = client.get(reverse("accounts_staff:audit"), {"actor": world.users["viewer"].pk})
    assert entry not in r.context["page"].object_list
    # another network's director does not see it
    client.force_login(world.users["foreign_director"])
    r = client.get(reverse("accounts_staff:audit"))
    assert entry not in r.context["page"].object_list


def test_audit_rows_cannot_be_changed_or_deleted_in_admin(client, world):
    org_actions.closure_create(library=world.branch, starts_on="2026-12-01",
                               ends_on="2026-12-01", reason="holiday")
    entry = LogEntry.objects.latest("timestamp")
    client.force_login(world.users["admin"])
    assert client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk])).status_code in (200, 302)
    r = client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"})
    assert r.status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_admin_only_for_the_administrator_and_in_ukrainian(client, world):
    client.force_login(world.users["director"])
    assert client.get("/admin/").status_code == 302
    client.force_login(world.users["admin"])
    r = client.get("/admin/")
    assert r.status_code == 200
    assert "Адміністрування civicdesk" in r.content.decode()


def test_ukrainian_by_default_whatever_the_browser_says(client, world):
    r = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="uk">' in r.content.decode()
    assert "Наші послуги" in r.content.decode()


def test_language_switch_to_english_and_back(client, world):
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = r.content.decode()
    assert '<html lang="en">' in html and "Our services" in html
    r = client.post("/i18n/setlang/", {"language": "uk", "next": "/"}, follow=True)
    assert "Наші послуги" in r.content.decode()


def test_audit_is_filed_by_library_not_by_who_changed_it(client, world):
    from civicdesk.org.tests.factories import MembershipFactory

    # A director of another network who also helps out in this one edits her own
    # network's library: this network's center head must not see that change ...
    MembershipFactory(user=world.users["foreign_director"], library=world.branch, role="viewer")
    client.force_login(world.users["foreign_director"])
    client.post(reverse("org:library_edit", args=[world.foreign_central.pk]),
                {"name": "Дубровицька ЦРБ", "address": "таємна адреса"})
    # ... and the administrator's change to this network is seen by its director.
    client.force_login(world.users["admin"])
    client.post(reverse("org:closure_create", args=[world.branch.pk]),
                {"starts_on": "2026-12-01", "ends_on": "2026-12-01", "reason": "holiday"})
    client.force_login(world.users["center_head"])
    rows = list(client.get(reverse("accounts_staff:audit")).context["page"].object_list)
    reprs = [e.object_repr for e in rows]
    assert "Дубровицька ЦРБ" not in reprs
    assert any(r.startswith("Філія Кричильськ: 01.12.2026") for r in reprs)
    client.force_login(world.users["foreign_director"])
    rows = list(client.get(reverse("accounts_staff:audit")).context["page"].object_list)
    assert "Дубровицька ЦРБ" in [e.object_repr for e in rows]


def test_director_cannot_deactivate_the_administrator_or_a_foreign_director(client, world):
    from civicdesk.org.tests.factories import MembershipFactory

    MembershipFactory(user=world.users["admin"], library=world.branch, role="viewer")
    MembershipFactory(user=world.users["foreign_director"], library=world.branch, role="viewer")
    client.force_login(world.users["director"])
    for target in ("admin", "foreign_director"):
        r = client.post(reverse("accounts_staff:person_active", args=[world.users[target].pk]))
        assert r.status_code == 403
        assert User.objects.get(pk=world.users[target].pk).is_active
    r = client.post(reverse("accounts_staff:person_active", args=[world.users["viewer"].pk]))
    assert r.status_code == 302
    assert not User.objects.get(pk=world.users["viewer"].pk).is_active


def test_revoking_a_role_out_of_reach_is_refused(client, world):
    foreign = Membership.objects.get(user=world.users["foreign_director"])
    client.force_login(world.users["director"])
    r = client.post(reverse("accounts_staff:membership_revoke", args=[foreign.pk]))
    assert r.status_code == 403
    assert Membership.objects.filter(pk=foreign.pk).exists()
