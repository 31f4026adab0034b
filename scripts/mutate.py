"""Mutation testing: would the tests catch a realistic bug?

    python scripts/mutate.py                  # every mutation; the score goes into benchmarks/RESULTS.md
    python scripts/mutate.py --list           # names only
    python scripts/mutate.py --only NAME ...  # some of them (nothing written)
    python scripts/mutate.py --tests-from REV # the same bugs against the tests of another revision
    python scripts/mutate.py --quick ...      # survivors are not run against the whole suite

Each mutation is one deliberate bug: a snippet of a file replaced by another.
The working tree is copied once to a temporary folder, never changed itself;
for each mutation the copy's file is changed, the tests covering that part of
the site run (``pytest -x``), and the file is put back. Tests that fail *kill*
the mutation. A mutation that survives its tests then meets the whole suite,
so a survivor is a bug no test catches. Run on demand, not in CI: about
twenty minutes on two cores, and a few more for each survivor.

A survivor is either a gap to close with a test, or accepted with its reason
in ``accepted`` (a bug that cannot show, or one a test cannot see).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from results import write_sections  # noqa: E402

# The tests that cover a kind of file: the Python tests without a browser
# (units, bad input, exports, site builds), or the browser's.
PYTHON = ("tests", "--ignore-glob=tests/test_browser_*.py", "--ignore=tests/test_code_samples.py",
          "--ignore=tests/test_item_rules.py")
BROWSER = ("tests/test_js_units.py", "tests/test_browser_quiz.py", "tests/test_browser_study.py", "tests/test_browser_kinds.py")
WHOLE_SUITE = ("tests",)
RUN_TIMEOUT = 1800


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    # (original, replacement) pairs; each original occurs exactly once in the file.
    changes: tuple[tuple[str, str], ...]
    tests: tuple[str, ...]
    # Why a survivor is acceptable; empty for a bug the tests must catch.
    accepted: str = ""

    def apply(self, text: str) -> str:
        for original, replacement in self.changes:
            count = text.count(original)
            if count != 1:
                raise SystemExit(f"{self.name}: {self.file} holds the original snippet {count} times, not once; update the mutation")
            text = text.replace(original, replacement)
        return text


def mutation(name: str, file: str, original: str, replacement: str, tests=PYTHON, accepted: str = "") -> Mutation:
    return Mutation(name, file, ((original, replacement),), tests, accepted)


EXAM, STUDY_PY, RENDERING, SCHEMA, CONTENT = "macros/exam.py", "macros/study.py", "macros/rendering.py", "macros/schema.py", "macros/content.py"
EXPORTS, DP100_JS, CONFIG = "macros/exports.py", "overrides/assets/dp100/dp100.js", "mkdocs.yml"
STORE_JS, STUDY_UI_JS = "overrides/assets/dp100/store.js", "overrides/assets/dp100/study-ui.js"
EXAM_JS, REVIEW_JS, PROGRESS_JS = "overrides/assets/dp100/practice-exam.js", "overrides/assets/dp100/review.js", "overrides/assets/dp100/progress.js"
QUIZ_KINDS_JS, QUIZ_PY = "overrides/assets/dp100/quiz-kinds.js", "macros/quiz.py"
# The chapter quiz's item kinds, in the browser.
QUIZ_BROWSER = ("tests/test_js_units.py", "tests/test_browser_quiz.py", "tests/test_browser_quiz_kinds.py")

MUTATIONS = [
    # Issue 19: bugs a mutation run found the suite missed.
    mutation("exam map: skill name not escaped", EXAM, "<strong>{escape(skill.name)}</strong>", "<strong>{skill.name}</strong>"),
    mutation("flash cards: short definition not escaped", STUDY_PY, "<p><strong>{escape(term.short)}</strong></p>", "<p><strong>{term.short}</strong></p>"),
    mutation("render-time link check dropped", RENDERING,
             "            problem = check_href(self.content, href)\n            if problem:\n"
             "                raise ContentError(*where, f\"link '{href}': {problem}\")\n", ""),
    mutation("comparison table: duplicate column id accepted", SCHEMA, "if len(set(ids)) != len(ids):", "if False:"),
    mutation("exam outline: duplicate skill id accepted", CONTENT, "if skill.id in content.skills:", "if False:"),
    mutation("glossary: taught_in link not checked", CONTENT, '        _check_link(content, rel, entry, "taught_in", term.taught_in)\n', ""),
    mutation("quiz items: links not checked at load", CONTENT,
             "            _check_markdown_links(content, rel, entry, field_name, text)\n", "            pass\n"),
    mutation("mkdocs.yml: macro errors no longer fail the build", CONFIG, "on_error_fail: true", "on_error_fail: false"),
    mutation("question bank: choice explanations dropped", EXPORTS, "correct=c.correct, explanation=c.explanation,", "correct=c.correct, explanation=None,"),
    mutation("Anki deck: explanation dropped", EXPORTS, "{_verdicts(question.choices)}{explanation}\")]", "{_verdicts(question.choices)}\")]"),
    mutation("Anki deck: question guid keyed on the prompt", EXPORTS, 'genanki_guid("question", question.id)', 'genanki_guid("question", question.prompt)'),
    mutation("question bank: domain weights on the wrong domains", EXPORTS,
             "DomainExport(id=d.id, name=d.name, weight=d.weight) for d in content.outline.domains",
             "DomainExport(id=d.id, name=d.name, weight=content.outline.domains[i - 1].weight) for i, d in enumerate(content.outline.domains)"),
    Mutation("practice exam: lower bound of each weight range", EXAM_JS, (
        ("sum + (d.weight[0] + d.weight[1]) / 2", "sum + d.weight[0]"),
        ("(remaining * (d.weight[0] + d.weight[1])) / 2 / total", "(remaining * d.weight[0]) / total"),
    ), BROWSER),
    mutation("review page ignores the current box", REVIEW_JS, "store.schedule(queue.items[id], correct, Date.now())",
             "store.schedule(null, correct, Date.now())", BROWSER),
    # Issue 18: item kinds on chapter pages.
    mutation("chapter quiz: a gap or pair right whatever is chosen", QUIZ_KINDS_JS,
             "marks: (q, answer) => correctOf(q).map((right, i) => answer[i] === right),",
             "marks: (q, answer) => correctOf(q).map((right, i) => answer[i] !== null),", QUIZ_BROWSER),
    mutation("chapter quiz: a series' No counted as Yes", QUIZ_KINDS_JS, "answer[i] === (right === 1)", "answer[i] !== null", QUIZ_BROWSER),
    mutation("chapter quiz: a build list's step right anywhere", QUIZ_KINDS_JS,
             "correctOf(q).map((step, i) => answer[i] === step)", "correctOf(q).map((step) => answer.includes(step))", QUIZ_BROWSER),
    mutation("chapter quiz: drop-downs and build buttons not locked once checked", DP100_JS,
             'q.querySelectorAll("input, select, .dp-build__button")', 'q.querySelectorAll("input")', QUIZ_BROWSER),
    mutation("chapter quiz: a build list shown in its answer order", QUIZ_PY, "    return order\n", "    return list(range(count))\n",
             ("tests/test_quiz_kinds.py",)),
    mutation("chapter quiz: a drop-down option's text not escaped", QUIZ_PY,
             'return escape(unescape(TAG.sub("", html)).strip())', 'return unescape(TAG.sub("", html)).strip()', ("tests/test_quiz_kinds.py",)),
    mutation("stored answers: a build list longer than its sequence kept", STORE_JS,
             "answer.length <= sizes.length && distinct(answer)", "distinct(answer)", QUIZ_BROWSER),
    mutation("item rules: a series of one answer accepted", "tests/item_rules.py",
             'elif q.kind == "series" and len({s.meets_goal for s in q.solutions}) < 2:', 'elif False:', ("tests/test_item_rules.py",)),
    mutation("quiz errors: a code item's field named with its kind", CONTENT,
             '(key not in node or node.get("kind", "choice") == key)', "key not in node"),
    # Issue 19: the build's fail-loud settings.
    mutation("mkdocs.yml: strict off", CONFIG, "strict: true", "strict: false"),
    mutation("mkdocs.yml: undefined names kept", CONFIG, "on_undefined: strict", "on_undefined: keep"),
    mutation("mkdocs.yml: broken anchors only noted", CONFIG, "anchors: warn", "anchors: info"),
    # Issue 20: quiz scoring, stored state, links and printing.
    mutation("quiz: part of a multiple answer scores", DP100_JS, "const sameSet = (a, b) => a.length === b.length && a.every",
             "const sameSet = (a, b) => a.every", BROWSER),
    mutation("quiz: right answers sent to the review queue", DP100_JS, "if (!correct) store.recordMiss(", "store.recordMiss(", BROWSER),
    mutation("stored values: type check dropped", STORE_JS,
             'const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);',
             "const isRecord = (value) => true;", BROWSER),
    mutation("stored answers: choice indices not checked on load", STORE_JS, "distinct(choices) && choices.every(index(sizes[0]))",
             "distinct(choices)", BROWSER),
    mutation("stored answers: answers that do not fit the page shown", STORE_JS,
             "if (!Object.hasOwn(shapes, id) || !answerFits(shapes[id], answer)) delete state.answers[id];",
             "if (!Object.hasOwn(shapes, id)) delete state.answers[id];", BROWSER),
    mutation("stored review queue: malformed entries kept", STORE_JS,
             "isRecord(entry) && Number.isInteger(entry.box) && entry.box >= 1 && entry.box <= LAST_BOX &&",
             "isRecord(entry) &&", BROWSER),
    mutation("study tools: prompt and explanation links left root-relative", STUDY_UI_JS,
             "const htmlBlock = (tag, html, cls) => fixLinks(el(tag, { class: cls, html }));",
             "const htmlBlock = (tag, html, cls) => el(tag, { class: cls, html });", BROWSER),
    mutation("printing: answers left open after printing", DP100_JS, "  function setup() {\n",
             '  window.addEventListener("beforeprint", () => {\n'
             '    document.querySelectorAll("details.dp-answer").forEach((details) => { details.open = true; });\n  });\n\n'
             "  function setup() {\n", BROWSER),
    mutation("print styles: closed answers left off paper", "overrides/assets/dp100/dp100.css",
             "  .md-typeset .dp-answer::details-content { content-visibility: visible; display: block; }\n", "", BROWSER),
    # More of the same kinds: escaping, validation, scoring, exports.
    mutation("safe Markdown: raw HTML blocks pass", "macros/safe_markdown.py", '        self._md.preprocessors.deregister("html_block")\n', ""),
    mutation("safe Markdown: inline HTML passes", "macros/safe_markdown.py", 'for name in ("html", "image_link",', 'for name in ("image_link",'),
    mutation("comparison table: caption not escaped", "macros/tables.py", "<caption>{escape(table.caption)}</caption>", "<caption>{table.caption}</caption>"),
    mutation("quiz: region name not escaped", "macros/quiz.py", 'aria-label="{escape(name)}"', 'aria-label="{name}"'),
    mutation("diagram: stage label not escaped", "macros/diagrams.py", "{escape(stage.label)}</span>", "{stage.label}</span>"),
    mutation("glossary card: short definition not escaped", "macros/glossary.py", "{escape(term.short)}</p>", "{term.short}</p>"),
    mutation("exam skills box: skill name not escaped", EXAM, '">{escape(skill.name)}</a>', '">{skill.name}</a>'),
    mutation("Markdown headings: data read as Markdown", RENDERING,
             'return escape(MARKDOWN_SYNTAX.sub(lambda syntax: syntax.group()[:-1] + "\\\\" + syntax.group()[-1], line), quote=False)',
             "return escape(line, quote=False)"),
    mutation("diagram items: links not checked at load", CONTENT,
             '                _check_markdown_links(content, rel, f"stages[{index}]", f"items[{number}]", item)\n', "                pass\n"),
    mutation("quiz: no correct choice accepted", SCHEMA, "if right == 0:", "if False:"),
    mutation("quiz: duplicate question id accepted", CONTENT, "if item.id in seen_questions:", "if False:"),
    mutation("glossary: unknown related term accepted", CONTENT, "if related not in content.terms:", "if False:"),
    mutation("links: missing anchors accepted", "macros/site_index.py", "if anchor and anchor not in self.pages[page].anchors:", "if False:"),
    mutation("pages: raw HTML allowed", "macros/markdown_text.py", "if RAW_HTML.search(text):", "if False:"),
    mutation("pages: code not shielded from Jinja", "macros/markdown_text.py", "if JINJA_SYNTAX.search(text):", "if False:"),
    mutation("pages: block macro inside a sentence accepted", "macros/html_blocks.py", "if not match:\n", "if False:\n"),
    mutation("print page keeps its tooltips", "macros/hooks.py", "without_tooltips(page.read_text(encoding=\"utf-8\"))", "page.read_text(encoding=\"utf-8\")"),
    mutation("tooltips on every use of a term", "macros/glossary.py", "            self._seen.add(name)\n", "            pass\n"),
    mutation("glossary export: aliases dropped", EXPORTS, "aliases=list(term.aliases)", "aliases=[]"),
    mutation("question bank: questions without a domain", EXPORTS, "questions.append(_question_export(ctx, rel, item, common(item, None, domain)))",
             "questions.append(_question_export(ctx, rel, item, common(item, None, None)))"),
    mutation("quiz: wrong answers not recorded for review", STORE_JS, "    queue.items[itemId] = schedule(null, false, Date.now());\n", "", BROWSER),
    mutation("review queue: questions due later shown now", STORE_JS, ".filter(([, entry]) => entry.due <= now)", ".filter(() => true)", BROWSER),
    mutation("review queue: mastered questions stay", STORE_JS, "if (box > LAST_BOX) return null;", "if (box > LAST_BOX + 1) return null;", BROWSER),
    mutation("progress import: keys of other sites accepted", PROGRESS_JS, "if (key.startsWith(STORE_PREFIX) && checkerFor(key))", "if (checkerFor(key))", BROWSER),
    mutation("practice exam: a small domain's share lost", EXAM_JS, "open = open.filter((d) => counts[d.id] < available[d.id]);", "open = [];", BROWSER),
    # Issue 18: item kinds beyond choice questions.
    mutation("build list: steps scored as a set, not by position", STUDY_UI_JS,
             "marks: (q, answer) => q.steps.map((s, i) => Array.isArray(answer) && answer[i] === i),",
             "marks: (q, answer) => q.steps.map((s, i) => Array.isArray(answer) && answer.includes(i)),", BROWSER),
    mutation("code with blanks: any option scores", STUDY_UI_JS, "filled(answer[i]) && answer[i] === rightOption(blank)", "filled(answer[i])", BROWSER),
    mutation("matching: a pair scores whatever its target", STUDY_UI_JS, "filled(answer[i]) && answer[i] === targetOf(q, pair)", "filled(answer[i])", BROWSER),
    mutation("yes/no series: answered screens can be revisited", EXAM_JS,
             "const locked = seriesAnswered(exam, here) && !exam.locked.includes(exam.index) ? [...exam.locked, exam.index] : exam.locked;",
             "const locked = exam.locked;", BROWSER),
    mutation("case study: a section left can be entered again", EXAM_JS,
             "if (screens[target].section < exam.section || locked.includes(target)) return null;",
             "if (locked.includes(target)) return null;", BROWSER),
    mutation("saved exam: locked screens not checked", EXAM_JS, "!saved.locked.every(lockable) ||", "", BROWSER),
    mutation("question bank: case questions take no domain", EXPORTS,
             'teaching_domain = content.page_domain(question.teaches.partition("#")[0])', "teaching_domain = None"),
    mutation("Anki deck: a series shown as one note", EXPORTS, "for n, solution in enumerate(question.solutions)]",
             "for n, solution in enumerate(question.solutions[:1])]"),
]


def source_files() -> list[str]:
    """The working tree's files as they are now, without what git ignores."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def copy_tree(target: Path, tests_from: str | None) -> None:
    for name in source_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    if tests_from:
        shutil.rmtree(target / "tests")
        archive = subprocess.run(["git", "archive", tests_from, "tests"], cwd=ROOT, check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")


def run_tests(tree: Path, selection: tuple[str, ...]) -> tuple[str, str, float]:
    """("passed", "failed" or "error"; the first failing test; seconds) of
    pytest -x on ``selection`` in ``tree``."""
    paths = [part for part in selection if part.startswith("-") or (tree / part).exists()]
    if not [part for part in paths if not part.startswith("-")]:
        paths = list(WHOLE_SUITE)  # the selected files do not exist at that revision
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    started = time.monotonic()
    try:
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *paths],
                                cwd=tree, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT)
        outcome = {0: "passed", 1: "failed"}.get(result.returncode, "error")
        if outcome == "error":
            print(result.stdout[-2000:] + result.stderr[-2000:])
        failing = next((line.split(" - ")[0].split(" ", 1)[1] for line in result.stdout.splitlines()
                        if line.startswith(("FAILED ", "ERROR "))), "")
    except subprocess.TimeoutExpired:
        outcome, failing = "failed", "(timed out)"  # a hang is a failure the reader sees
    return outcome, failing, time.monotonic() - started


def mutate(tree: Path, item: Mutation, whole_suite: bool) -> str:
    """"killed", "survived" or "error" for one mutation, the file restored afterwards."""
    path = tree / item.file
    original = path.read_text(encoding="utf-8")
    path.write_text(item.apply(original), encoding="utf-8")
    try:
        outcome, failing, seconds = run_tests(tree, item.tests)
        if outcome == "passed" and whole_suite and item.tests != WHOLE_SUITE:
            outcome, failing, more = run_tests(tree, WHOLE_SUITE)
            seconds += more
    finally:
        path.write_text(original, encoding="utf-8")
    result = {"failed": "killed", "passed": "survived"}.get(outcome, "error")
    print(f"  {result:8} {item.name} ({seconds:.0f} s){' by ' + failing if failing else ''}", flush=True)
    return result


def report(results: dict[Mutation, str], tests_from: str | None, whole_suite: bool) -> str:
    killed = sum(result == "killed" for result in results.values())
    survivors = [item for item, result in results.items() if result == "survived"]
    errors = [item.name for item, result in results.items() if result == "error"]
    lines = [
        "## Mutation testing",
        "",
        f"Measured {datetime.date.today().isoformat()} with `python scripts/mutate.py`"
        + (f", tests from `{tests_from}`" if tests_from else "") + ": "
        f"{len(results)} deliberate bugs, each run against the tests that cover its file"
        + (", and any survivor against the whole suite." if whole_suite else " only."),
        "",
        f"- **Score: {killed} of {len(results)} killed ({100 * killed / len(results):.0f}%)**",
        f"- Survivors: {len(survivors)}" + (f"; errors (the tests could not run): {', '.join(errors)}" if errors else ""),
    ]
    if survivors:
        lines += ["", "| Survivor | File | Why it is accepted |", "| --- | --- | --- |"]
        lines += [f"| {item.name} | `{item.file}` | {item.accepted or '**not accepted: add a test**'} |" for item in survivors]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument("--only", action="append", metavar="NAME", help="run the mutations whose name contains NAME")
    parser.add_argument("--tests-from", metavar="REV", help="use the tests/ folder of this git revision")
    parser.add_argument("--quick", action="store_true", help="do not run survivors against the whole suite")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.only or any(part in m.name for part in args.only)]
    if args.list or not chosen:
        print("\n".join(f"{m.name}  [{m.file}]" for m in chosen) or "no mutation matches")
        return 0 if chosen else 1
    with tempfile.TemporaryDirectory(prefix="dp100-mutate-") as folder:
        tree = Path(folder)
        copy_tree(tree, args.tests_from)
        for item in chosen:
            item.apply((tree / item.file).read_text(encoding="utf-8"))  # every snippet still matches
        selections = sorted({m.tests for m in chosen})
        print(f"Unmutated tree: {len(selections)} test selections must pass first", flush=True)
        for selection in selections:
            outcome, failing, _ = run_tests(tree, selection)
            if outcome != "passed":
                print(f"The tests fail without any mutation ({failing or ' '.join(selection)}): fix them first.")
                return 1
        print(f"{len(chosen)} mutations", flush=True)
        results = {item: mutate(tree, item, not args.quick) for item in chosen}
    text = report(results, args.tests_from, not args.quick)
    print("\n" + text)
    if not (args.only or args.tests_from or args.quick):
        write_sections(text)
        print("Written to benchmarks/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
