from datetime import date, time

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

import pytest

from civicdesk.org import actions
from civicdesk.org.actions import BranchInput, Interval
from civicdesk.org.models import Closure, Library, Membership, Network, OpeningHours
from civicdesk.org.tests.factories import BranchFactory, CentralLibraryFactory
from civicdesk.services.models import Service

pytestmark = pytest.mark.django_db
User = get_user_model()


def setup_kwargs(**over):
    kwargs = dict(
        network_name="Сарненська ЦБС",
        central={"name": "Сарненська ЦРБ", "settlement": "м. Сарни", "address": "вул. Широка, 31",
                 "has_center": True},
        branches=[BranchInput(name="Філія Кричильськ", settlement="с. Кричильськ"),
                  BranchInput(name="Філія Тутовичі", settlement="с. Тутовичі", has_center=True)],
        admin_username="admin",
        admin_password="Vyshyvanka-Sarny-2026",
    )
    kwargs.update(over)
    return kwargs


def test_setup_creates_network_branches_admin_and_services():
    network = actions.network_setup(**setup_kwargs())
    central = network.libraries.get(kind=Library.Kind.CENTRAL)
    assert central.name == "Сарненська ЦРБ"
    assert sorted(central.children.values_list("name", flat=True)) == [
        "Філія Кричильськ", "Філія Тутовичі"]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("Vyshyvanka-Sarny-2026")
    assert Service.objects.filter(network=network).count() == 26


def test_setup_is_all_or_nothing_on_a_weak_password():
    with pytest.raises(ValidationError) as exc:
        actions.network_setup(**setup_kwargs(admin_password="short"))
    assert "password" in exc.value.error_dict
    assert Network.objects.count() == 0
    assert Library.objects.count() == 0
    assert User.objects.count() == 0


def test_setup_refuses_to_run_twice():
    actions.network_setup(**setup_kwargs())
    with pytest.raises(ValidationError):
        actions.network_setup(**setup_kwargs(network_name="Інша ЦБС"))
    assert Network.objects.count() == 1


def test_second_central_library_in_the_same_network_is_refused():
    central = CentralLibraryFactory()
    with pytest.raises(ValidationError) as exc:
        actions.library_create(network=central.network, kind=Library.Kind.CENTRAL, parent=None,
                               name="Ще одна ЦРБ", address="вул. Шкільна, 1")
    assert "kind" in exc.value.error_dict
    assert Library.objects.filter(network=central.network).count() == 1


def test_a_central_library_in_another_network_is_fine():
    CentralLibraryFactory()
    other = CentralLibraryFactory()
    assert other.pk


def test_branch_cannot_be_moved_under_its_own_branch():
    central = CentralLibraryFactory()
    a = BranchFactory(parent=central)
    b = BranchFactory(parent=a)
    with pytest.raises(ValidationError) as exc:
        actions.library_update(library=a, parent=b, name=a.name)
    assert "parent" in exc.value.error_dict
    a.refresh_from_db()
    assert a.parent_id == central.pk


def test_branch_cannot_be_its_own_parent():
    branch = BranchFactory()
    with pytest.raises(ValidationError):
        actions.library_update(library=branch, parent=branch)
    branch.refresh_from_db()
    assert branch.parent_id != branch.pk


def test_branch_parent_must_be_in_the_same_network():
    branch = BranchFactory()
    foreign = CentralLibraryFactory()
    with pytest.raises(ValidationError):
        actions.library_update(library=branch, parent=foreign)


def test_overlapping_hours_are_refused_and_old_hours_kept():
    lib = CentralLibraryFactory()
    actions.opening_hours_set(library=lib, intervals=[Interval(0, time(9), time(18))])
    with pytest.raises(ValidationError) as exc:
        actions.opening_hours_set(library=lib, intervals=[
            Interval(0, time(9), time(13)), Interval(0, time(12), time(18))])
    assert "09:00–13:00" in str(exc.value)
    assert list(lib.opening_hours.values_list("opens", "closes")) == [(time(9), time(18))]


def test_lunch_break_is_two_intervals():
    lib = CentralLibraryFactory()
    actions.opening_hours_set(library=lib, intervals=[
        Interval(0, time(9), time(13)), Interval(0, time(14), time(18))])
    assert OpeningHours.objects.filter(library=lib, weekday=0).count() == 2


def test_hours_closing_before_opening_refused():
    lib = CentralLibraryFactory()
    with pytest.raises(ValidationError):
        actions.opening_hours_set(library=lib, intervals=[Interval(2, time(18), time(9))])
    assert not lib.opening_hours.exists()


def test_closure_ending_before_it_starts_is_refused():
    lib = CentralLibraryFactory()
    with pytest.raises(ValidationError) as exc:
        actions.closure_create(library=lib, starts_on=date(2026, 12, 5),
                               ends_on=date(2026, 12, 1), reason="repairs")
    assert "ends_on" in exc.value.error_dict
    assert Closure.objects.count() == 0


def test_duplicate_username_is_refused_case_insensitively():
    actions.user_create(username="irina", password="Sarny-library-2026!")
    with pytest.raises(ValidationError) as exc:
        actions.user_create(username="Irina", password="Sarny-library-2026!")
    assert "username" in exc.value.error_dict
    assert User.objects.count() == 1


@pytest.mark.parametrize("password", ["short1!", "password1234", "123456789012"])
def test_weak_passwords_refused(password):
    with pytest.raises(ValidationError) as exc:
        actions.user_create(username="olena", password=password)
    assert "password" in exc.value.error_dict
    assert not User.objects.filter(username="olena").exists()


def test_staff_member_create_is_all_or_nothing():
    lib = CentralLibraryFactory()
    with pytest.raises(ValidationError):
        actions.staff_member_create(library=lib, role="wizard", username="olena",
                                    password="Sarny-library-2026!")
    assert not User.objects.filter(username="olena").exists()
    assert Membership.objects.count() == 0


def test_deactivating_a_user_ends_their_sessions(client, world):
    user = world.users["consultant"]
    client.force_login(user)
    assert client.get("/staff/").status_code == 200
    actions.user_deactivate(user=user)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_demo_network_has_staff_of_every_role_and_patrons():
    from civicdesk.org.demo import demo_network_load
    from civicdesk.org.models import Role
    from civicdesk.patrons.models import Patron

    network = demo_network_load()
    assert 5 <= network.libraries.filter(kind="branch").count() <= 10
    roles = set(Membership.objects.filter(library__network=network).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert Patron.objects.filter(library__network=network).count() == 10
    assert demo_network_load() == network  # again: nothing new
    assert Patron.objects.count() == 10
