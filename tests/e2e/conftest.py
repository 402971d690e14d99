"""Browser tests: the real production server (gunicorn) and Debian's headless Chromium.

Each test gets its own server with an empty database: a fresh data folder and,
when DATABASE_URL points at PostgreSQL, a scratch database dropped afterwards.
The tests talk to the server only over HTTP, never through the ORM, so they use
none of pytest-django's database fixtures.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = ROOT / "var" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "psql"}
START_TIMEOUT = 60


# --- Browser --------------------------------------------------------------

@pytest.fixture(autouse=True, scope="module")
def _require_chromium():
    """Before anything else: no browser fails the run in CI and skips elsewhere."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(_require_chromium):
    """Headless Chromium with a fresh temporary profile (launch() makes and removes it).

    Module scope, not session: while Playwright's sync API is running, an asyncio loop
    runs in this thread, and Django would refuse ORM calls in any test that follows.
    """
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)  # two slow cores in CI
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Problems:
    """What the browser saw go wrong: JS errors, console errors (CSP), HTTP errors."""

    def __init__(self):
        self.items: list[str] = []

    def watch(self, page):
        page.on("pageerror", lambda exc: self.items.append(f"page error: {exc}"))
        page.on("console", self._console)
        page.on("response", lambda r: r.status >= 400
                and self.items.append(f"HTTP {r.status} for {r.url}"))
        return page

    def _console(self, msg):
        source = msg.location.get("url", "")
        # No <link rel=icon>: Chromium asks for /favicon.ico, which is a 404. Cosmetic.
        if msg.type == "error" and not source.endswith("/favicon.ico"):
            self.items.append(f"console error ({source}): {msg.text}")


@pytest.fixture
def problems():
    return Problems()


@pytest.fixture
def new_page(browser, problems):
    """new_page(phone=False): a page in its own context (own cookies), Ukrainian browser."""
    contexts = []

    def _new_page(phone: bool = False):
        options = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {
            "viewport": DESKTOP}
        # A library PC runs a Ukrainian system: Accept-Language is uk.
        context = browser.new_context(locale="uk-UA", timezone_id="Europe/Kyiv", **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return problems.watch(context.new_page())

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def shot(request):
    """shot(page, "name"): a full-page PNG in var/screenshots/, numbered in test order."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    prefix = re.sub(r"[^\w]+", "_", request.node.name).strip("_")
    for old in SCREENSHOT_DIR.glob(f"{prefix}-*.png"):
        old.unlink()
    counter = iter(range(1, 100))

    def _shot(page, name: str) -> Path:
        path = SCREENSHOT_DIR / f"{prefix}-{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot


# --- Server ---------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _libpq_url(url: str) -> str:
    # django-environ knows more scheme names than libpq does.
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


@pytest.fixture
def scratch_database():
    """DATABASE_URL for the server: a new PostgreSQL database, or None for SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in POSTGRES_SCHEMES:
        yield None
        return
    import psycopg
    from psycopg import sql

    name = f"civicdesk_e2e_{secrets.token_hex(4)}"
    admin_url = _libpq_url(_with_db(url, "postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _with_db(url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))


def _manage(env: dict, *args: str) -> None:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    if result.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}",
                    pytrace=False)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)  # gunicorn's master stops its workers
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # its own process group (start_new_session)
        proc.wait(timeout=5)


@pytest.fixture
def server(request, tmp_path, scratch_database):
    """Base URL of gunicorn serving civicdesk with production settings and an empty database
    (the demo network loaded when the test is marked `demo_network`)."""
    data_dir = tmp_path / "data"
    # The server's own configuration only: none of the developer's or CI's app settings.
    ignored = ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "ALLOWED_HOSTS", "DEBUG", "EMAIL_URL")
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    port = _free_port()
    env.update({
        "DJANGO_SETTINGS_MODULE": "civicdesk.settings.production",
        "CIVICDESK_DATA_DIR": str(data_dir),
        "HTTPS": "off",
        "BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "1",
        "PYTHONUNBUFFERED": "1",
    })
    if scratch_database:
        env["DATABASE_URL"] = scratch_database

    _manage(env, "migrate", "--noinput", "-v0")
    if request.node.get_closest_marker("demo_network"):
        _manage(env, "load_demo_network")
    _manage(env, "collectstatic", "--noinput", "-v0")

    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {proc.returncode}:\n{log_path.read_text()}",
                            pytrace=False)
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer /healthz in {START_TIMEOUT}s:\n"
                            f"{log_path.read_text()}", pytrace=False)
            time.sleep(0.2)
        yield url
    finally:
        _stop(proc)
        shutil.rmtree(data_dir / "static", ignore_errors=True)
