"""The real site builds strictly, renders every macro, and stays self-contained."""

from __future__ import annotations

import json
import logging
import re
import time
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.content import flatten_nav, load_content
from macros.glossary import occurs_as_word
from tests.conftest import REPO, copy_site, mkdocs_build, site_config

import yaml

NAV = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["nav"]
NAV_PAGES = flatten_nav(NAV)
# Chapters are the pages of the seven numbered parts, plus the legacy page.
CHAPTERS = [
    page for section in NAV for title, pages in section.items() if title[0].isdigit() for page in flatten_nav(pages)
] + ["legacy.md"]


def html_of(site: Path, src: str) -> str:
    stem = src[: -len(".md")]
    path = site / ("index.html" if stem == "index" else f"{stem}/index.html")
    return path.read_text(encoding="utf-8")


class References(HTMLParser):
    """Every URL the browser would load by itself (not links the reader clicks)."""

    LOADS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
             ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for (t, attr) in self.LOADS:
            if tag == t and attrs.get(attr):
                if tag == "link" and attrs.get("rel") in {"canonical", "alternate", "prev", "next"}:
                    continue
                self.urls.append(attrs[attr])


def test_build_stays_fail_loud():
    """Any warning stops the build, and so does a macro error or an undefined
    name: contributors rely on the build to name every problem (CONTRIBUTING.md)."""
    config = site_config()
    assert config["strict"] is True
    macros = config["plugins"]["macros"].config
    assert (macros["on_error_fail"], macros["on_undefined"]) == (True, "strict")
    levels = {f"{group}.{check}": level for group, checks in config["validation"].items() for check, level in checks.items()}
    assert all(level >= logging.WARNING for level in levels.values()), f"validation below warning: {levels}"


def test_every_nav_page_is_built(built_site):
    for src in NAV_PAGES:
        assert html_of(built_site, src)


def test_site_references_nothing_outside_itself(built_site):
    external = re.compile(r"^(?:[a-z]+:)?//", re.I)
    for page in built_site.rglob("*.html"):
        parser = References()
        parser.feed(page.read_text(encoding="utf-8"))
        outside = [u for u in parser.urls if external.match(u)]
        assert not outside, f"{page.relative_to(built_site)} loads {outside}"
    for sheet in built_site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), f"{sheet} loads a remote url()"
        assert "@import" not in text or not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text)


def test_no_google_fonts_or_cdn(built_site):
    home = html_of(built_site, "index.md")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    assert "data-md-component=\"source\"" not in home  # no GitHub API fetch for repo stats


def test_azure_ml_expressions_reach_the_reader(built_site):
    found = [src for src in CHAPTERS if "${{inputs." in html_of(built_site, src)]
    assert found, "no page shows an ${{inputs.x}} expression intact"


@pytest.mark.parametrize("src", CHAPTERS)
def test_chapter_has_every_part(built_site, src):
    html = html_of(built_site, src)
    assert "What you will be able to do" in html
    assert 'class="dp-quiz"' in html, "no quiz"
    assert 'class="dp-cards"' in html, "no glossary cards"
    assert 'id="further-reading"' in html
    assert "learn.microsoft.com" in html.split('id="further-reading"')[1]


def test_glossary_and_comparisons_pages(built_site):
    glossary = html_of(built_site, "glossary.md")
    assert 'id="workspaceblobstore"' in glossary
    assert glossary.count('class="dp-card dp-card--entry"') >= 100
    comparisons = html_of(built_site, "comparisons.md")
    for table in ("compute-types", "sampling-methods", "early-termination-policies"):
        assert f'id="{table}"' in comparisons and f'data-dp-table="{table}"' in comparisons


def test_tooltips_on_terms(built_site, site_content):
    """Each glossary name the chapter's prose uses gets its definition as a
    tooltip, once; the terms the chapter teaches all do."""
    src = "workspace/compute-targets.md"
    content = site_content
    prose = content.site.pages[src].prose
    short_of = {name: term.short for term in content.terms.values() for name in [term.term, *term.aliases]}
    tooltips = [(unescape(name), unescape(title))
                for title, name in re.findall(r'<abbr title="([^"]*)">([^<]*)</abbr>', html_of(built_site, src))]
    assert tooltips and all(short_of.get(name) == title for name, title in tooltips), tooltips
    assert len({name for name, _ in tooltips}) == len(tooltips), "a term has more than one tooltip"
    taught = {name for term in content.terms.values() if term.taught_in.partition("#")[0] == src
              for name in [term.term, *term.aliases] if occurs_as_word(name, prose)}
    assert taught and taught <= {name for name, _ in tooltips}


def test_search_index_has_chapter_terms(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "workspaceblobstore" in index


def test_search_leaves_out_answers_and_duplicates(built_site, site_content):
    """Search results would give away quiz answers; chapter key-term cards,
    flash cards and the comparisons page repeat what search finds elsewhere."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["text"] for doc in docs)
    content = site_content
    # An item of each kind: its explanation, and a part's (a gap's option, a step, a pair, a solution).
    items = {q.kind: q for quiz in content.quizzes.values() for q in quiz.answerable()}
    for item in items.values():
        assert item.explanation.split("\n")[0] not in text, item.id
    parts = {"code": lambda q: q.blanks[0].options[0].explanation, "order": lambda q: q.steps[0].explanation,
             "match": lambda q: q.pairs[0].explanation, "series": lambda q: q.solutions[0].explanation,
             "choice": lambda q: next(c.explanation for c in q.choices if c.explanation)}
    assert not [kind for kind, q in items.items() if parts[kind](q).split("\n")[0] in text]
    assert not [doc for doc in docs if doc["location"].startswith(("study/flashcards/", "comparisons/"))]
    term = content.terms["compute-cluster"]
    glossary_entries = [doc for doc in docs if doc["location"] == "glossary/#compute-cluster"]
    assert glossary_entries and term.short in glossary_entries[0]["text"]
    chapter = " ".join(doc["text"] for doc in docs if doc["location"].startswith(term.taught_in.split(".md")[0] + "/"))
    assert term.short not in chapter  # the card is on the glossary entry, not repeated per chapter


def search_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


class RunTogetherText(HTMLParser):
    """Where the text of two adjacent blocks would run together in the search
    index: Material's indexer keeps an element's text but not its boundaries,
    so ``<dt>Also called</dt><dd>bandit policy</dd>`` reads "Also calledbandit
    policy". Content left out of search (``data-search-exclude``) is skipped."""

    BLOCKS = {"article", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3",
              "h4", "h5", "h6", "hr", "li", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
              "th", "thead", "tr", "ul"}
    VOID = {"br", "hr", "img", "input", "wbr", "meta", "link", "source", "col"}

    def __init__(self, html: str):
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.excluded = 0
        self.at_boundary = False
        self.last_text = ""
        self.joins: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.at_boundary |= tag in self.BLOCKS
        if tag not in self.VOID:
            skip = "data-search-exclude" in dict(attrs) or tag in ("script", "style")
            self.open.append((tag, skip))
            self.excluded += skip

    def handle_endtag(self, tag):
        self.at_boundary |= tag in self.BLOCKS
        while self.open:
            name, skip = self.open.pop()
            self.excluded -= skip
            if name == tag:
                break

    def handle_data(self, data):
        if self.excluded:
            return
        if self.at_boundary and self.last_text[-1:].strip() and data[:1].strip():
            self.joins.append(f"{self.last_text[-30:]}|{data[:30]}")
        self.at_boundary = False
        self.last_text = data


def test_search_text_keeps_the_words_of_adjacent_blocks_apart(built_site):
    pages = {doc["location"].split("#")[0] for doc in search_index(built_site)["docs"]}
    joins = {}
    for location in sorted(pages):
        html = (built_site / location / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        if found := RunTogetherText(article).joins:
            joins[location or "/"] = found[:3]
    assert not joins, joins
    docs = {doc["location"]: doc["text"] for doc in search_index(built_site)["docs"]}
    assert "Also called bandit policy, BanditPolicy" in docs["glossary/#bandit-policy"]


def test_search_finds_each_segment_of_code_and_paths(built_site):
    """Material's search splits the index text with the configured separator:
    a path such as azureml://registries/azureml/environments/<name>/versions/<n>
    or an identifier such as sampling_algorithm is indexed segment by segment."""
    index = search_index(built_site)
    separator = re.compile(index["config"]["separator"])
    docs = {doc["location"]: doc["text"] for doc in index["docs"]}

    def words(location):
        return {word.lower() for word in separator.split(re.sub(r"<[^>]+>", " ", docs[location])) if word}

    pipelines = words("train/pipelines/#component-naming-and-interface-rules")
    assert {"azureml", "registries", "environments", "versions", "name"} <= pipelines
    assert {"sampling", "algorithm", "sweep"} <= words("train/hyperparameter-tuning/#choose-a-sampling-method")
    assert {"ml", "client", "jobs", "create", "update"} <= words("train/command-jobs/#submit-and-monitor-the-job")
    assert "1.5" in words("workspace/registries-and-git/#the-system-registry-azureml")  # sklearn-1.5: versions stay whole


# -- the build stops on bad input, naming file, entry and field ----------------


@pytest.fixture(scope="module")
def site_copy(tmp_path_factory):
    return copy_site(tmp_path_factory.mktemp("copy"))


def build_with(site_copy, out, *edits):
    """Build the copy with each (file, old text, new text) edit made, then
    undo them; ``old`` None makes a new file."""
    originals = {}
    try:
        for rel, old, new in edits:
            path = site_copy / rel
            original = originals.setdefault(rel, path.read_text(encoding="utf-8") if old is not None else None)
            text = path.read_text(encoding="utf-8") if old is not None else ""
            assert old is None or old in text, f"{old!r} not in {rel}"
            path.write_text(text.replace(old, new, 1) if old is not None else new, encoding="utf-8")
        return mkdocs_build(site_copy, out)
    finally:
        for rel, original in originals.items():
            if original is None:
                (site_copy / rel).unlink()
            else:
                (site_copy / rel).write_text(original, encoding="utf-8")


def broken_build(site_copy, tmp_path, rel, old, new):
    result = build_with(site_copy, tmp_path / "out", (rel, old, new))
    assert result.returncode != 0
    return result.stdout + result.stderr


CHAPTER = "docs/workspace/compute-targets.md"
# (file, text to replace, replacement, what the message must contain)
BREAKAGES = {
    "bad quiz link": ("data/quizzes/compute-targets.yml", "teaches: workspace/compute-targets.md#",
                      "teaches: workspace/compute-targets.md#no-such-",
                      ["data/quizzes/compute-targets.yml: questions[0]", "field 'teaches'", "#no-such-"]),
    "unknown glossary term": (CHAPTER, "glossary_cards(", 'glossary_cards("no-such-term", ',
                              [CHAPTER, "unknown glossary term 'no-such-term'"]),
    "undefined macro": (CHAPTER, "## Key terms", "{{ quizz('x') }}\n\n## Key terms", ["quizz"]),
    "raw HTML": (CHAPTER, "## Key terms", "<script>alert(1)</script>\n\n## Key terms", [f"{CHAPTER}: line", "raw HTML"]),
    "block macro inside a sentence": (CHAPTER, "## Key terms", 'Compare {{ comparison_table("compute-types") }} now.\n\n## Key terms',
                                      [CHAPTER, "comparison_table(...)", "put it on a line of its own"]),
    "broken page link": (CHAPTER, "## Key terms", "See [nowhere](no-such-page.md#x).\n\n## Key terms", ["no-such-page.md"]),
    "reference-style script link": (CHAPTER, "## Key terms", "See [the docs][evil].\n\n[evil]: javascript:alert(1)\n\n## Key terms",
                                    [f"{CHAPTER}: line", "not javascript: URLs"]),
    "attribute list setting href": (CHAPTER, "## Key terms",
                                    '[Learn](https://learn.microsoft.com){ href="javascript:alert(1)" }\n\n## Key terms',
                                    [f"{CHAPTER}: line", "attribute lists may set only #id and .class, not 'href'"]),
    "macro call without its id": (CHAPTER, '{{ quiz("compute-targets") }}', "{{ quiz() }}",
                                  [f"{CHAPTER}: quiz(): field '(arguments)': takes one quiz id in quotes; got 0"]),
    "macro output changed by a filter": (CHAPTER, '{{ comparison_table("compute-types") }}',
                                         '{{ comparison_table("compute-types") | upper }}',
                                         [f"{CHAPTER}: {{{{ comparison_table(...) }}}}: field '(placement)'", "with no filter"]),
    # Templates are not input-checked: only the output check stands here.
    "outside image in a template": ("overrides/main.html", "{% block scripts %}",
                                    '{% block scripts %}\n  <img alt="" src="https://example.org/pixel.png">',
                                    ["Unsafe output: index.html (from docs/index.md):",
                                     'src="https://example.org/pixel.png">: loads a resource from outside the site (written at overrides/main.html:']),
}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_build_stops_and_names_the_problem(site_copy, tmp_path, breakage):
    rel, old, new, expected = breakage
    out = broken_build(site_copy, tmp_path, rel, old, new)
    for fragment in expected:
        assert fragment in out, fragment


def test_a_file_copied_from_docs_is_checked_and_not_left_in_the_site(site_copy, tmp_path):
    result = build_with(site_copy, tmp_path / "out", ("docs/extra.html", None, '<p>Hello</p>\n<a href="javascript:alert(1)">x</a>\n'))
    assert result.returncode != 0
    assert ("Unsafe output: extra.html (from docs/extra.html):\n"
            '  <a href="javascript:alert(1)">: a javascript: URL (written at docs/extra.html:2)') in result.stderr
    assert not (tmp_path / "out" / "extra.html").exists()


HOSTILE_CAPTION = "[Click me](javascript:alert(document.domain)) ![t](https://example.org/t.png)"
HOSTILE_NAME = "[Outline](javascript:alert(1)){: onclick=alert(2) }"


def test_markdown_in_data_shown_as_headings_reaches_the_page_as_text(site_copy, tmp_path):
    content = load_content(REPO, REPO / "docs", nav=NAV)
    untaught = [(domain, skill) for sid, (domain, _, skill) in content.skills.items() if not content.coverage.get(sid)]
    first_domain = content.outline.domains[0]
    edits = [("data/tables/compute-types.yml", f"caption: {content.tables['compute-types'].caption}", f"caption: '{HOSTILE_CAPTION}'"),
             ("data/exam/outline.yml", f"name: {first_domain.name}", f"name: '{HOSTILE_NAME}'")]
    if untaught:  # listed under "Not taught yet", in Markdown
        edits.append(("data/exam/outline.yml", f"name: {untaught[0][1].name}", f"name: '{HOSTILE_NAME}'"))
    result = build_with(site_copy, tmp_path / "out", *edits)
    assert result.returncode == 0, result.stderr  # and the output check found nothing live
    comparisons, exam_map = html_of(tmp_path / "out", "comparisons.md"), html_of(tmp_path / "out", "study/exam-map.md")
    assert f'<h2 id="compute-types">{escape(HOSTILE_CAPTION, quote=False)}<a class="headerlink"' in comparisons
    assert f'<h2 id="{first_domain.id}">{escape(HOSTILE_NAME, quote=False)}<a class="headerlink"' in exam_map
    if untaught:
        domain = HOSTILE_NAME if untaught[0][0] is first_domain else untaught[0][0].name
        assert f"<li>{escape(HOSTILE_NAME, quote=False)} ({escape(domain, quote=False)})</li>" in exam_map
    else:
        assert "Every skill of the outline is taught" in exam_map


def test_a_200_kb_line_builds_in_seconds(site_copy, tmp_path):
    """One long line of links, code and glossary terms: print-site's anchor
    rewriting took 491 s on it, abbr's tree step minutes more."""
    unit = ("A compute cluster and MLflow: see [clusters](#compute-clusters), [the docs](https://learn.microsoft.com/x) "
            "and `ml_client.jobs.create_or_update(job)` or `${{inputs.x}}`, **bold** and *more*. ")
    line = unit * (200_000 // len(unit))
    started = time.perf_counter()
    result = build_with(site_copy, tmp_path / "out", (CHAPTER, "## Key terms", f"{line}\n\n## Key terms"))
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert elapsed < 60, f"{elapsed:.0f} s"  # about 6 s, against 5 s for the site as it is
