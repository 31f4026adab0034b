"""``mkdocs serve`` never shows a stale file: after each kind of save, every
file it serves, asked for the moment browsers are told to reload (while the
background is still at work), is byte for byte what ``mkdocs build`` makes of
the same sources."""

from __future__ import annotations

import contextlib
import os
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from macros.content import LoadMemo
from tests.conftest import copy_site, edit_yaml, load_fixture, mkdocs_build
from tests.serve_session import ServeSession

CHAPTER = "docs/workspace/compute-targets.md"
# The section other pages name ("Compute targets › ...") through the exam skills it teaches.
SECTION = "## Create and configure a compute cluster"
# Every file's bytes depend on nothing but the sources: the Anki deck and the
# sitemap carry this date, not the day's.
SOURCE_DATE_EPOCH = "1800000000"

# Kind of save -> the (file, text, replacement) edits it makes, on top of the ones before.
SAVES = {
    # A term the chapter did not name: its "Appears in" grows on the glossary
    # page and on the key-term card of the chapter that teaches it.
    "chapter prose naming another chapter's term": [
        (CHAPTER, "## Key terms", "GPU clusters also train object detection models.\n\n## Key terms")],
    # Same anchor, new words: the exam map and the chapter's exam-skills box name the section.
    "heading that other pages name": [
        (CHAPTER, SECTION, "## Create and scale a compute cluster { #create-and-configure-a-compute-cluster }")],
    "quiz YAML": [("data/quizzes/compute-targets.yml", "Which compute should you provide?",
                   "Which compute should you provide first?")],
    # Its tooltip on every page that names it, its cards, the glossary, the exports.
    "glossary term": [("data/glossary/compute-targets.yml", "that scales between a minimum and maximum node count.",
                       "that grows and shrinks between a minimum and maximum node count.")],
    # On its chapter and on the comparisons page.
    "comparison table": [("data/tables/compute-types.yml", "Notebooks, data exploration and code development",
                          "Notebooks, data exploration and writing code")],
    # A template: the whole site is rebuilt, as MkDocs does.
    "theme override": [("overrides/main.html", "{% block styles %}", "{% block styles %}{# edited #}")],
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    os.environ["SOURCE_DATE_EPOCH"], before = SOURCE_DATE_EPOCH, os.environ.get("SOURCE_DATE_EPOCH")
    try:
        project = copy_site(tmp_path_factory.mktemp("served"))
        with ServeSession(project) as serve:
            yield project, serve
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def edit(project: Path, edits) -> None:
    for rel, old, new in edits:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_serves_what_build_makes(project: Path, serve: ServeSession, out: Path, names: list[str] | None = None) -> list[str]:
    """Ask for every file (``names``, else those of a build made first), then
    build the sources and compare; returns the files' names."""
    if names is None:
        assert mkdocs_build(project, out / "first", site_url=serve.url).returncode == 0
        names = sorted(path.relative_to(out / "first").as_posix() for path in (out / "first").rglob("*") if path.is_file())
    served = {name: serve.get(name) for name in names}
    result = mkdocs_build(project, out / "built", site_url=serve.url)
    assert result.returncode == 0, result.stderr
    built = sorted(path.relative_to(out / "built").as_posix() for path in (out / "built").rglob("*") if path.is_file())
    assert built == names, "the build made other files than the server sent"
    stale = [name for name in names if served[name] != (200, (out / "built" / name).read_bytes())]
    assert not stale, f"{len(stale)} of {len(names)} files differ from a fresh build: {stale[:8]}"
    return names


@pytest.fixture(scope="module")
def site_files(served, tmp_path_factory):
    project, serve = served
    return assert_serves_what_build_makes(project, serve, tmp_path_factory.mktemp("start"))


@pytest.mark.parametrize("kind", SAVES)
def test_after_a_save_every_file_served_is_what_a_build_makes(served, site_files, tmp_path, kind):
    project, serve = served
    epoch = serve.epoch()
    edit(project, SAVES[kind])
    serve.wait_for_reload(epoch)
    assert_serves_what_build_makes(project, serve, tmp_path, site_files)


def test_a_broken_save_is_not_shown_and_its_fix_is(served, site_files, tmp_path):
    """As with MkDocs' own rebuild: the error is logged, browsers are not
    reloaded, and the fix reloads them with every page up to date."""
    project, serve = served
    epoch, seen = serve.epoch(), len(serve.log)
    broken = [("data/quizzes/compute-targets.yml", "teaches: workspace/compute-targets.md#",
               "teaches: workspace/compute-targets.md#no-such-")]
    edit(project, broken)
    deadline = time.monotonic() + 60
    while not any("Content error: data/quizzes/compute-targets.yml: questions[0]" in line for line in serve.log[seen:]):
        assert time.monotonic() < deadline, "\n".join(serve.log[seen:])
        time.sleep(0.1)
    assert not any("Reloading browsers" in line for line in serve.log[seen:]), "\n".join(serve.log[seen:])
    edit(project, [(rel, new, old) for rel, old, new in broken])
    serve.wait_for_reload(epoch)
    assert_serves_what_build_makes(project, serve, tmp_path, site_files)


def fetch(url: str, etag: str | None = None) -> tuple[int, str | None, bytes]:
    """Status, ETag and body of ``url``, sent with ``etag`` as a browser revalidates."""
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers.get("ETag"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag"), error.read()


def test_files_other_than_pages_are_sent_again_only_when_they_changed(served):
    """Material's scripts are not fetched again on each reload; the search
    index, made again after a save, is."""
    project, serve = served
    for path in ("assets/dp100/dp100.css", "search/search_index.json"):
        status, etag, body = fetch(serve.url + path)
        assert status == 200 and etag and body
        assert fetch(serve.url + path, etag)[:2] == (304, etag)
    epoch = serve.epoch()
    edit(project, [(CHAPTER, "## Key terms", "A sentence for the search index.\n\n## Key terms")])
    serve.wait_for_reload(epoch)
    status, new_etag, body = fetch(serve.url + "search/search_index.json", etag)
    assert (status, new_etag != etag) == (200, True) and b"A sentence for the search index." in body


def test_an_open_page_reloads_with_the_change(served, browser):
    project, serve = served
    page = browser.new_page()
    try:
        page.goto(serve.url + "workspace/compute-targets/", wait_until="load")
        page.wait_for_timeout(500)  # its live-reload poll is open
        edit(project, [(CHAPTER, "## Key terms", "A sentence for the open page.\n\n## Key terms")])
        page.wait_for_function("document.body.innerText.includes('A sentence for the open page.')", timeout=60_000)
    finally:
        page.close()


# -- the loop in this process: what it does between two requests -------------------


def test_content_reloaded_through_the_memo_is_the_content_loaded_afresh(fixture_copy):
    """What a save reloads: after each edit, a load with the memo of the loads
    before equals a fresh one, and nothing of an earlier load stays behind (a
    term added, then removed, leaves no section on the glossary page)."""
    memo = LoadMemo()
    load_fixture(fixture_copy, memo)
    new_term = {"id": "node", "term": "Node", "short": "One machine of a cluster.", "details": "One machine.",
                "taught_in": "part/chapter.md#compute-clusters"}
    for change in (
        lambda: edit_yaml(fixture_copy, "data/glossary/chapter.yml", lambda d: d["terms"][0].update(short="A scaling pool.")),
        lambda: edit(fixture_copy, [("docs/part/chapter.md", "## Compare", "## Compare them { #compare }")]),
        lambda: edit_yaml(fixture_copy, "data/glossary/chapter.yml", lambda d: d["terms"].append(new_term)),
        lambda: edit_yaml(fixture_copy, "data/glossary/chapter.yml", lambda d: d["terms"].pop()),
    ):
        change()
        assert load_fixture(fixture_copy, memo) == load_fixture(fixture_copy)
    assert "node" not in load_fixture(fixture_copy, memo).site.pages["glossary.md"].anchors


class Server:
    """What the edit loop uses of MkDocs' live-reload server, no build running."""

    mount_path = "/"

    def __init__(self, site: Path) -> None:
        self.root = site
        self._epoch_cond = threading.Condition()
        self._visible_epoch = self._wanted_epoch = 0

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        return content.replace(b"</body>", b"<script>livereload(%d, 1);</script></body>" % epoch)

    def serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        start_response("200 OK", [])
        return [(self.root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))).read_bytes()]


@pytest.fixture(scope="module")
def loop_site(tmp_path_factory):
    """A copy of the site built as ``mkdocs serve`` builds it first, and its
    edit loop, without the server's threads: each test drives the loop."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_site(tmp_path_factory.mktemp("loop"))
    site = tmp_path_factory.mktemp("loop-site")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    hooks = config.plugins["macros/hooks.py"]
    loop = hooks._Build.edit_loop
    loop._server = Server(site)
    loop._serve = loop._server.serve_request
    return project, site, loop, hooks


def request(loop, path: str) -> tuple[str, bytes]:
    status = []
    body = b"".join(loop.app({"PATH_INFO": path}, lambda code, headers: status.append(code)))
    return status[0], body


def save(project: Path, loop, edits) -> None:
    edit(project, edits)
    loop.rebuild()


@contextlib.contextmanager
def background(loop):
    worker = threading.Thread(target=loop._work)
    loop._stopped = False
    worker.start()
    try:
        yield
    finally:
        loop.on_shutdown()
        worker.join()


def test_saves_that_change_the_whole_site_rebuild_it(loop_site, tmp_path):
    project, _, loop, _ = loop_site
    now = loop._sources.read()
    page, data = project / CHAPTER, project / "data/quizzes/compute-targets.yml"
    assert loop._changed_pages({page: "changed", data: "changed"}) == ["workspace/compute-targets/index.html"]
    for change in ({project / "mkdocs.yml": "changed"}, {project / "macros/quiz.py": "changed"},
                   {project / "overrides/main.html": "changed"}, {project / "docs/new.md": "added"},
                   {page: "removed"}, {project / "docs/picture.png": "added"}):
        assert loop._changed_pages(change) is None, change
    # An editor's swap file is no change at all.
    (project / "docs/workspace/.compute-targets.md.swp").write_bytes(b"x")
    assert loop._sources.read() == now


def test_a_request_for_a_page_not_yet_up_to_date_waits_for_it(loop_site):
    project, site, loop, _ = loop_site
    save(project, loop, [("data/glossary/compute-targets.yml", "An on-demand pool", "A pool, on demand,")])
    assert "glossary/index.html" in loop._pending  # nothing open in a browser, nothing changed a page
    answer = []
    waiting = threading.Thread(target=lambda: answer.append(request(loop, "/glossary/")))
    waiting.start()
    waiting.join(timeout=1)
    assert waiting.is_alive(), "the request did not wait"
    with background(loop):
        waiting.join(timeout=120)
        status, body = answer[0]
        assert status.startswith("200") and b"A pool, on demand," in body
        assert body == (site / "glossary/index.html").read_bytes()
        # The print page is made on request, from the pages as they are now.
        status, body = request(loop, "/print_page/")
        assert status.startswith("200") and b"A pool, on demand," in body


def test_the_output_check_reads_every_page_the_loop_writes(loop_site):
    project, site, loop, hooks = loop_site
    page = site / "workspace/compute-targets/index.html"
    written = page.read_bytes()
    allowed = hooks._Build.allowed
    hooks._Build.allowed = hooks.output_check.allowed_from_theme([], [], "")  # now the theme's own scripts are unsafe
    try:
        with pytest.raises(SystemExit):
            save(project, loop, [(CHAPTER, "## Key terms", "One more sentence.\n\n## Key terms")])
        assert page.read_bytes() == written
        with background(loop):
            status, body = request(loop, "/print_page/")
        assert status.startswith("500") and b"Unsafe output: print_page/index.html" in body
        assert b"<script>livereload(" in body  # the save that fixes it reloads it
        assert not (site / "print_page/index.html").exists()
    finally:
        hooks._Build.allowed = allowed
    save(project, loop, [])


def test_a_title_or_front_matter_the_navigation_shows_rebuilds_every_page(loop_site):
    """Material's navigation shows a page's status (and title, icon) on every page."""
    project, site, loop, _ = loop_site
    chapter = loop._last_page = "workspace/compute-targets/index.html"
    save(project, loop, [(CHAPTER, "---\ndescription:", "---\nstatus: new\ndescription:")])
    assert set(loop._pending) == set(loop._pages) - {chapter}
    with background(loop):
        status, body = request(loop, "/")
    assert b"md-status--new" in body
