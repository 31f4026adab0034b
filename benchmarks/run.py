"""Speed and size figures for the site, measured side by side in one run.

    python benchmarks/run.py [--runs 5] [--no-lighthouse]

Prints, and writes to benchmarks/RESULTS.md with the date and machine:

1. Build time: ``mkdocs build --strict`` of the full site against the same
   pages built by plain Material with the macros plugin removed, runs
   alternating, median ratio (target at most 1.3x); then one build of each
   timed phase by phase (build_phases.py), to show where the difference lies.
2. Reader cost per page: requests and gzipped bytes of everything Chromium
   fetches to show it, on a first visit and as the next page of a visit; our
   own JS + CSS gzipped (target under 10 KiB together; no page over 300 KiB).
3. Lighthouse scores (npm ``lighthouse`` run with Debian's chromium) for the
   home page and three chapters, the median of several runs, as a single
   run's performance score moves by several points (target 100 in all four
   categories).
4. The printed guide: the whole-guide page (``print_page``) printed by
   Chromium to an A4 PDF, as a reader's "Save as PDF" does, with the site's
   print styles and, in the same run, with the print rules of our own
   stylesheet switched off (Material's print styles alone).

Figures, not assertions: the test suite never times anything. Needs the test
requirements (Playwright drives Debian's chromium for the reader cost) and npm,
which installs Lighthouse into benchmarks/node_modules on the first run.
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
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
OWN_ASSETS = ("assets/dp100/dp100.js", "assets/dp100/dp100.css")
LIGHTHOUSE_PAGES = ["", "workspace/compute-targets/", "train/hyperparameter-tuning/", "deploy/online-endpoints/"]
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE_RUNS = 3
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The site is built for the address Lighthouse will load it from, so canonical
# links and the sitemap match it.
PORT = free_port()
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{PORT}/")


# -- 1. build time -------------------------------------------------------------

def plain_config(workdir: Path) -> Path:
    """The same config and pages without the macros plugin (and so not strict:
    unrendered macro calls leave links to generated anchors unresolved)."""
    class ConfigLoader(yaml.SafeLoader):
        """Reads mkdocs.yml; its !ENV values are not needed here."""

    ConfigLoader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=ConfigLoader)
    plugins = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    path = ROOT / f".preview-plain-{os.getpid()}.yml"
    path.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": plugins, "strict": False}))
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
    plain = plain_config(workdir)
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


# -- 2. reader cost ------------------------------------------------------------

def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def page_costs(site: Path) -> tuple[list[dict], int]:
    """What Chromium fetches to show each page, served like GitHub Pages:
    a first visit with an empty cache, and the same page opened next, from
    another page of the site, when the shared files are cached."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipServer, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
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
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
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


# -- 4. the printed guide ---------------------------------------------------------

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
    import re

    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pages = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
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


# -- 3. Lighthouse ----------------------------------------------------------------

def lighthouse_scores(site: Path) -> list[dict] | str:
    binary = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        install = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(ROOT / "benchmarks"), "lighthouse@12.8.2"],
                                 capture_output=True, text=True)
        if install.returncode or not binary.exists():
            return f"lighthouse not installed: {install.stderr.strip()[-300:]}"
    server = ThreadingHTTPServer(("127.0.0.1", PORT), functools.partial(GzipServer, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        for page in LIGHTHOUSE_PAGES:
            runs = [lighthouse_run(binary, base + page) for _ in range(LIGHTHOUSE_RUNS)]
            errors = [run for run in runs if isinstance(run, str)]
            if errors:
                rows.append({"page": page or "/", "error": errors[0]})
                continue
            rows.append({"page": page or "/", **{k: statistics.median(run[k] for run in runs) for k in runs[0]},
                         "performance_range": (min(r["performance"] for r in runs), max(r["performance"] for r in runs))})
    finally:
        server.shutdown()
    return rows


def lighthouse_run(binary: Path, url: str) -> dict[str, int] | str:
    """One Lighthouse run: the four category scores, or the error."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [str(binary), url, "--quiet", "--output=json", "--output-path=stdout",
             f"--chrome-path={CHROMIUM}", "--only-categories=performance,accessibility,best-practices,seo",
             f"--chrome-flags=--headless=new {' '.join(CHROMIUM_FLAGS)} --user-data-dir={profile}"],
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

def main() -> int:
    parser = argparse.ArgumentParser(description="Site speed and size figures")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        times = build_times(args.runs, workdir)
        site = workdir / "ours"
        costs, first_search = page_costs(site)
        own = sum(gzipped(site / asset) for asset in OWN_ASSETS)
        scores = "skipped" if args.no_lighthouse else lighthouse_scores(site)
        printed = printed_pages(site)

    # The print page is the whole guide on one page (issue #6): reported on its own.
    whole_guide = next((c for c in costs if c["page"] == "print_page"), None)
    heaviest = max((c for c in costs if c["page"] != "print_page"), key=lambda c: c["bytes"])
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today().isoformat()} on {platform.node() or 'this machine'}: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
        "Written by `python benchmarks/run.py`.",
        "",
        "## Build time",
        "",
        f"- Full site, `mkdocs build --strict`: median {times['ours']:.2f} s over {args.runs} runs",
        f"- Same pages, plain Material without mkdocs-macros: median {times['plain']:.2f} s",
        f"- **Median ratio: {times['ratio']:.2f}x** (target at most 1.3x)",
        "",
        "Where the time goes, one build of each, in seconds:",
        "",
        "| Phase | Full site | Plain Material |",
        "| --- | ---: | ---: |",
        *[f"| {phase} | {times['phases']['ours'].get(phase, 0):.2f} | {times['phases']['plain'].get(phase, 0):.2f} |"
          for phase in times["phases"]["ours"]],
        "",
        "## Reader cost (gzipped)",
        "",
        "Everything Chromium fetches to show each page, until the server has been quiet for a second, served gzipped "
        "and cacheable like GitHub Pages. *First visit*: an empty cache. *Next page*: the same page "
        "opened from another page of the site, the shared files cached.",
        "",
        f"- Our JS + CSS together: **{own / 1024:.1f} KiB** (target under 10 KiB)",
        f"- Heaviest page on a first visit: `{heaviest['page']}`, **{heaviest['bytes'] / 1024:.1f} KiB** in "
        f"{heaviest['requests']} requests (target: no page over 300 KiB)",
        f"- Opening search the first time on a visit: {first_search / 1024:.1f} KiB more, the site-wide "
        "search index (held back until then; cached for the rest of the visit)",
        *([f"- The whole guide on one page (`print_page`, for printing): {whole_guide['bytes'] / 1024:.1f} KiB "
           f"on a first visit, {whole_guide['next_bytes'] / 1024:.1f} KiB as a next page"]
          if whole_guide else []),
        "",
        "| Page | First visit: requests | KiB | Next page: requests | KiB |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[f"| `{c['page']}` | {c['requests']} | {c['bytes'] / 1024:.1f} | {c['next_requests']} | {c['next_bytes'] / 1024:.1f} |"
          for c in costs],
        "",
        "## The printed guide",
        "",
        "The whole-guide page (`print_page`) printed by Chromium to an A4 PDF (Playwright's `page.pdf()`, Chromium's "
        "default margins), in the same run with the print rules of `dp100.css` switched off.",
        "",
        f"- With the guide's print styles (quizzes compact, each chapter's answer key after its questions): "
        f"**{printed['ours']} pages**",
        f"- With Material's print styles alone: {printed['material']} pages "
        f"(**{printed['ours'] / printed['material']:.2f}x**)",
        "",
        "## Lighthouse",
        "",
    ]
    if isinstance(scores, str):
        lines.append(f"Not measured: {scores}")
    else:
        lines += [f"Median of {LIGHTHOUSE_RUNS} runs per page (performance range in brackets), "
                  "served gzipped like GitHub Pages, Lighthouse's default mobile settings.",
                  "",
                  "| Page | Performance | Accessibility | Best practices | SEO |", "| --- | ---: | ---: | ---: | ---: |"]
        for row in scores:
            if "error" in row:
                lines.append(f"| `{row['page']}` | error: {row['error']} | | | |")
            else:
                low, high = row["performance_range"]
                lines.append(f"| `{row['page']}` | {row['performance']:g} ({low}–{high}) | {row['accessibility']:g} | "
                             f"{row['best-practices']:g} | {row['seo']:g} |")
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
