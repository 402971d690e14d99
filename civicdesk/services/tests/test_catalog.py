from unittest import mock

from django.db.models import ProtectedError
from django.urls import reverse

import pytest

from civicdesk.core import reference_data
from civicdesk.services import actions
from civicdesk.services.catalog import catalog_seed
from civicdesk.services.models import Service, ServiceGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(world):
    catalog_seed(world.central.network)
    return world.central.network


def test_seed_has_one_service_per_bullet_grouped_by_subsection(catalog):
    groups = ServiceGroup.objects.filter(network=catalog).order_by("position")
    assert [g.code for g in groups] == ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.1.6",
                                        "3.1.7"]
    counts = {g.code: g.services.count() for g in groups}
    assert counts == {"3.1.1": 5, "3.1.2": 3, "3.1.3": 5, "3.1.4": 3, "3.1.5": 5, "3.1.6": 3,
                      "3.1.7": 2}
    paid = set(Service.objects.filter(network=catalog, is_paid=True).values_list("code", flat=True))
    assert paid == {"3.1.7.1", "3.1.7.2"}
    assert Service.objects.get(network=catalog, code="3.1.2.1").regulation_text == (
        "нормативно-правових актів державного та місцевого рівня")


def test_seed_is_idempotent_and_keeps_edits(catalog):
    service = Service.objects.get(network=catalog, code="3.1.7.1")
    actions.service_update(service=service, name="Ксерокопіювання документів (А4)")
    assert catalog_seed(catalog) == 0
    reference_data.load_all()
    assert Service.objects.filter(network=catalog).count() == 26
    service.refresh_from_db()
    assert service.name == "Ксерокопіювання документів (А4)"


def test_every_network_gets_its_own_catalog(world, catalog):
    reference_data.load_all()
    assert Service.objects.filter(network=world.foreign_central.network).count() == 26


def test_unused_service_is_deleted(catalog):
    group = ServiceGroup.objects.get(network=catalog, code="3.1.7")
    service = actions.service_create(network=catalog, group=group, name="Сканування")
    assert actions.service_remove(service=service) is True
    assert not Service.objects.filter(name="Сканування").exists()


def test_used_service_is_archived_not_deleted(catalog):
    service = Service.objects.get(network=catalog, code="3.1.7.1")
    # A journal entry (a later module) refers to services with on_delete=PROTECT.
    with mock.patch.object(Service, "delete", side_effect=ProtectedError("used", {service})):
        assert actions.service_remove(service=service) is False
    service.refresh_from_db()
    assert service.is_archived


def test_archived_service_leaves_the_portal(client, catalog):
    service = Service.objects.get(network=catalog, code="3.1.7.1")
    url = reverse("portal:services", args=[catalog.pk])
    assert "Ксерокопіювання" in client.get(url).content.decode()
    actions.service_archive(service=service)
    assert "Ксерокопіювання" not in client.get(url).content.decode()


def test_group_of_another_network_is_refused(world, catalog):
    catalog_seed(world.foreign_central.network)
    foreign_group = ServiceGroup.objects.get(network=world.foreign_central.network, code="3.1.1")
    with pytest.raises(Exception) as exc:
        actions.service_create(network=catalog, group=foreign_group, name="Чужа")
    assert "group" in exc.value.error_dict
    assert not Service.objects.filter(name="Чужа").exists()


ROLES = {"anonymous": (302, 302), "no_role": (403, 403), "director": (200, 200),
         "center_head": (200, 200), "consultant": (200, 403), "viewer": (200, 403),
         "branch_librarian": (200, 403), "foreign_director": (404, 404), "admin": (200, 200)}


@pytest.mark.parametrize("role", ROLES)
def test_service_pages_per_role(client, world, catalog, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    list_status, manage_status = ROLES[role]
    service = Service.objects.get(network=catalog, code="3.1.2.1")
    assert client.get(reverse("services:list", args=[catalog.pk])).status_code == list_status
    assert client.get(reverse("services:create", args=[catalog.pk])).status_code == manage_status
    assert client.get(reverse("services:edit", args=[service.pk])).status_code == manage_status
    r = client.post(reverse("services:archive", args=[service.pk]))
    service.refresh_from_db()
    assert service.is_archived == (manage_status == 200)
    assert r.status_code == (302 if manage_status == 200 else manage_status)


def test_service_form_bad_input(client, world, catalog):
    client.force_login(world.users["center_head"])
    group = ServiceGroup.objects.get(network=catalog, code="3.1.3")
    before = Service.objects.count()
    r = client.post(reverse("services:create", args=[catalog.pk]),
                    {"group": group.pk, "name": "", "position": "перший"})
    assert r.context["form"].errors["name"] == ["Це поле обов'язкове."]
    assert "position" in r.context["form"].errors
    r = client.post(reverse("services:create", args=[catalog.pk]),
                    {"group": group.pk, "name": "Ксерокопіювання", "position": "1"})
    assert r.context["form"].errors["name"] == ["Послуга з такою назвою вже є."]
    r = client.post(reverse("services:create", args=[catalog.pk]),
                    {"group": group.pk, "name": "х" * 301, "position": "1"})
    assert "name" in r.context["form"].errors
    assert Service.objects.count() == before


def test_service_created_by_center_head(client, world, catalog):
    client.force_login(world.users["center_head"])
    group = ServiceGroup.objects.get(network=catalog, code="3.1.3")
    r = client.post(reverse("services:create", args=[catalog.pk]),
                    {"group": group.pk, "name": "Консультування з питань Дія.Підпис",
                     "position": "9", "description": "<b>КЕП</b>"})
    assert r.status_code == 302
    html = client.get(reverse("services:list", args=[catalog.pk])).content.decode()
    assert "Консультування з питань Дія.Підпис" in html


def test_regulation_service_is_archived_and_seeding_survives_a_taken_name(client, world, catalog):
    service = Service.objects.get(network=catalog, code="3.1.7.1")
    assert actions.service_remove(service=service) is False
    service.refresh_from_db()
    assert service.is_archived
    Service.objects.filter(pk=service.pk).delete()  # even if it was removed by other means
    group = ServiceGroup.objects.get(network=catalog, code="3.1.7")
    actions.service_create(network=catalog, group=group, name="Ксерокопіювання")
    reference_data.load_all()  # what `make run` does at every start
    assert Service.objects.filter(network=catalog, name__iexact="Ксерокопіювання").count() == 1


@pytest.mark.parametrize("role,status", [("consultant", 403), ("foreign_director", 404)])
def test_service_remove_out_of_reach(client, world, catalog, role, status):
    group = ServiceGroup.objects.get(network=catalog, code="3.1.7")
    service = actions.service_create(network=catalog, group=group, name="Сканування")
    client.force_login(world.users[role])
    assert client.post(reverse("services:remove", args=[service.pk])).status_code == status
    assert Service.objects.filter(pk=service.pk).exists()
