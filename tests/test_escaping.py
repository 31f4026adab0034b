"""Nothing a contributor writes in data can put HTML or script on a page."""

from __future__ import annotations

import functools
import itertools
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from pydantic import ValidationError

from macros.diagrams import render_diagram
from macros.errors import ContentError
from macros.exam import render_exam_map
from macros.glossary import render_glossary_cards, render_glossary_index
from macros.quiz import render_quiz
from macros.safe_markdown import PLAIN_TEXT, SafeMarkdown
from macros.tables import render_comparison_index, render_comparison_table
from tests.conftest import REPO, edit_yaml, load_fixture
from tests.data_fields import data_fields, model_of, set_field
from tests.kinds_fixture import KINDS_NAV, make_kinds_fixture
from tests.macro_env import render_everything
from tests.test_output_check import THEME

# The page Markdown of the real site: every extension mkdocs.yml lists.
SITE_EXTENSIONS = [
    next(iter(item)) if isinstance(item, dict) else item
    for item in yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["markdown_extensions"]
]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>x</a>",
    "&lt;script&gt; and <iframe src=//evil>",
    "<div>\n\n<script>block()</script>\n\n</div>",
]


def poison(root: Path, hostile: str) -> None:
    """Append ``hostile`` to every free-text field of the data under ``root``.
    A field whose schema rejects it (term names are plain words, a tooltip is
    one line) gets it on one line, or keeps its text: the schema is then what
    keeps the string off the page, and the other tests prove that rule."""
    for rel, fields in itertools.groupby(data_fields(root), key=lambda f: f.file):
        path, model = root / rel, model_of(rel)
        data = yaml.safe_load(path.read_text())
        candidates = {f.path: [f"{f.value} {hostile}", f"{f.value} {hostile}".replace("\n", " "), f.value]
                      for f in fields if f.kind == "text"}
        for field_path, values in candidates.items():
            set_field(data, field_path, values.pop(0))
        while True:
            try:
                model.model_validate(data)
                break
            except ValidationError as error:
                rejected = [tuple(e["loc"]) for e in error.errors()]
                for field_path, values in candidates.items():
                    if any(field_path[: len(loc)] == loc for loc in rejected):
                        set_field(data, field_path, values.pop(0))
        path.write_text(yaml.safe_dump(data, sort_keys=False))


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_render_as_text(tmp_path, hostile):
    """Every free-text field, items of every kind included, through every
    registered macro and every export."""
    root = make_kinds_fixture(tmp_path / "content")
    poison(root, hostile)
    html = render_everything(root, tmp_path / "site", KINDS_NAV)
    assert 'data-dp-kind="code"' in html and 'class="dp-case"' in html
    for tag, attrs in Tags(html).tags:
        assert tag not in {"script", "img", "svg", "iframe", "object", "embed", "style"}, tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not str(attrs.get("href", "")).lower().startswith("javascript"), attrs
    # The hostile text is still there, as text the reader can see.
    assert "&lt;" in html


MARKDOWN_HOSTILE = [
    "[Click me](javascript:alert(document.domain))",
    "![t](https://example.org/t.png)",
    "[the docs][evil] [evil]: javascript:alert(1)",
    "Caption {: onclick=alert(1) }",
    "<https://example.org> &#106;avascript:alert(1)",
    "*em* _em_ ==mark== ++ctrl+c++ `code` a|b [^1]",
    "1. Starts like a list",
    "Two\n\n- [lines](javascript:alert(1))",
]


class Text(HTMLParser):
    """The text of the elements with a given id."""

    def __init__(self, html: str, ids: set[str]):
        super().__init__()
        self.ids, self.open, self.text = ids, [], {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "hr", "img", "input", "wbr"}:  # no end tag
            return
        found = dict(attrs).get("id")
        self.open.append(found if found in self.ids else None)

    def handle_endtag(self, tag):
        self.open.pop()

    def handle_data(self, data):
        for found in filter(None, self.open):
            self.text[found] = self.text.get(found, "") + data


@pytest.mark.parametrize("hostile", MARKDOWN_HOSTILE)
def test_data_shown_in_headings_and_lists_stays_text(fixture_copy, make_ctx, hostile):
    """Table captions, exam domains and skills become Markdown headings and
    list items; Markdown syntax in them reaches the reader as text."""
    from macros.output_check import allowed_from_theme, check_page

    edit_yaml(fixture_copy, "data/tables/compute-types.yml", lambda d: d.update(caption=hostile))

    def outline(d):
        d["domains"][0]["name"] = hostile
        d["domains"][0]["groups"][0]["skills"][1]["name"] = hostile  # not taught: listed under "Not taught yet"

    edit_yaml(fixture_copy, "data/exam/outline.yml", outline)
    ctx = make_ctx("index.md", content=load_fixture(fixture_copy))
    page = markdown.Markdown(extensions=SITE_EXTENSIONS)
    html = page.convert(render_comparison_index(ctx)) + page.reset().convert(render_exam_map(ctx))
    assert check_page(html, "comparisons/index.html", allowed_from_theme(THEME, [], "")) == []
    parsed = Text(html, {"compute-types", "prepare"})
    expected = " ".join(hostile.split())
    assert parsed.text == {"compute-types": expected, "prepare": expected}
    assert f"<li>{escape(expected, quote=False)} ({escape(expected, quote=False)})</li>" in html


@pytest.mark.parametrize("name", ["<b>Bold</b>", "Term [x]", "Two\nlines", "Star *term*"])
def test_term_names_are_plain_words(fixture_copy, name):
    edit_yaml(fixture_copy, "data/glossary/chapter.yml", lambda d: d["terms"][0].update(term=name))
    with pytest.raises(ContentError) as caught:
        load_fixture(fixture_copy)
    assert "field 'term'" in str(caught.value) and "letters, digits" in str(caught.value)


def test_script_link_in_data_is_rejected(fixture_copy):
    edit_yaml(fixture_copy, "data/tables/compute-types.yml", lambda d: d["rows"][0].update(use="[click](javascript:alert(1))"))
    with pytest.raises(ContentError) as caught:
        load_fixture(fixture_copy)
    assert "rows[0]" in str(caught.value) and "field 'use'" in str(caught.value)


@pytest.mark.parametrize("href", ["part/chapter.md#no-such-section", "no-such-page.md", "javascript:alert(1)"])
def test_rendering_checks_every_link_itself(make_ctx, href):
    """Loading checks the links of the data it knows; rendering checks again,
    so a string that reaches a renderer by another way cannot bring a link in."""
    where = ("data/quizzes/chapter.yml", "question 'fx-cluster'", "prompt")
    with pytest.raises(ContentError) as caught:
        make_ctx().markdown(f"See [this]({href}).", where)
    error = caught.value
    assert (error.file, error.entry, error.field) == where and href in error.problem


def test_images_in_data_stay_text(make_ctx, fixture_copy):
    edit_yaml(fixture_copy, "data/glossary/chapter.yml", lambda d: d["terms"][0].update(details="![tracker](https://example.com/pixel.png)"))
    html = render_glossary_cards(make_ctx(content=load_fixture(fixture_copy)), ("compute-cluster",))
    assert "<img" not in html


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _site_data_strings() -> list[str]:
    root = Path(__file__).resolve().parent.parent / "data"
    return sorted({text for path in root.rglob("*.yml") for text in _strings(yaml.safe_load(path.read_text()))})


EDGE_CASES = [
    "Plain words.", "It's \"quoted\" (twice)", "A & B", "a < b", "x_y", "1. First", "- item", "# Heading",
    "Term: definition", "Trailing space ", "Two  spaces", "100% of $5 + tax = more", "Visit http://example.com",
    "-- dashes --", "Question?", "a/b/c", "Line one\nline two",
]


@pytest.mark.parametrize("inline", [False, True])
def test_plain_text_shortcut_matches_the_converter(inline):
    """SafeMarkdown skips the converter for plain one-line strings; for every
    string in the site's data, and for edge cases, the result is the same."""
    md = SafeMarkdown()
    texts = _site_data_strings() + EDGE_CASES
    shortcut = [text for text in texts if PLAIN_TEXT.fullmatch(text)]
    assert len(shortcut) > 1000  # most data strings take the shortcut
    for text in texts:
        expected = md._md.reset().convert(text)
        if inline and expected.count("<p>") == 1 and expected.startswith("<p>") and expected.endswith("</p>"):
            expected = expected[3:-4]
        assert md.render(text, lambda href: href, inline=inline) == expected, text
