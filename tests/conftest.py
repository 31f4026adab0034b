"""Shared fixtures: the fixture content, render contexts, and real site builds."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from macros.content import LoadMemo, load_content
from macros.rendering import RenderContext
from macros.safe_markdown import SafeMarkdown

REPO = Path(__file__).resolve().parent.parent
GOOD = REPO / "tests" / "fixtures" / "good"
FIXTURE_NAV = [
    {"Home": "index.md"},
    {"Part": [{"Chapter": "part/chapter.md"}]},
    {"Glossary": "glossary.md"},
    {"Comparisons": "comparisons.md"},
]
# What a site copy needs: configuration, pages, data, renderers and theme.
SITE_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")


@functools.cache
def site_config():
    """The site's effective MkDocs configuration (mkdocs.yml, defaults included)."""
    from mkdocs.config import load_config

    return load_config(str(REPO / "mkdocs.yml"))


def load_fixture(root: Path = GOOD, memo: LoadMemo | None = None):
    return load_content(root, root / "docs", nav=FIXTURE_NAV, memo=memo)


def edit_yaml(root: Path, rel: str, change) -> None:
    """Apply ``change`` to the parsed YAML file ``root/rel`` and write it back."""
    import yaml

    path = root / rel
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.fixture(scope="session")
def fixture_content():
    return load_fixture()


@pytest.fixture(scope="session")
def site_content():
    """The real site's data and pages, loaded and checked as a build loads them."""
    return load_content(REPO, REPO / "docs", nav=site_config()["nav"])


@pytest.fixture
def make_ctx(fixture_content):
    md = SafeMarkdown()

    def make(page_src: str = "part/chapter.md", content=None) -> RenderContext:
        return RenderContext(content or fixture_content, page_src, md)

    return make

@pytest.fixture(scope="module")
def kinds_root(tmp_path_factory):
    """A copy of the fixture content with an item of every kind (tests/kinds_fixture.py)."""
    from tests.kinds_fixture import make_kinds_fixture

    return make_kinds_fixture(tmp_path_factory.mktemp("kinds") / "content")


@pytest.fixture(scope="module")
def kinds_content(kinds_root):
    from tests.kinds_fixture import load_kinds

    return load_kinds(kinds_root)


@pytest.fixture
def fixture_copy(tmp_path) -> Path:
    """A writable copy of the fixture content, for bad-input tests."""
    target = tmp_path / "content"
    shutil.copytree(GOOD, target)
    return target


def copy_site(target: Path) -> Path:
    """Copy the real site's sources to ``target`` so a test can break them."""
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def mkdocs_build(project: Path, out: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """A loopback server for the built site, bound before the build: Material's
    instant navigation only takes links that match the sitemap's URLs, port
    included, so the site is built for the address it is served from."""
    out = tmp_path_factory.mktemp("site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(out)))
    yield out, f"http://127.0.0.1:{server.server_address[1]}/", server
    server.server_close()


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    """The real site, built once per test session with ``mkdocs build --strict``."""
    out, url, _ = site_server
    result = mkdocs_build(REPO, out, site_url=url)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# -- browser tests: the built site served on 127.0.0.1, driven in Chromium ------

# Debian's chromium, or the Chromium or Chrome that DP100_BROWSER names (the
# GitHub workflow names the runner's Chrome); never a browser Playwright downloads.
CHROMIUM = Path(os.environ.get("DP100_BROWSER") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def site_url(built_site, site_server):
    """Serve the built site for the rest of the session."""
    _, url, server = site_server
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs a browser at {CHROMIUM}: Debian's chromium (.ci/run installs it), or set DP100_BROWSER")
        pytest.skip(f"browser tests need a browser at {CHROMIUM}: apt-get install chromium, or set DP100_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class PageWatch:
    """A page whose requests outside the site are blocked and counted, with its errors."""

    def __init__(self, page, site_url: str):
        self.page = page
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self._site = site_url

    def _route(self, route):
        url = route.request.url
        if url.startswith(self._site) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def assert_clean(self):
        assert not self.outside, f"requests outside the site: {self.outside}"
        assert not self.errors, f"errors: {self.errors}"

    @contextlib.contextmanager
    def instant_navigation(self):
        """Checks that the navigation done inside the block swapped pages in
        the same document, as Material's instant navigation does, not reloaded."""
        self.page.evaluate("window.dpSameDocument = true")
        yield
        assert self.page.evaluate("window.dpSameDocument"), "the page was reloaded, not swapped by instant navigation"


@pytest.fixture
def open_page(browser, site_url):
    contexts = []

    def open_page(path: str = "", *, javascript: bool = True, color_scheme: str = "light", width: int | None = None) -> PageWatch:
        """``path`` in a fresh browser context; ``width`` sets the viewport's
        (a phone: 360), which is otherwise Playwright's 1280 x 720."""
        viewport = {"width": width, "height": 800} if width else None
        context = browser.new_context(java_script_enabled=javascript, color_scheme=color_scheme, viewport=viewport)
        contexts.append(context)
        watch = PageWatch(context.new_page(), site_url)
        watch.page.goto(site_url + path)
        return watch

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(axe, page) -> list[str]:
    """axe-core's findings on the page as it is now, one line each."""
    result = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:4]}"
        for v in result.response["violations"]
    ]


def violations_in_both_schemes(axe, page) -> list[str]:
    """axe-core's findings in light and in dark mode, for the page's present
    state: the scheme is switched the way Material's toggle switches it."""
    found = []
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    for scheme in ("default", "slate"):
        page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
        page.wait_for_timeout(400)  # Material's colour transitions (up to 250 ms) finish first
        found += [f"{scheme}: {v}" for v in violations(axe, page)]
    page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", before)
    return found
