"""The macros package driven the way mkdocs-macros drives it, without MkDocs.

``macros/__init__.py`` registers every renderer and writes the exports after
the build. Tests that must see everything a contributor's data can reach (a
hostile string, a broken link) render a page that calls every registered
macro, convert it with the site's Markdown extensions, and read the exports:
a renderer registered later is part of it, or the test says what it lacks.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from types import SimpleNamespace

import markdown

import macros
from tests.conftest import FIXTURE_NAV, site_config

PAGE = "part/chapter.md"  # the fixture page that teaches skills, so every macro has something to show
# Every macro macros/__init__.py registers, with the fixture ids to call it with.
MACRO_CALLS = {
    "glossary_cards": ("compute-cluster", "compute-instance"),
    "comparison_table": ("compute-types",),
    "quiz": ("chapter",),
    "diagram": ("lifecycle",),
    "exam_skills": (),
    "study_app": ("practice-exam",),
    "flashcards": (),
    "export_links": (),
    "glossary_index": (),
    "comparison_index": (),
    "exam_map": (),
    "study_tools": (),
}


class MacroEnv:
    """The parts of mkdocs-macros' environment that macros/__init__.py uses."""

    def __init__(self, root: Path, site_dir: Path, nav=FIXTURE_NAV):
        config = site_config()
        self.project_dir = str(root)
        self.conf = {
            "docs_dir": str(root / "docs"), "nav": nav, "use_directory_urls": True,
            "markdown_extensions": list(config["markdown_extensions"]), "mdx_configs": config["mdx_configs"],
            "site_dir": str(site_dir), "site_url": "https://example.org/dp100/",
        }
        self.variables: dict = {}
        self.macros: dict = {}
        self.page = SimpleNamespace(file=SimpleNamespace(src_path=PAGE), meta={})
        self.markdown = ""

    def macro(self, function, name: str = ""):
        self.macros[name or function.__name__] = function
        return function


def render_everything(root: Path, site_dir: Path, nav=FIXTURE_NAV) -> str:
    """HTML of a page calling every macro (and the quiz macro for every quiz,
    so that items of every kind are reached), then every HTML string of the
    exports."""
    env = MacroEnv(root, site_dir, nav)
    macros.define_env(env)
    assert set(env.macros) == set(MACRO_CALLS), f"give every registered macro fixture arguments in MACRO_CALLS: {set(env.macros) ^ set(MACRO_CALLS)}"
    quizzes = [("quiz", (quiz_id,)) for quiz_id in env.variables[macros.CONTENT_KEY].quizzes if (quiz_id,) != MACRO_CALLS["quiz"]]
    env.markdown = "\n\n".join(str(env.macros[name](*args)) for name, args in [*MACRO_CALLS.items(), *quizzes])
    macros.on_post_page_macros(env)
    page = markdown.Markdown(extensions=env.conf["markdown_extensions"], extension_configs=env.conf["mdx_configs"])
    html = page.convert(env.markdown)
    macros.on_post_build(env)
    exports = site_dir / "exports"
    html_fields = [
        value
        for name in ("questions.json", "glossary.json")
        for key, value in _items(json.loads((exports / name).read_text(encoding="utf-8")))
        if key.endswith("_html") and value
    ]
    anki_fields = [field for _, fields in anki_notes(exports / "dp100.apkg") for field in fields]
    return "\n".join([html, *html_fields, *anki_fields])


def _items(node):
    """(key, value) of every mapping entry in parsed JSON, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _items(value)
    elif isinstance(node, list):
        for value in node:
            yield from _items(value)


def anki_notes(apkg: Path) -> list[tuple[str, list[str]]]:
    """(guid, fields) of every note in an Anki package."""
    with zipfile.ZipFile(apkg) as package:
        collection = package.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(collection)
    return [(guid, fields.split("\x1f")) for guid, fields in db.execute("select guid, flds from notes")]
