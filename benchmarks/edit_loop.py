"""The edit loop as a contributor feels it: from saving a file to the browser
showing the change, with ``mkdocs serve`` (the README's command) running.

    python benchmarks/edit_loop.py [--runs 7]

Serves a copy of the site, opens a chapter in Chromium and, in turn, changes
the chapter's Markdown, its quiz's YAML and one of its glossary terms, timing
each from the write to the live-reloaded page holding the new text. Between
changes it waits until the server has brought every page up to date (it asks
for the search index, which waits for that) and the page is idle, as a
contributor reading the result would. Used by run.py, which prints the medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, copy_site  # noqa: E402
from tests.serve_session import ServeSession  # noqa: E402

PAGE = "workspace/compute-targets/"
CHAPTER = "docs/workspace/compute-targets.md"
QUIZ = "data/quizzes/compute-targets.yml"
GLOSSARY = "data/glossary/compute-targets.yml"


def edit_chapter(text: str, marker: str) -> str:
    return text.replace("## Check your knowledge", f"A sentence added by the benchmark: {marker}.\n\n## Check your knowledge", 1)


def edit_quiz(text: str, marker: str) -> str:
    data = yaml.safe_load(text)
    data["questions"][0]["prompt"] += f"A line added by the benchmark: {marker}.\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def edit_term(text: str, marker: str) -> str:
    """The chapter's first term, which its key-term cards show, and its
    tooltip on every page that names it."""
    data = yaml.safe_load(text)
    data["terms"][0]["short"] += f" Changed by the benchmark: {marker}."
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# Kind of change -> (file, edit).
CHANGES = {
    "chapter Markdown": (CHAPTER, edit_chapter),
    "quiz YAML": (QUIZ, edit_quiz),
    "glossary term": (GLOSSARY, edit_term),
}


def edit_loop_times(runs: int) -> dict[str, list[float]]:
    """Seconds from each write to the browser showing it, per kind of change."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {kind: [] for kind in CHANGES}
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_site(Path(tmp))
        originals = {rel: (project / rel).read_text(encoding="utf-8") for rel, _ in CHANGES.values()}
        with ServeSession(project) as serve, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(serve.url + PAGE, wait_until="load")
            for run in range(runs):
                for kind, (rel, edit) in CHANGES.items():
                    marker = f"edit-loop-{run}-{len(times[kind])}-{kind.split()[0].lower()}"
                    serve.get("search/search_index.json")  # every page is up to date
                    page.wait_for_timeout(500)
                    started = time.perf_counter()
                    (project / rel).write_text(edit(originals[rel], marker), encoding="utf-8")
                    page.wait_for_function("marker => document.body.innerHTML.includes(marker)", arg=marker,
                                           polling="raf", timeout=120_000)
                    times[kind].append(time.perf_counter() - started)
                    page.wait_for_load_state("load")
            browser.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for kind, seconds in edit_loop_times(args.runs).items():
        print(f"{kind}: median {statistics.median(seconds):.2f} s ({', '.join(f'{s:.2f}' for s in seconds)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
