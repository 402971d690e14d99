import json
from datetime import timedelta

from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import pytest
from auditlog.models import LogEntry

from civicdesk.patrons import actions, personal_data
from civicdesk.patrons.categories import social_categories_seed
from civicdesk.patrons.models import Patron, SocialCategory
from civicdesk.patrons.tests.factories import PatronFactory

pytestmark = pytest.mark.django_db


def test_every_model_linked_to_a_patron_has_export_and_anonymisation():
    # Every model with a foreign key, one-to-one or many-to-many pointing at Patron.
    linked = {rel.related_model for rel in Patron._meta.related_objects}
    linked = {m for m in linked if not m._meta.auto_created}
    assert linked  # at least the consents
    registered = {m._meta.label for m in personal_data.registered_models()}
    missing = {m._meta.label for m in linked} - registered
    assert missing == set()


def test_export_holds_everything_and_is_audited(client, world):
    social_categories_seed()
    patron = actions.patron_register(library=world.branch, card_number="K100", surname="Шевчук",
                                     given_name="Олена", birth_year=1970, phone="0671112233",
                                     consent_service=True,
                                     categories=[SocialCategory.objects.get(code="idp")])
    client.force_login(world.users["consultant"])
    r = client.get(reverse("patrons:export", args=[patron.pk]), {"format": "json"})
    data = json.loads(r.content)
    assert data["patron"]["surname"] == "Шевчук"
    assert data["patron"]["social_categories"] == ["Внутрішньо переміщена особа"]
    assert data["consent"][0]["text_version"] == "2026-1"
    assert "attachment" in r["Content-Disposition"]
    exported = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(patron.pk))
    assert exported.actor == world.users["consultant"]
    assert exported.additional_data["export"] == "json"
    html = client.get(reverse("patrons:export", args=[patron.pk])).content.decode()
    assert "Шевчук" in html and "0671112233" in html
    # the head's audit page tells the export (and how) from a look at the record
    client.force_login(world.users["center_head"])
    audit = client.get(reverse("accounts_staff:audit"), {"q": "Шевчук"}).content.decode()
    assert "JSON" in audit and str(_("exported as")) in audit
    client.force_login(world.users["viewer"])
    assert client.get(reverse("patrons:export", args=[patron.pk])).status_code == 403


def test_anonymisation_is_a_dry_run_by_default_and_keeps_counts(world, capsys):
    social_categories_seed()
    idp = SocialCategory.objects.get(code="idp")
    long_ago = timezone.localdate() - timedelta(days=4 * 366)
    old = PatronFactory(library=world.branch, card_number="OLD1", surname="Давній",
                        settlement="с. Кричильськ", registered_on=long_ago)
    old.categories.add(idp)
    recent = PatronFactory(library=world.branch, card_number="NEW1", surname="Новий",
                           settlement="с. Кричильськ")

    def counts():
        return (list(Patron.objects.values("library", "settlement", "birth_year", "sex")
                     .annotate(n=Count("pk")).order_by("library", "settlement")),
                list(SocialCategory.objects.annotate(n=Count("patrons")).values("code", "n")))

    before = counts()
    call_command("anonymise_patrons")
    assert "1 patrons" in capsys.readouterr().out
    assert Patron.objects.get(pk=old.pk).surname == "Давній"

    call_command("anonymise_patrons", "--apply")
    old.refresh_from_db()
    assert (old.surname, old.given_name, old.phone, old.card_number) == ("", "", "", f"ANON-{old.pk}")
    assert old.anonymised_at is not None
    assert Patron.objects.get(pk=recent.pk).surname == "Новий"
    assert counts() == before
    call_command("anonymise_patrons", "--apply")
    assert "0 patrons" in capsys.readouterr().out.splitlines()[-1]


def test_merge_keeps_all_history(client, world):
    social_categories_seed()
    keep = actions.patron_register(library=world.branch, card_number="K001", surname="Бойко",
                                   given_name="Петро", birth_year=1950, consent_service=True)
    dup = actions.patron_register(library=world.branch, card_number="K002", surname="Бойко",
                                  given_name="Петро", birth_year=1950, phone="0501234567",
                                  consent_service=True, confirm_duplicate=True,
                                  categories=[SocialCategory.objects.get(code="pensioner")])
    actions.consent_give(patron=dup, purpose="events")
    client.force_login(world.users["viewer"])
    assert client.get(reverse("patrons:merge", args=[keep.pk])).status_code == 403
    client.force_login(world.users["branch_librarian"])
    url = reverse("patrons:merge", args=[keep.pk])
    r = client.post(url, {"card_number": "k 002"})
    assert r.status_code == 200 and r.context["duplicate"] == dup
    assert Patron.objects.filter(pk=dup.pk).exists()
    r = client.post(url, {"card_number": "K002", "confirm": "True"})
    assert r.status_code == 302
    keep.refresh_from_db()
    assert not Patron.objects.filter(pk=dup.pk).exists()
    assert keep.phone == "0501234567"
    assert list(keep.categories.values_list("code", flat=True)) == ["pensioner"]
    purposes = sorted((c.purpose, c.withdrawn_at is None) for c in keep.consents.all())
    assert purposes == [("events", True), ("service", False), ("service", True)]


def test_merge_refuses_same_or_unknown_record(client, world):
    keep = PatronFactory(library=world.branch, card_number="K1")
    PatronFactory(library=world.other_branch, card_number="T1")
    client.force_login(world.users["branch_librarian"])
    url = reverse("patrons:merge", args=[keep.pk])
    assert client.post(url, {"card_number": "K1"}).context["form"].errors["card_number"]
    assert client.post(url, {"card_number": "T1"}).context["form"].errors["card_number"]
    assert Patron.objects.count() == 2
