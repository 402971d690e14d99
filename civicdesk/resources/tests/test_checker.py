"""The link checker against a fake web on loopback (civicdesk.resources.fakeweb): every
outcome, HEAD refused, Retry-After, redirects, the per-host limit, private addresses."""

import asyncio
import email.utils
import socket
import time
import urllib.parse

import pytest

from civicdesk.resources.checker import (
    AddressPolicy,
    Outcome,
    check_urls,
    check_urls_sync,
    parse_target,
    retry_after,
    says_not_found,
)
from civicdesk.resources.fakeweb import SOFT_404_PAGES, FakeWeb

LOOPBACK = {"allowed_networks": ["127.0.0.0/8"], "timeout": 5}


@pytest.fixture(scope="module")
def web():
    with FakeWeb(["127.0.0.1", "127.0.0.2"]) as server:
        yield server


@pytest.fixture
def fresh(web):
    web.reset()
    return web


def check(url, **options):
    return check_urls_sync([url], **{**LOOPBACK, **options})[url]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quoted(url):
    return urllib.parse.quote(url, safe="")


# --- one test per outcome ----------------------------------------------------


def test_ok_page_is_asked_with_head_then_read_with_get(web):
    url = web.url("/ok/1")
    result = check(url)
    assert result.outcome == Outcome.OK
    assert (result.http_status, result.final_url, result.redirects, result.new_url) == (
        200, url, [], "")
    assert result.detail == "HEAD 200 → GET 200"
    assert result.attempts == 2
    assert not result.outcome.is_broken


def test_non_html_answer_needs_no_get(web):
    result = check(web.url("/text/1"))
    assert (result.outcome, result.detail, result.attempts) == (Outcome.OK, "HEAD 200", 1)


def test_long_page_is_read_only_up_to_the_limit(web):
    result = check(web.url("/big/300/1"))
    assert (result.outcome, result.http_status) == (Outcome.OK, 200)


@pytest.mark.parametrize("status", [404, 410])
def test_not_found(web, status):
    result = check(web.url(f"/status/{status}/1"))
    assert (result.outcome, result.http_status) == (Outcome.NOT_FOUND, status)
    assert result.detail == f"HEAD {status} → GET {status}"
    assert result.outcome.is_broken


def test_server_error(web):
    result = check(web.url("/status/500/1"))
    assert (result.outcome, result.http_status) == (Outcome.SERVER_ERROR, 500)


def test_client_error(web):
    result = check(web.url("/status/401/1"))
    assert (result.outcome, result.http_status) == (Outcome.CLIENT_ERROR, 401)


def test_rate_limited_is_not_broken(web):
    result = check(web.url("/retry/429/99/3600/ok/1"))
    assert (result.outcome, result.http_status, result.attempts) == (Outcome.RATE_LIMITED, 429, 1)
    assert result.detail == "HEAD 429 → Retry-After 3600 s > 30 s"
    assert not result.outcome.is_broken


def test_timeout(web):
    started = time.monotonic()
    result = check(web.url("/hang/1"), timeout=0.5)
    assert (result.outcome, result.http_status) == (Outcome.TIMEOUT, None)
    assert 0.5 <= time.monotonic() - started < 3


def test_dns_error():
    result = check("http://no-such-host.invalid/page")
    assert (result.outcome, result.http_status) == (Outcome.DNS_ERROR, None)


def test_refused():
    result = check(f"http://127.0.0.1:{free_port()}/")
    assert result.outcome == Outcome.REFUSED


def test_tls_error_with_a_certificate_nobody_trusts(tmp_path):
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.3")
    cert.cert_chain_pems[0].write_to_path(tmp_path / "cert.pem")
    cert.private_key_pem.write_to_path(tmp_path / "key.pem")
    with FakeWeb(["127.0.0.3"], ssl_files=(str(tmp_path / "cert.pem"),
                                             str(tmp_path / "key.pem"))) as tls:
        result = check(tls.url("/ok/1"))
    assert result.outcome == Outcome.TLS_ERROR
    assert "certificate" in result.detail


def test_dropped_connection(web):
    result = check(web.url("/drop/1"))
    assert (result.outcome, result.http_status) == (Outcome.DROPPED, None)
    assert result.detail.startswith("HEAD closed without an answer → ")


def test_redirect_loop(web):
    url = web.url("/loop/3/0/x")
    result = check(url)
    assert result.outcome == Outcome.REDIRECT_LOOP
    assert [s for s, _ in result.redirects] == [302, 302, 302]
    assert result.final_url == url


def test_too_many_redirects(web):
    assert check(web.url("/chain/302.302.302/ok/1"), max_redirects=3).outcome == Outcome.OK
    result = check(web.url("/chain/302.302.302.302/ok/1"), max_redirects=3)
    assert result.outcome == Outcome.TOO_MANY_REDIRECTS
    assert len(result.redirects) == 4


@pytest.mark.parametrize("variant", range(len(SOFT_404_PAGES)))
def test_soft_404(web, variant):
    result = check(web.url(f"/soft404/{variant}/1"))
    assert (result.outcome, result.http_status) == (Outcome.SOFT_404, 200)
    assert result.outcome.is_broken


@pytest.mark.parametrize("title", ["Закон України № 404-IX", "Постанова 404 про порядок",
                                   "Пенсійний фонд"])
def test_a_number_404_in_a_title_is_not_a_soft_404(web, title):
    assert check(web.url(f"/html/{quoted(title)}/1")).outcome == Outcome.OK


@pytest.mark.parametrize("url", ["ftp://example.org/file", "javascript:alert(1)", "http://",
                                 "not an address", "mailto:a@example.org", "http://[::1/"])
def test_invalid_addresses_are_not_requested(url):
    result = check_urls_sync([url])[url]
    assert (result.outcome, result.attempts) == (Outcome.INVALID, 0)


def test_redirect_to_another_scheme_is_invalid(web):
    result = check(web.url(f"/location/302/{quoted('mailto:a@example.org')}"))
    assert result.outcome == Outcome.INVALID
    assert result.final_url == "mailto:a@example.org"


# --- HEAD refused, Retry-After ----------------------------------------------


@pytest.mark.parametrize("status", [405, 501, 403, 400])
def test_head_refused_then_get(fresh, status):
    result = check(fresh.url(f"/nohead/{status}/ok/1"))
    assert (result.outcome, result.http_status) == (Outcome.OK, 200)
    assert result.detail == f"HEAD {status} → GET 200"
    assert fresh.stats()["127.0.0.1"]["methods"] == {"HEAD": 1, "GET": 1}


def test_connection_dropped_on_head_then_get(web):
    result = check(web.url("/drophead/ok/1"))
    assert result.outcome == Outcome.OK
    assert result.detail == "HEAD closed without an answer → GET 200"


def test_retry_after_seconds_is_honoured(fresh):
    started = time.monotonic()
    result = check(fresh.url("/retry/429/1/1/ok/1"))
    assert result.outcome == Outcome.OK
    assert time.monotonic() - started >= 1
    assert result.detail == "HEAD 429 → HEAD 200 → GET 200"
    assert result.attempts == 3
    assert result.elapsed_ms < 1000  # the wait is not the site's answer time


def test_retry_after_http_date_is_honoured(fresh):
    started = time.monotonic()
    result = check(fresh.url("/retry/503/1/date2/ok/1"))
    assert result.outcome == Outcome.OK
    assert time.monotonic() - started >= 0.9
    assert result.detail == "HEAD 503 → HEAD 200 → GET 200"


def test_retry_after_beyond_the_cap_is_not_waited_for(fresh):
    started = time.monotonic()
    result = check(fresh.url("/retry/429/1/2/ok/1"), max_retry_wait=1)
    assert result.outcome == Outcome.RATE_LIMITED
    assert time.monotonic() - started < 1
    assert fresh.stats()["127.0.0.1"]["requests"] == 1


def test_retries_are_limited(fresh):
    result = check(fresh.url("/retry/429/9/0/ok/1"), retries=2)
    assert (result.outcome, result.attempts) == (Outcome.RATE_LIMITED, 3)


def test_503_without_retry_after_is_a_server_error_after_the_retries(fresh):
    result = check(fresh.url("/retry/503/9/none/ok/1"), retries=1, retry_wait=0.05)
    assert (result.outcome, result.attempts) == (Outcome.SERVER_ERROR, 3)  # HEAD twice, GET once
    assert result.outcome.is_broken


def test_retry_after_parsing():
    now = time.time()
    assert retry_after("120") == 120
    assert retry_after(email.utils.formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)
    assert retry_after(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0
    assert retry_after(None) is None
    assert retry_after("soon") is None


# --- Redirects ---------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_proposes_the_new_address(web, status):
    url = web.url(f"/chain/{status}/ok/1")
    result = check(url)
    assert result.outcome == Outcome.REDIRECTED
    assert result.new_url == web.url("/ok/1")
    assert result.redirects == [(status, web.url("/ok/1"))]
    assert result.final_url == web.url("/ok/1")
    assert not result.outcome.is_broken


@pytest.mark.parametrize("status", [302, 303, 307])
def test_temporary_redirect_proposes_nothing(web, status):
    result = check(web.url(f"/chain/{status}/ok/1"))
    assert (result.outcome, result.new_url) == (Outcome.OK, "")
    assert result.redirects == [(status, web.url("/ok/1"))]


def test_new_address_is_the_end_of_the_permanent_hops(web):
    result = check(web.url("/chain/301.301.302/ok/1"))
    assert result.outcome == Outcome.REDIRECTED
    assert result.new_url == web.url("/chain/302/ok/1")
    assert [s for s, _ in result.redirects] == [301, 301, 302]
    assert check(web.url("/chain/302.301/ok/1")).new_url == ""


def test_permanent_redirect_to_a_missing_page_proposes_nothing(web):
    result = check(web.url("/chain/301/status/404/1"))
    assert (result.outcome, result.new_url, result.http_status) == (Outcome.NOT_FOUND, "", 404)


# --- Politeness --------------------------------------------------------------


def test_at_most_per_host_connections_to_a_host(fresh):
    urls = [fresh.url(f"/slow/100/ok/{n}", host="127.0.0.2") for n in range(12)]
    urls += [fresh.url(f"/drop/{n}", host="127.0.0.2") for n in range(4)]
    urls += [fresh.url(f"/hang/{n}", host="127.0.0.2") for n in range(2)]
    results = check_urls_sync(urls, per_host=2, timeout=1.0, **{"allowed_networks": ["127.0.0.0/8"]})
    assert [r.outcome for r in results.values()] == (
        [Outcome.OK] * 12 + [Outcome.DROPPED] * 4 + [Outcome.TIMEOUT] * 2)
    counts = fresh.stats()["127.0.0.2"]
    assert counts["max_open"] == 2
    assert counts["requests"] >= 12 * 2 + 4 * 2 + 2


def test_concurrency_limits_the_whole_run(fresh):
    urls = [fresh.url(f"/slow/100/text/{n}", host=h) for n in range(4) for h in ("127.0.0.1", "127.0.0.2")]
    started = time.monotonic()
    check_urls_sync(urls, concurrency=1, per_host=2, **LOOPBACK)
    assert time.monotonic() - started >= 0.8  # 8 requests of 0.1 s one at a time
    assert max(c["max_open"] for c in fresh.stats().values()) == 1


def test_duplicates_are_checked_once_and_order_is_kept(fresh):
    urls = [fresh.url("/text/2"), fresh.url("/text/1"), fresh.url("/text/2")]
    results = check_urls_sync(urls, **LOOPBACK)
    assert list(results) == [urls[0], urls[1]]
    assert fresh.stats()["127.0.0.1"]["requests"] == 2


def test_sync_call_from_inside_an_event_loop(web):
    async def inside():
        return check_urls_sync([web.url("/text/1")], **LOOPBACK)

    assert [r.outcome for r in asyncio.run(inside()).values()] == [Outcome.OK]


def test_async_api(web):
    results = asyncio.run(check_urls([web.url("/text/1")], **LOOPBACK))
    assert [r.outcome for r in results.values()] == [Outcome.OK]


# --- Private addresses (SSRF) --------------------------------------------------


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                                     "169.254.169.254", "100.64.0.1", "0.0.0.0", "[::1]",
                                     "[fe80::1]", "[fc00::1]", "[::ffff:127.0.0.1]"])
def test_private_addresses_are_refused_by_default(address):
    result = check_urls_sync([f"http://{address}:8080/admin"])[f"http://{address}:8080/admin"]
    assert (result.outcome, result.attempts, result.http_status) == (Outcome.BLOCKED, 1, None)
    assert "not a public address" in result.detail


def test_default_options_refuse_the_local_test_server(fresh):
    result = check_urls_sync([fresh.url("/ok/1")])[fresh.url("/ok/1")]
    assert result.outcome == Outcome.BLOCKED
    assert fresh.stats()["127.0.0.1"]["connections"] == 0


def test_a_name_is_refused_when_one_of_its_addresses_is_private(web):
    url = f"http://localhost:{web.port}/ok/1"
    result = check_urls_sync([url])[url]
    assert result.outcome == Outcome.BLOCKED
    assert "localhost →" in result.detail


def test_redirect_to_a_private_address_is_blocked(fresh):
    url = fresh.url(f"/location/302/{quoted('http://10.0.0.1/internal')}")
    result = check(url)
    assert result.outcome == Outcome.BLOCKED
    assert result.final_url == "http://10.0.0.1/internal"
    assert result.redirects == [(302, "http://10.0.0.1/internal")]


def test_redirect_to_an_address_outside_the_allowed_networks_is_blocked(fresh):
    inside = fresh.url("/ok/1", host="127.0.0.1")
    url = fresh.url(f"/location/301/{quoted(inside)}", host="127.0.0.2")
    result = check_urls_sync([url], allowed_networks=["127.0.0.2/32"])[url]
    assert result.outcome == Outcome.BLOCKED
    assert fresh.stats()["127.0.0.1"]["connections"] == 0


def test_address_policy():
    policy = AddressPolicy(False, ["127.0.0.0/8"])
    assert policy.allows("127.0.0.5") and policy.allows("8.8.8.8")
    assert not policy.allows("10.0.0.1") and not policy.allows("::1")
    assert not policy.allows("::ffff:10.0.0.1") and not policy.allows("224.0.0.1")
    assert AddressPolicy(True, []).allows("10.0.0.1")


# --- Pieces ------------------------------------------------------------------


def test_addresses_are_encoded_as_sent():
    target = parse_target("https://Приклад.укр/шлях пенсії?q=так#частина")
    assert target.host == "xn--80aikifvh.xn--j1amh"
    assert target.path == "/%D1%88%D0%BB%D1%8F%D1%85%20%D0%BF%D0%B5%D0%BD%D1%81%D1%96%D1%97?q=%D1%82%D0%B0%D0%BA"
    assert (target.port, target.host_header) == (443, "xn--80aikifvh.xn--j1amh")
    assert parse_target("http://example.org:8080").path == "/"
    assert parse_target("http://example.org:99999/") is None


def test_not_found_texts():
    page = '<html><head><meta charset="windows-1251"><title>{}</title></head><body></body></html>'
    assert says_not_found(page.format("Сторінку не знайдено").encode("cp1251"))
    assert says_not_found(b"<title>Portal</title><h1 class='x'>404 <span>Not Found</span></h1>")
    assert says_not_found("<title>Помилка 404</title>".encode())
    assert says_not_found("<title>Страница не найдена</title>".encode())
    assert not says_not_found("<title>Закон № 404-IX</title>".encode())
    assert not says_not_found("<title>Пенсійний фонд України</title>".encode())
