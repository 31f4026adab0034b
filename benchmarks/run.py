"""Speed and size figures for the site, measured side by side in one run.

    python benchmarks/run.py [--runs 5] [--edit-runs 7] [--lighthouse-runs 3] [--no-lighthouse]

Prints, and writes to benchmarks/RESULTS.md with the date and machine (other
sections of that file are kept as they are):

1. Build time: ``mkdocs build --strict`` of the full site against plain
   Material building the same content: each page's Markdown as our macros
   make it, written out once, built with neither the macros plugin nor our
   hooks. Runs alternate; median ratio (target at most 1.25x); then one build
   of each timed phase by phase (build_phases.py), to show where the time goes.
2. The edit loop (edit_loop.py): with ``mkdocs serve`` running, from saving a
   chapter's Markdown, a quiz's YAML or a glossary term to the live-reloaded
   page showing it; median per kind of change (target within 1 s).
3. Reader cost per page: requests and gzipped bytes of everything Chromium
   fetches to show it, on a first visit and as the next page of a visit; our
   own JS + CSS gzipped (target under 10 KiB together; no page over 300 KiB
   but the whole-guide print page, reported on its own).
4. Lighthouse scores (npm ``lighthouse`` run with the tests' Chromium) for
   every page in light and dark mode, the median of several runs, as a single
   run's performance score moves by several points. Targets: accessibility,
   best practices and SEO 100 everywhere; performance 100 on the home page
   and at least 98 on every chapter.
5. The printed guide: the whole-guide page (``print_page``) printed by
   Chromium to an A4 PDF, as a reader's "Save as PDF" does, with the site's
   print styles and, in the same run, with the print rules of our own
   stylesheet switched off (Material's print styles alone).

Figures, not assertions: the test suite never times anything. Needs the test
requirements (Playwright drives the browser) and npm, which installs
Lighthouse into benchmarks/node_modules on the first run.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from results import write_sections

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edit_loop import CHANGES, edit_loop_times  # noqa: E402
from macros.content import flatten_nav  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.serve_session import free_port  # noqa: E402

# What every page loads; each study tool adds study-ui.js, study.css and its own module on its page only.
OWN_ASSETS = ("assets/dp100/store.js", "assets/dp100/dp100.js", "assets/dp100/dp100.css")
STUDY_TOOLS = ("practice-exam", "review", "flashcards", "progress")
PRINT_PAGE = "print_page/"
# What a chapter page adds when its quiz has items of kinds other than choice.
QUIZ_KINDS_ASSETS = ("assets/dp100/quiz-kinds.js", "assets/dp100/quiz-kinds.css")
# Chromium follows the system's colour scheme; this flag makes it dark.
SCHEMES = {"light": [], "dark": ["--force-dark-mode"]}
# The scheme Material shows in each, on the page's body.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
# The targets (issue 16).
BUILD_RATIO_TARGET = 1.25
EDIT_LOOP_TARGET = 1.0
HOME_PERFORMANCE_TARGET = 100
CHAPTER_PERFORMANCE_TARGET = 98


# The site is built for the address Lighthouse will load it from, so canonical
# links and the sitemap match it.
PORT = free_port()
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{PORT}/")


# -- 1. build time -------------------------------------------------------------

def write_expanded_docs(docs: Path) -> None:
    """docs/ with each page as the Markdown our macros make of it: their HTML
    in place of each call, the glossary's tooltip definitions appended, the
    front matter kept. Built once, in this process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    from macros import BLOCKS_KEY

    shutil.copytree(ROOT / "docs", docs)
    render = Page.render

    def write_then_render(page, config, files):
        blocks = config.plugins["macros"].variables[BLOCKS_KEY]
        meta = f"---\n{yaml.safe_dump(page.meta, allow_unicode=True)}---\n\n" if page.meta else ""
        (docs / page.file.src_uri).write_text(meta + blocks.expanded(page.markdown), encoding="utf-8")
        return render(page, config, files)

    Page.render = write_then_render
    try:
        with tempfile.TemporaryDirectory() as site:
            build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=site))
    finally:
        Page.render = render


def mkdocs_config() -> dict:
    class ConfigLoader(yaml.SafeLoader):
        """Reads mkdocs.yml; its !ENV values are not needed here."""

    ConfigLoader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=ConfigLoader)


def plain_config(docs: Path) -> Path:
    """The same config without our code (the macros plugin, the hooks),
    building ``docs``, strictly."""
    plugins = [p for p in mkdocs_config()["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    path = ROOT / f".preview-plain-{os.getpid()}.yml"
    path.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": plugins, "hooks": [], "docs_dir": str(docs)}))
    return path


def build_phases(args: list[str], out: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_phases.py"), "-q", "-d", str(out), *args],
                            cwd=ROOT, env=ENV, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def timed_build(args: list[str], out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out), *args],
                   cwd=ROOT, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def build_times(runs: int, workdir: Path) -> dict:
    write_expanded_docs(workdir / "expanded")
    plain = plain_config(workdir / "expanded")
    try:
        ours, stock = [], []
        for _ in range(runs):  # alternate, so drift in machine load hits both alike
            ours.append(timed_build(["--strict"], workdir / "ours"))
            stock.append(timed_build(["-f", str(plain)], workdir / "plain"))
        phases = {"ours": build_phases(["--strict"], workdir / "ours"),
                  "plain": build_phases(["-f", str(plain)], workdir / "plain")}
    finally:
        plain.unlink()
    ratios = [a / b for a, b in zip(ours, stock)]
    return {"ours": statistics.median(ours), "plain": statistics.median(stock), "ratio": statistics.median(ratios),
            "phases": phases}


# -- 3. reader cost ------------------------------------------------------------

def start_server(site: Path, handler: type[SimpleHTTPRequestHandler], port: int = 0) -> ThreadingHTTPServer:
    """``site`` served on 127.0.0.1 from a thread; the caller shuts it down."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def page_costs(site: Path) -> tuple[list[dict], int]:
    """What Chromium fetches to show each page, served like GitHub Pages:
    a first visit with an empty cache, and the same page opened next, from
    another page of the site, when the shared files are cached."""
    from playwright.sync_api import sync_playwright

    server = start_server(site, GzipServer)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = sorted(html.parent.relative_to(site).as_posix() for html in site.rglob("index.html"))

    def until_quiet(tab) -> list[tuple[str, int]]:
        # "Network idle" can come while a long page is still being parsed,
        # before its scripts ask for more: wait instead until the server has
        # sent nothing for a full second.
        quiet, count = 0, -1
        while quiet < 4:
            tab.wait_for_timeout(250)
            quiet, count = (quiet + 1, count) if len(GzipServer.sent) == count else (0, len(GzipServer.sent))
        return list(GzipServer.sent)

    def visit(context, page: str):
        """A new tab showing ``page``, and what the server sent for it."""
        tab = context.new_page()
        GzipServer.sent.clear()
        tab.goto(base + ("" if page == "." else f"{page}/"), wait_until="load")
        return tab, until_quiet(tab)

    costs = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for page in pages:
                with browser.new_context() as context:
                    _, first = visit(context, page)
                with browser.new_context() as context:
                    visit(context, "." if page != "." else "glossary")
                    _, next_page = visit(context, page)
                costs.append({
                    "page": page,
                    "requests": len(first),
                    "bytes": sum(size for _, size in first),
                    "next_requests": len(next_page),
                    "next_bytes": sum(size for _, size in next_page),
                })
            # The search index is fetched once the reader first opens search.
            with browser.new_context() as context:
                tab, _ = visit(context, ".")
                GzipServer.sent.clear()
                tab.keyboard.press("s")
                first_search = until_quiet(tab)
            browser.close()
    finally:
        server.shutdown()
    return costs, sum(size for _, size in first_search)


# -- 5. the printed guide ---------------------------------------------------------

# Takes the @media print rules out of our stylesheet: the page as Material
# alone would print it.
WITHOUT_OUR_PRINT_RULES = """() => {
  for (const sheet of document.styleSheets) {
    if (!(sheet.href || '').includes('assets/dp100/')) continue;
    for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
      if (sheet.cssRules[i].media && sheet.cssRules[i].media.mediaText.includes('print')) sheet.deleteRule(i);
    }
  }
}"""


def printed_pages(site: Path) -> dict[str, int]:
    """A4 pages of the whole guide printed from Chromium, with our print
    rules and without them."""
    from playwright.sync_api import sync_playwright

    server = start_server(site, Quiet)
    pages = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for styles in ("ours", "material"):
                tab = browser.new_page()
                tab.goto(f"http://127.0.0.1:{server.server_address[1]}/print_page/", wait_until="networkidle")
                if styles == "material":
                    tab.evaluate(WITHOUT_OUR_PRINT_RULES)
                # Chromium writes one page object per page.
                pages[styles] = len(re.findall(rb"/Type\s*/Page\b", tab.pdf(format="A4")))
                tab.close()
            browser.close()
    finally:
        server.shutdown()
    return pages


# -- 4. Lighthouse ----------------------------------------------------------------

def lighthouse_pages() -> dict[str, int | None]:
    """Every page's address, with its performance target: the home page's,
    a chapter's (the numbered parts and the legacy page), or none."""
    nav = mkdocs_config()["nav"]
    chapters = [src for section in nav for title, pages in section.items() if title[0].isdigit() for src in flatten_nav(pages)]
    pages = {}
    for src in flatten_nav(nav):
        url = "" if src == "index.md" else src.removesuffix("index.md").removesuffix(".md") + "/"
        pages[url] = HOME_PERFORMANCE_TARGET if src == "index.md" else (
            CHAPTER_PERFORMANCE_TARGET if src in chapters or src == "legacy.md" else None)
    pages[PRINT_PAGE] = None
    return pages


def lighthouse_scores(site: Path, runs: int) -> list[dict] | str:
    binary = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        install = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(ROOT / "benchmarks"), "lighthouse@12.8.2"],
                                 capture_output=True, text=True)
        if install.returncode or not binary.exists():
            return f"lighthouse not installed: {install.stderr.strip()[-300:]}"
    server = start_server(site, GzipServer, PORT)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        for scheme, flags in SCHEMES.items():
            shown = material_scheme(base, flags)
            if shown != MATERIAL_SCHEME[scheme]:
                return f"Chromium with {flags or 'no flag'} showed Material's {shown!r} scheme, not {MATERIAL_SCHEME[scheme]!r}"
            for page, target in lighthouse_pages().items():
                results = [lighthouse_run(binary, base + page, flags) for _ in range(runs)]
                errors = [result for result in results if isinstance(result, str)]
                row = {"page": page or "/", "scheme": scheme, "target": target}
                if errors:
                    rows.append({**row, "error": errors[0]})
                    continue
                rows.append({**row, **{k: statistics.median(result[k] for result in results) for k in results[0]},
                             "performance_range": (min(r["performance"] for r in results), max(r["performance"] for r in results))})
    finally:
        server.shutdown()
    return rows


def material_scheme(url: str, flags: list[str]) -> str:
    """The colour scheme Material shows in Chromium started with ``flags``."""
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([str(CHROMIUM), "--headless=new", *CHROMIUM_ARGS, *flags, f"--user-data-dir={profile}",
                              "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    found = re.search(r'<body[^>]*data-md-color-scheme="([^"]*)"', dom)
    return found.group(1) if found else "none"


def lighthouse_run(binary: Path, url: str, flags: list[str]) -> dict[str, int] | str:
    """One Lighthouse run: the four category scores, or the error."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [str(binary), url, "--quiet", "--output=json", "--output-path=stdout",
             f"--chrome-path={CHROMIUM}", "--only-categories=performance,accessibility,best-practices,seo",
             f"--chrome-flags=--headless=new {' '.join([*CHROMIUM_ARGS, *flags])} --user-data-dir={profile}"],
            capture_output=True, text=True, timeout=300,
        )
    if result.returncode:
        return result.stderr.strip()[-200:]
    report = json.loads(result.stdout)
    return {k: round(v["score"] * 100) for k, v in report["categories"].items()}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class GzipServer(Quiet):
    """Serves like a static host such as GitHub Pages: text gzipped, cacheable.
    Records the path and body size of each response it sends."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
    sent: list[tuple[str, int]] = []

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            if path.is_file():
                self.sent.append((self.path, path.stat().st_size))
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.sent.append((self.path, len(body)))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


# -- report -------------------------------------------------------------------------

def met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def build_section(times: dict, runs: int) -> list[str]:
    phases = times["phases"]
    return [
        "## Build time",
        "",
        f"- Full site, `mkdocs build --strict`: median {times['ours']:.2f} s over {runs} runs",
        f"- Plain Material building the same content (each page's Markdown as our macros make it, written out "
        f"once; no macros plugin, none of our hooks), strict: median {times['plain']:.2f} s",
        f"- **Median ratio: {times['ratio']:.2f}x** (target at most {BUILD_RATIO_TARGET}x): {met(times['ratio'] <= BUILD_RATIO_TARGET)}",
        "",
        "Where the time goes, one build of each, in seconds. Plain Material runs print-site's link and anchor "
        "rewriting over whole lines of the print page and the abbr extension on every use of a term; the full "
        "build runs the first tag by tag and wraps a term's first use only (`macros/hooks.py`, `macros/glossary.py`).",
        "",
        "| Phase | Full site | Plain Material, same content |",
        "| --- | ---: | ---: |",
        *[f"| {phase} | {phases['ours'].get(phase, 0):.2f} | {phases['plain'].get(phase, 0):.2f} |" for phase in phases["ours"]],
    ]


def edit_loop_section(times: dict[str, list[float]], load: tuple[float, float]) -> list[str]:
    medians = {kind: statistics.median(seconds) for kind, seconds in times.items()}
    return [
        "## Edit loop",
        "",
        "A contributor saves a file with `mkdocs serve` (the README's command) running and a chapter open in "
        "Chromium: seconds from the write to the live-reloaded page holding the change, for each kind of change "
        f"in turn, {len(next(iter(times.values())))} of each (`benchmarks/edit_loop.py`). Load average over the "
        f"last minute: {load[0]:.1f} before, {load[1]:.1f} after, on {os.cpu_count()} cores.",
        "",
        "| Change | Median | Target | | Each save |",
        "| --- | ---: | ---: | --- | --- |",
        *[f"| {kind} (`{CHANGES[kind][0]}`) | **{medians[kind]:.2f} s** | {EDIT_LOOP_TARGET:g} s | "
          f"{met(medians[kind] <= EDIT_LOOP_TARGET)} | {', '.join(f'{s:.2f}' for s in seconds)} |"
          for kind, seconds in times.items()],
    ]


def reader_cost_section(costs: list[dict], own: int, tools: dict[str, int], first_search: int, quiz_kinds: int) -> list[str]:
    # The print page is the whole guide on one page (issue #6): reported on its own.
    whole_guide = next((c for c in costs if c["page"] == PRINT_PAGE.rstrip("/")), None)
    heaviest = max((c for c in costs if c["page"] != PRINT_PAGE.rstrip("/")), key=lambda c: c["bytes"])
    return [
        "## Reader cost (gzipped)",
        "",
        "Everything Chromium fetches to show each page, until the server has been quiet for a second, served gzipped "
        "and cacheable like GitHub Pages. *First visit*: an empty cache. *Next page*: the same page "
        "opened from another page of the site, the shared files cached.",
        "",
        f"- Our JS + CSS together: **{own / 1024:.1f} KiB** (target under 10 KiB)",
        "- Study tools, on their own page only (shared study-ui.js and study.css + the tool's module): "
        + ", ".join(f"{tool} {size / 1024:.1f} KiB" for tool, size in tools.items()),
        f"- Heaviest page on a first visit: `{heaviest['page']}`, **{heaviest['bytes'] / 1024:.1f} KiB** in "
        f"{heaviest['requests']} requests (target: no page over 300 KiB)",
        f"- Item kinds beyond choice questions, only on a chapter whose quiz has them (quiz-kinds.js + quiz-kinds.css): "
        f"{quiz_kinds / 1024:.1f} KiB",
        f"- Opening search the first time on a visit: {first_search / 1024:.1f} KiB more, the site-wide "
        "search index (held back until then; cached for the rest of the visit)",
        *([f"- The whole guide on one page (`print_page`, for printing; no size target): {whole_guide['bytes'] / 1024:.1f} KiB "
           f"on a first visit, {whole_guide['next_bytes'] / 1024:.1f} KiB as a next page"]
          if whole_guide else []),
        "",
        "| Page | First visit: requests | KiB | Next page: requests | KiB |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[f"| `{c['page']}` | {c['requests']} | {c['bytes'] / 1024:.1f} | {c['next_requests']} | {c['next_bytes'] / 1024:.1f} |"
          for c in costs],
    ]


def printed_section(printed: dict[str, int]) -> list[str]:
    return [
        "## The printed guide",
        "",
        "The whole-guide page (`print_page`) printed by Chromium to an A4 PDF (Playwright's `page.pdf()`, Chromium's "
        "default margins), in the same run with the print rules of `dp100.css` switched off.",
        "",
        f"- With the guide's print styles (quizzes compact, each chapter's answer key after its questions): "
        f"**{printed['ours']} pages**",
        f"- With Material's print styles alone: {printed['material']} pages "
        f"(**{printed['ours'] / printed['material']:.2f}x**)",
    ]


def page_and_scheme(row: dict) -> str:
    return f"`{row['page']}` {row['scheme']}"


def lighthouse_section(scores: list[dict] | str, runs: int) -> list[str]:
    lines = ["## Lighthouse", ""]
    if isinstance(scores, str):
        return lines + [f"Not measured: {scores}"]
    failed = [row for row in scores if "error" in row]
    measured = [row for row in scores if "error" not in row]
    short = [f"{page_and_scheme(row)} ({category} {row[category]:g})" for row in measured
             for category in ("accessibility", "best-practices", "seo") if row[category] < 100]
    slow = [f"{page_and_scheme(row)} ({row['performance']:g})" for row in measured
            if row["target"] is not None and row["performance"] < row["target"]]
    chapters = [row for row in measured if row["target"] == CHAPTER_PERFORMANCE_TARGET]
    home = [f"{row['scheme']} {row['performance']:g}" for row in measured if row["target"] == HOME_PERFORMANCE_TARGET]
    lowest = {scheme: min((row for row in chapters if row["scheme"] == scheme), key=lambda row: row["performance"], default=None)
              for scheme in SCHEMES}
    lines += [
        f"Every page in light and dark mode (Chromium started with `--force-dark-mode`, and Material's dark scheme "
        f"checked on the home page), median of {runs} runs per page and scheme, Lighthouse's default mobile settings, "
        "served gzipped like GitHub Pages.",
        "",
        f"- Accessibility, best practices and SEO 100 on every page in both schemes: {met(not short and not failed)}"
        + (f": {', '.join(short)}" if short else ""),
        f"- Performance on the home page: {', '.join(home)} (target {HOME_PERFORMANCE_TARGET})",
        "- Performance on the chapters, lowest: "
        + ", ".join(f"{scheme} {row['performance']:g} (`{row['page']}`)" for scheme, row in lowest.items() if row)
        + f" (target at least {CHAPTER_PERFORMANCE_TARGET} on every one)",
        f"- Performance targets: {met(not slow and not failed)}" + (f"; below target: {', '.join(slow)}" if slow else ""),
        *([f"- Not measured: {', '.join(page_and_scheme(row) for row in failed)}: {failed[0]['error']}"] if failed else []),
        "",
        "Each cell: light / dark; performance with its range over the runs in brackets.",
        "",
        "| Page | Performance target | Performance | Accessibility | Best practices | SEO |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    pages = dict.fromkeys(row["page"] for row in scores)
    for page in pages:
        rows = {row["scheme"]: row for row in scores if row["page"] == page}
        target = next(iter(rows.values()))["target"]

        def cell(category: str) -> str:
            values = []
            for scheme in SCHEMES:
                row = rows.get(scheme)
                if row is None or "error" in row:
                    values.append("error")
                elif category == "performance":
                    low, high = row["performance_range"]
                    values.append(f"{row['performance']:g} ({low}–{high})")
                else:
                    values.append(f"{row[category]:g}")
            return " / ".join(values)

        lines.append(f"| `{page}` | {target if target is not None else '–'} | {cell('performance')} | "
                     f"{cell('accessibility')} | {cell('best-practices')} | {cell('seo')} |")
    return lines



def main() -> int:
    parser = argparse.ArgumentParser(description="Site speed and size figures")
    parser.add_argument("--runs", type=int, default=5, help="builds of each kind")
    parser.add_argument("--edit-runs", type=int, default=7, help="saves of each kind of change")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page and scheme")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        times = build_times(args.runs, workdir)
        load_before = os.getloadavg()[0]
        edits = edit_loop_times(args.edit_runs)
        load_after = os.getloadavg()[0]
        site = workdir / "ours"
        costs, first_search = page_costs(site)
        own = sum(gzipped(site / asset) for asset in OWN_ASSETS)
        shared = gzipped(site / "assets/dp100/study-ui.js") + gzipped(site / "assets/dp100/study.css")
        tools = {tool: shared + gzipped(site / f"assets/dp100/{tool}.js") for tool in STUDY_TOOLS}
        printed = printed_pages(site)
        quiz_kinds = sum(gzipped(site / asset) for asset in QUIZ_KINDS_ASSETS)
        scores = "skipped" if args.no_lighthouse else lighthouse_scores(site, args.lighthouse_runs)

    header = [
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today().isoformat()} on {platform.node() or 'this machine'}: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, in one run of "
        "`python benchmarks/run.py` (the sections below it; others are kept as they were).",
    ]
    sections = [build_section(times, args.runs), edit_loop_section(edits, (load_before, load_after)),
                reader_cost_section(costs, own, tools, first_search, quiz_kinds), printed_section(printed),
                lighthouse_section(scores, args.lighthouse_runs)]
    text = "\n\n".join("\n".join(part) for part in [header, *sections]) + "\n"
    # Other scripts' sections (scripts/mutate.py) are kept.
    write_sections(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
