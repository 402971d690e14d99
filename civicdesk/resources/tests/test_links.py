"""What the link checks do to the catalog: two strikes before "broken", a permanent
redirect proposes the new address, the history is kept, the head's report and its
actions, and the checker refusing the library's own network unless allowed."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from civicdesk.resources import actions, checking, selectors
from civicdesk.resources.checker import CheckResult, Outcome
from civicdesk.resources.fakeweb import FakeWeb
from civicdesk.resources.models import LinkCheck, Resource, ResourceCategory
from civicdesk.resources.reference import categories_seed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def web():
    with FakeWeb(["127.0.0.1"]) as server:
        yield server


@pytest.fixture
def allow_loopback(settings):
    settings.LINKCHECK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.LINKCHECK_CONCURRENCY = 4


@pytest.fixture(autouse=True)
def _categories(db):
    categories_seed()


def _resource(world, url, **fields):
    return actions.resource_create(
        network=world.central.network, title=fields.pop("title", "Сайт громади"), url=url,
        categories=list(ResourceCategory.objects.all()[:1]), **fields)


def _result(url, outcome, **fields):
    return CheckResult(url=url, outcome=outcome, http_status=fields.pop("http_status", None),
                       final_url=fields.pop("final_url", url), redirects=[],
                       new_url=fields.pop("new_url", ""), elapsed_ms=fields.pop("ms", 120),
                       detail="", attempts=1)


def test_a_link_is_broken_only_after_two_failed_checks_in_a_row(world):
    resource = _resource(world, "https://example.org/a")
    checking.record(resource, [_result(resource.url, Outcome.NOT_FOUND, http_status=404)])
    resource.refresh_from_db()
    assert resource.link_status == Resource.LinkStatus.FAILING
    assert resource not in selectors.link_report(resource.network)["broken"]
    # It works again: the count starts over.
    checking.record(resource, [_result(resource.url, Outcome.OK, http_status=200)])
    checking.record(resource, [_result(resource.url, Outcome.TIMEOUT)])
    resource.refresh_from_db()
    assert resource.link_status == Resource.LinkStatus.FAILING
    checking.record(resource, [_result(resource.url, Outcome.DNS_ERROR)])
    resource.refresh_from_db()
    assert resource.link_status == Resource.LinkStatus.BROKEN
    assert resource in selectors.link_report(resource.network)["broken"]
    # Every check is kept, newest last.
    assert list(LinkCheck.objects.filter(resource=resource).order_by("pk")
                .values_list("outcome", flat=True)) == [
        "not_found", "ok", "timeout", "dns_error"]


def test_a_dead_address_in_the_description_counts_too(world):
    resource = _resource(world, "https://example.org/b",
                         description="Форма: https://example.org/form")
    for _ in range(2):
        checking.record(resource, [_result(resource.url, Outcome.OK, http_status=200),
                                   _result("https://example.org/form", Outcome.NOT_FOUND)])
    resource.refresh_from_db()
    assert resource.link_status == Resource.LinkStatus.BROKEN


def test_a_permanent_redirect_proposes_the_new_address_and_the_head_accepts_it(
        world, login):
    resource = _resource(world, "http://example.org/old")
    checking.record(resource, [_result(resource.url, Outcome.REDIRECTED, http_status=301,
                                       new_url="https://example.org/new")])
    resource.refresh_from_db()
    assert resource.link_status == Resource.LinkStatus.REDIRECTED
    assert resource.proposed_url == "https://example.org/new"
    client = login(world.users["center_head"])
    report = client.get(reverse("resources:report", args=[resource.network_id]))
    assert "https://example.org/new" in report.content.decode()
    client.post(reverse("resources:action", args=[resource.pk, "accept"]))
    resource.refresh_from_db()
    assert resource.url == "https://example.org/new" and not resource.proposed_url


def test_slow_and_unreviewed_links_are_reported_and_can_be_dismissed(world, login, settings):
    settings.LINKCHECK_SLOW_MS = 1000
    resource = _resource(world, "https://example.org/slow")
    Resource.objects.filter(pk=resource.pk).update(reviewed_at=None)  # nobody confirmed it
    checking.record(resource, [_result(resource.url, Outcome.OK, http_status=200, ms=4000)])
    report = selectors.link_report(resource.network)
    assert resource in report["slow"] and resource in report["review"]
    client = login(world.users["center_head"])
    client.post(reverse("resources:action", args=[resource.pk, "dismiss"]), {"days": "30"})
    report = selectors.link_report(resource.network)
    assert resource not in report["slow"] and resource not in report["review"]
    # Bad input next to the field: no change.
    other = _resource(world, "https://example.org/slow2")
    client.post(reverse("resources:action", args=[other.pk, "dismiss"]), {"days": "9999"})
    other.refresh_from_db()
    assert other.dismissed_until is None


def test_a_confirmed_resource_leaves_the_review_list_until_the_period_passes(world, login):
    resource = _resource(world, "https://example.org/rev")
    Resource.objects.filter(pk=resource.pk).update(reviewed_at=None)
    assert resource in selectors.link_report(resource.network)["review"]
    client = login(world.users["center_head"])
    client.post(reverse("resources:action", args=[resource.pk, "confirm"]))
    assert resource not in selectors.link_report(resource.network)["review"]
    Resource.objects.filter(pk=resource.pk).update(
        reviewed_at=timezone.now() - timedelta(days=200))
    assert resource in selectors.link_report(resource.network)["review"]


@pytest.mark.parametrize("role, allowed", [("center_head", True), ("director", True),
                                           ("consultant", False), ("viewer", False)])
def test_who_may_act_on_the_report(world, login, role, allowed):
    resource = _resource(world, "https://example.org/perm")
    client = login(world.users[role])
    answer = client.post(reverse("resources:action", args=[resource.pk, "archive"]))
    resource.refresh_from_db()
    assert resource.is_archived is allowed
    assert answer.status_code == (302 if allowed else 403)
    assert client.post(reverse("resources:check_now", args=[resource.network_id])) \
        .status_code == (302 if allowed else 403)


def test_check_now_checks_against_a_local_server(world, login, web, allow_loopback):
    web.reset()
    good = _resource(world, web.url("/ok/1"), title="Працює")
    gone = _resource(world, web.url("/status/404/1"), title="Зник")
    moved = _resource(world, web.url("/location/301/" + web.url("/ok/2").replace(
        ":", "%3A").replace("/", "%2F")), title="Переїхав")
    client = login(world.users["center_head"])
    for _ in range(2):
        assert client.post(reverse("resources:check_now", args=[good.network_id])) \
            .status_code == 302
    for r in (good, gone, moved):
        r.refresh_from_db()
    assert good.link_status == Resource.LinkStatus.OK
    assert gone.link_status == Resource.LinkStatus.BROKEN
    assert gone.last_outcome == "not_found"
    assert moved.link_status == Resource.LinkStatus.REDIRECTED
    assert moved.proposed_url == web.url("/ok/2")
    page = client.get(reverse("resources:report", args=[good.network_id])).content.decode()
    assert "Зник" in page and "Переїхав" in page


def test_the_checker_refuses_the_librarys_own_network_by_default(world, web, settings):
    settings.LINKCHECK_ALLOWED_NETWORKS = []
    settings.LINKCHECK_ALLOW_PRIVATE = False
    web.reset()
    resource = _resource(world, web.url("/ok/3"))
    checking.check([resource.pk])
    resource.refresh_from_db()
    assert resource.last_outcome == "blocked"
    assert sum(c.get("requests", 0) for c in web.stats().values()) == 0  # not one request
    assert not any(c.outcome == "ok" for c in LinkCheck.objects.filter(resource=resource))
