"""``mkdocs serve`` that shows a saved change within a second, and never a stale file.

MkDocs' own serve rebuilds the whole site on every save: every page, the print
page, the exports and the Anki deck, seconds that grow with every chapter. The
edit loop rebuilds what the save changed instead:

1. The content (``data/``, and the pages' headings and prose) is loaded again,
   through a memo that skips the files whose text did not change, so every
   check of the full build still runs and an error stops the rebuild as it
   stops the build.
2. Every page is now in doubt: a heading, a term or a quiz shows on other
   pages too. The pages the save changed and the pages open in a browser are
   brought up to date first; then the browsers reload.
3. The other pages are brought up to date in the background, and a request
   for one waits until it is. Bringing a page up to date runs the plugins'
   Markdown step (the macros); only when that gives other Markdown than the
   page was last built from is the page converted, rendered and written.
   Nothing else in a page can change: its template, the navigation and the
   theme are the full build's, and a change to them (``mkdocs.yml``,
   ``overrides/``, ``macros/``, a page added or removed, a title or front
   matter the navigation shows) rebuilds everything.
4. Files made from every page (the search index, the print page, the exports
   and the Anki deck) are made again when first asked for.

A page goes through the same plugin events as in ``mkdocs build``, so the
output check (``hooks.py``) reads every page serve writes, and the print page
and exports when they are made. ``mkdocs build`` never loads this module.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import logging
import posixpath
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG
from urllib.parse import urlsplit

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from watchdog.observers.polling import PollingObserver

from . import BLOCKS_KEY, CONTENT_KEY, load_site_content
from .content import DATA_DIR, LoadMemo

log = logging.getLogger("mkdocs.plugins.dp100.edit_loop")

SEARCH_INDEX = "search/search_index.json"
SEARCH_PLUGIN = "material/search"
# MkDocs looks for changes in the watched folders every half second: a
# quarter of a second lost on average before a save is even seen. Looking
# costs about 3 ms.
POLL_INTERVAL = 0.1
# How long the background work waits after the browsers are told to reload, and
# after each request: serving the reload (the page, then Material's scripts and
# styles) in the same Python process loses every wait for the interpreter lock
# to a busy build thread.
RELOAD_GRACE = 0.4
REQUEST_GRACE = 0.15

# Makes a site-wide file again from the pages as they are: given the config.
MakeOutput = Callable[[object], None]


class Sources:
    """The files a build reads, by content: what a save changed."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.built: dict[Path, str] = {}

    def read(self) -> dict[Path, str]:
        found: dict[Path, str] = {}
        for path in self.paths:
            for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
                parts = file.relative_to(path).parts if path.is_dir() else ()
                # MkDocs leaves out hidden files (an editor's swap file), as does this.
                if file.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in parts):
                    found[file] = hashlib.sha1(file.read_bytes()).hexdigest()
        return found

    def changes(self, now: dict[Path, str]) -> dict[Path, str]:
        """Each file added, removed or changed since the last build: ``"added"``, ``"removed"`` or ``"changed"``."""
        return {path: "added" if path not in self.built else "removed" if path not in now else "changed"
                for path in self.built.keys() | now.keys() if self.built.get(path) != now.get(path)}


class EditLoop:
    """The rebuild that ``mkdocs serve`` runs after a save, and the gate on its
    requests. MkDocs calls the ``on_*`` methods as plugin events (``hooks.py``
    adds it to each build's plugins); :meth:`on_serve` takes over the server."""

    def __init__(self, outputs: dict[str, MakeOutput]) -> None:
        # Site-wide files (a name, or a folder ending in "/") and how each is made.
        self._outputs: dict[str, MakeOutput] = {SEARCH_INDEX: self._make_search_index, **outputs}
        self._memo = LoadMemo()
        self._sources: Sources | None = None
        self._needs_full_build = False
        # The latest build's objects, which pages are rebuilt with.
        self._config = self._files = self._nav = self._env = None
        self._pages: dict[str, Page] = {}  # output name -> page, in build order
        # A page's source key (its Markdown after the plugins, title and front
        # matter): as last read, and as its output was written from.
        self._read_keys: dict[str, str] = {}
        self._built_keys: dict[str, str] = {}
        self._search_entries: dict[str, list] = {}
        self._search_entries_seen = 0

        self._building = threading.RLock()  # one build step at a time: MkDocs and Markdown are not thread-safe
        self._state = threading.Condition()  # guards what follows; never held while building
        self._generation = 0  # counts the saves taken in: work begun for an older one is dropped
        self._pending: dict[str, Page] = {}  # pages not brought up to date since the last save
        self._stale: set[str] = set()  # site-wide files not made since the last save
        self._wanted: Counter[str] = Counter()  # what requests wait for
        self._failed: dict[str, str] = {}  # output -> why it could not be built
        self._anchors_checked = True
        self._viewing: Counter[str] = Counter()  # page -> live-reload polls from a browser showing it
        self._last_page: str | None = None
        self._quiet_until = 0.0
        self._stopped = False
        self._server = self._serve = self._full_build = None

    # -- plugin events: every build, full or not ------------------------------------

    def on_files(self, files, config):
        if self._sources is None:  # the first build: what it read
            self._sources = Sources(self._source_paths(config))
            self._sources.built = self._sources.read()
        self._config, self._files = config, files
        self._search_entries, self._search_entries_seen = {}, 0
        return files

    def on_nav(self, nav, config, files):
        self._nav = nav
        return nav

    def on_env(self, env, config, files):
        self._env = env
        self._pages = {file.dest_uri: file.page for file in self._doc_files()}
        return env

    def on_page_markdown(self, markdown, page, config, files):
        self._read_keys[page.file.src_uri] = self._source_key(page, markdown)
        return markdown

    def on_page_context(self, context, page, config, nav):
        # The search plugin (before this) has just indexed the page.
        search = config.plugins.get(SEARCH_PLUGIN)
        if search is not None:
            entries = search.search_index.entries
            self._search_entries[page.file.src_uri] = entries[self._search_entries_seen:]
            self._search_entries_seen = len(entries)
        return context

    def on_post_page(self, output, page, config):
        # After the output check (hooks.py): this is what is written.
        self._built_keys[page.file.src_uri] = self._read_keys[page.file.src_uri]
        return output

    def on_serve(self, server, config, builder):
        self._server, self._serve, self._full_build = server, server.serve_request, builder
        server.builder = self.rebuild
        server.set_app(self.app)
        # The observer has not started yet: the same watches, on one that looks more often.
        watched = dict(server._watched_paths)
        for path, count in watched.items():
            for _ in range(count):
                server.unwatch(path)
        server.observer = PollingObserver(timeout=POLL_INTERVAL)
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
        threading.Thread(target=self._work, name="edit-loop", daemon=True).start()
        return server

    def on_shutdown(self):
        with self._state:
            self._stopped = True
            self._state.notify_all()

    # -- after a save ------------------------------------------------------------------

    def rebuild(self) -> None:
        """What the server runs after a save (in place of a full build)."""
        now = self._sources.read()
        changes = self._sources.changes(now)
        if not changes and not self._needs_full_build:
            return
        changed_pages = self._changed_pages(changes)
        if any(path.suffix == ".py" for path in changes):
            # mkdocs-macros imports the package once, and MkDocs the hooks.
            log.warning("Python code changed: restart `mkdocs serve` to run it; the site is rebuilt with the code it started with")
        if changed_pages is None or self._needs_full_build:
            self._rebuild_all(now)
        else:
            self._take_in(changed_pages, now)

    def _changed_pages(self, changes: dict[Path, str]) -> list[str] | None:
        """The pages (by output name) whose source changed, or None when the
        change needs a full build."""
        docs = Path(self._config["docs_dir"]).resolve()
        data = Path(self._config["config_file_path"]).resolve().parent / DATA_DIR
        pages = []
        for path, change in changes.items():
            if path.is_relative_to(data):
                continue
            file = self._files.get_file_from_path(path.relative_to(docs).as_posix()) if path.is_relative_to(docs) else None
            if change != "changed" or file is None or file.dest_uri not in self._pages:
                return None
            pages.append(file.dest_uri)
        return pages

    def _rebuild_all(self, now: dict[Path, str]) -> None:
        with self._building:
            with self._state:
                self._generation += 1
                self._pending, self._stale, self._failed = {}, set(), {}
                self._anchors_checked = True
                self._state.notify_all()
            self._needs_full_build = True  # until one succeeds: a failed one leaves half its objects here
            self._full_build()
            self._needs_full_build = False
            self._sources.paths = self._source_paths(self._config)  # `watch:` may have changed
            self._sources.built = now

    def _take_in(self, changed_pages: list[str], now: dict[Path, str]) -> None:
        started = time.perf_counter()
        with self._building, self._stops_like_a_build():
            macros = self._config.plugins["macros"]
            macros.variables[CONTENT_KEY] = load_site_content(macros, self._memo)
            with self._state:
                self._generation += 1
                self._pending = dict(self._pages)
                self._stale = set(self._outputs)
                self._failed = {}
                self._anchors_checked = False
                first = [name for name in self._pages
                         if name in changed_pages or self._viewing[name] or name == self._last_page]
            for name in first:
                self._refresh(self._pages[name])
                with self._state:
                    self._pending.pop(name, None)
            self._sources.built = now
            with self._state:
                self._quiet_until = time.monotonic() + RELOAD_GRACE
                self._state.notify_all()
        log.info(f"Rebuilt {len(first)} of {len(self._pages)} pages in {time.perf_counter() - started:.2f} seconds; "
                 "the others follow in the background")

    @contextlib.contextmanager
    def _stops_like_a_build(self):
        """Problems stop the rebuild as MkDocs' build reports them: a build
        error logged and the rebuild aborted (browsers are not reloaded), and
        in strict mode any warning logged meanwhile."""
        warnings = CountHandler(level=logging.WARNING)
        warnings.addFilter(lambda record: record.thread == threading.get_ident())  # not a request's
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            yield
        except Exception as error:
            if isinstance(error, SystemExit):
                raise
            self._config.plugins.on_build_error(error=error)
            if isinstance(error, BuildError):
                log.error(str(error))
                raise Abort("Aborted with a BuildError!") from None
            raise
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        if self._config.strict and warnings.get_counts():
            counts = ", ".join(f"{count} {level.lower()}s" for level, count in warnings.get_counts())
            raise Abort(f"Aborted with {counts} in strict mode!")

    def _refresh(self, page: Page) -> None:
        """Bring ``page``'s output up to date: the steps of MkDocs'
        ``_populate_page``, but the page is converted and written only if
        its source key changed."""
        config, files, src = self._config, self._files, page.file.src_uri
        shown_in_nav = (page.title, page.meta)
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            if self._read_keys[src] == self._built_keys.get(src):
                return
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        finally:
            # Blocks held for a page that is not converted, or left by an error.
            config.plugins["macros"].variables[BLOCKS_KEY].discard()
            config._current_page = None
        excluded = page.file.inclusion.is_excluded()
        mkdocs_build._build_page(page, config, self._doc_files(), self._nav, self._env, excluded=excluded)
        if (page.title, page.meta) != shown_in_nav:
            # Every page's navigation shows this page's title (and icon, status).
            self._built_keys.clear()
            with self._state:
                self._pending = dict(self._pages)

    # -- the background ------------------------------------------------------------------

    def _work(self) -> None:
        with self._building:  # fill the memo, for the first save
            self._run_safely(lambda: load_site_content(self._config.plugins["macros"], self._memo))
        while True:
            with self._state:
                job = self._next_job()
                while job is None and not self._stopped:
                    self._state.wait(max(self._quiet_until - time.monotonic(), 0.05) if self._pending else None)
                    job = self._next_job()
                if self._stopped:
                    return
                generation = self._generation
            with self._building:
                if generation != self._generation:
                    continue
                kind, name = job
                if kind == "page":
                    problem = self._run_safely(lambda: self._refresh(self._pending[name]))
                elif kind == "output":
                    problem = self._run_safely(lambda: self._outputs[name](self._config))
                else:
                    problem = self._run_safely(self._check_anchors)
                with self._state:
                    self._pending.pop(name, None)
                    self._stale.discard(name)
                    self._anchors_checked = self._anchors_checked or kind == "anchors"
                    if problem:
                        self._failed[name] = problem
                    self._state.notify_all()

    def _next_job(self) -> tuple[str, str] | None:
        for name in self._wanted:
            if name in self._pending:
                return "page", name
        if self._pending and time.monotonic() >= self._quiet_until:
            return "page", next(iter(self._pending))
        if self._pending:
            return None
        if not self._anchors_checked:
            return "anchors", ""
        for name in self._wanted:
            if name in self._stale:
                return "output", name
        return None

    def _run_safely(self, step: Callable[[], object]) -> str | None:
        """Run ``step``; what went wrong, logged, or None."""
        try:
            step()
        except Exception as error:
            log.error(str(error) if isinstance(error, BuildError) else f"{type(error).__name__}: {error}")
            return str(error)
        return None

    def _check_anchors(self) -> None:
        """MkDocs' check of links to other pages' sections, once every page is up to date."""
        warnings = CountHandler(level=logging.WARNING)
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            for page in self._pages.values():
                page.validate_anchor_links(files=self._files, log_level=self._config.validation.links.anchors)
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        if self._config.strict and warnings.get_counts():
            log.error("`mkdocs build --strict` stops on the warnings above")

    def _make_search_index(self, config) -> None:
        search = config.plugins.get(SEARCH_PLUGIN)
        if search is None:
            return
        search.search_index.entries = [entry for page in self._pages.values()
                                       for entry in self._search_entries.get(page.file.src_uri, [])]
        self._search_entries_seen = len(search.search_index.entries)
        search.on_post_build(config=config)

    # -- requests ----------------------------------------------------------------------------

    def app(self, environ, start_response):
        """The server's WSGI app: MkDocs' own, once the file asked for is up to date."""
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            return self._poll(environ, start_response)
        self._wait_for_rebuild()
        name = self._output_name(path)
        with self._state:
            self._quiet_until = max(self._quiet_until, time.monotonic() + REQUEST_GRACE)
            target = self._target(name)
            if target in self._pending or target in self._stale:
                log.debug(f"{name} waits until {target} is up to date")
            if target:
                self._wanted[target] += 1
                self._state.notify_all()
                self._state.wait_for(lambda: target not in self._pending and target not in self._stale or self._stopped)
                self._wanted[target] -= 1
                if not self._wanted[target]:
                    del self._wanted[target]
            problem = self._failed.get(target) if target else None
            if name in self._pages:
                self._last_page = name
        if problem:
            return self._build_error(name, problem, start_response)
        return self._serve_revalidated(name, environ, start_response)

    def _serve_revalidated(self, name: str, environ, start_response):
        """A file other than a page, with a validator the browser must check
        before each use: a reload then refetches nothing unchanged (Material's
        scripts and styles), and reuses their compiled code. Pages carry the
        live-reload script of the moment and are sent whole."""
        if name.endswith(".html"):
            return self._serve(environ, start_response)
        try:
            stat = (Path(self._server.root) / name).stat()
        except (OSError, ValueError):
            stat = None
        if stat is None or not S_ISREG(stat.st_mode):
            return self._serve(environ, start_response)
        validator = [("ETag", f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'), ("Cache-Control", "no-cache")]
        if environ.get("HTTP_IF_NONE_MATCH") == validator[0][1]:
            start_response("304 Not Modified", validator)
            return []
        return self._serve(environ, lambda status, headers, *rest: start_response(status, headers + validator, *rest))

    def _build_error(self, name: str, problem: str, start_response):
        """In place of a file that could not be built: the problem, and for a
        page, MkDocs' live-reload script, so that the save that fixes it
        reloads it."""
        if not name.endswith(".html"):
            start_response("500 Internal Server Error", [("Content-Type", "text/plain; charset=utf-8")])
            return [f"{name} could not be built:\n\n{problem}\n".encode()]
        page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build error</title></head>'
                f"<body><main><h1>{html.escape(name)} could not be built</h1><pre>{html.escape(problem)}</pre>"
                "<p>Fix it and save: this page reloads.</p></main></body></html>")
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8")])
        return [self._server._inject_js_into_html(page.encode(), self._server._visible_epoch)]

    def _poll(self, environ, start_response):
        """A live-reload poll, held open until the next rebuild: its page is on screen."""
        page = self._output_name(urlsplit(environ.get("HTTP_REFERER", "")).path)
        with self._state:
            self._viewing[page] += 1
        try:
            return self._serve(environ, start_response)
        finally:
            with self._state:
                self._viewing[page] -= 1

    def _wait_for_rebuild(self) -> None:
        """Wait while the server's build runs, as MkDocs' own app does first:
        by then a save's rebuild has marked what it left to the background."""
        server = self._server
        with server._epoch_cond:
            server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)

    def _output_name(self, path: str) -> str:
        """The file under the site folder that MkDocs' server sends for ``path``."""
        mount = self._server.mount_path
        if not (path + "/").startswith(mount):
            return ""
        name = path[len(mount):] + ("index.html" if path.endswith("/") else "")
        return posixpath.normpath("/" + name).lstrip("/")

    def _target(self, name: str) -> str | None:
        """The page or site-wide file (a key of ``_outputs``) that ``name`` is part of."""
        if name in self._pages or name in self._outputs:
            return name
        return next((output for output in self._outputs if output.endswith("/") and name.startswith(output)), None)

    # -- helpers ------------------------------------------------------------------------------

    def _doc_files(self):
        return self._files.documentation_pages(inclusion=InclusionLevel.is_in_serve)

    def _source_key(self, page: Page, markdown: str) -> str:
        blocks = self._config.plugins["macros"].variables[BLOCKS_KEY]
        source = json.dumps([page.title, page.meta, blocks.expanded(markdown)], sort_keys=True, default=str)
        return hashlib.sha256(source.encode("utf-8")).hexdigest()

    @staticmethod
    def _source_paths(config) -> list[Path]:
        """What a build reads: the config, the pages, what ``watch:`` names and the theme's overrides."""
        paths = [Path(config["config_file_path"]), Path(config["docs_dir"]), *map(Path, config["watch"])]
        if config["theme"].custom_dir:
            paths.append(Path(config["theme"].custom_dir))
        return list(dict.fromkeys(path.resolve() for path in paths))
