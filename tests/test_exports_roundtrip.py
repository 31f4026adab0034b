"""The exports carry the data they are made from: every field of every question,
domain and term, their HTML rendered from the site root, and Anki notes that
keep their identity when their text is edited."""

from __future__ import annotations

import json
import re
from html import escape

import pytest
from pydantic import BaseModel

from macros.exports import write_exports
from macros.quiz import LETTERS
from macros.rendering import RenderContext
from macros.safe_markdown import SafeMarkdown
from tests.conftest import edit_yaml, load_fixture
from tests.data_fields import data_fields, set_field
from tests.macro_env import anki_notes

SITE_URL = "https://example.org/dp100/"
# Source fields an export leaves out on purpose, and why.
LEFT_OUT = {
    "groups",  # Domain: the skills outline is the exam map's; each question names its skills by id
}


def exported(content, tmp_path) -> tuple[dict, dict, list[tuple[str, str]]]:
    """questions.json, glossary.json and the Anki notes (guid, fields joined) written for ``content``."""
    out = tmp_path / "site"
    write_exports(content, out, SITE_URL)
    bank, glossary = (json.loads((out / "exports" / name).read_text(encoding="utf-8")) for name in ("questions.json", "glossary.json"))
    notes = [(guid, "\x1f".join(fields)) for guid, fields in anki_notes(out / "exports" / "dp100.apkg")]
    return bank, glossary, notes


@pytest.fixture(scope="module")
def site_exports(site_content, tmp_path_factory):
    return exported(site_content, tmp_path_factory.mktemp("exports"))


def assert_carries(source: BaseModel, export: dict, where: str) -> None:
    """Every field of ``source`` is in ``export`` with the same value, nested models alike."""
    for name, value in source:
        if name in LEFT_OUT:
            continue
        assert name in export, f"{where}: no field '{name}'"
        if isinstance(value, BaseModel):
            assert_carries(value, export[name], f"{where}.{name}")
        elif isinstance(value, (list, tuple)) and value and isinstance(value[0], BaseModel):
            assert len(export[name]) == len(value), f"{where}.{name}"
            for index, (item, exported_item) in enumerate(zip(value, export[name])):
                assert_carries(item, exported_item, f"{where}.{name}[{index}]")
        else:
            assert export[name] == (list(value) if isinstance(value, tuple) else value), f"{where}.{name}"


def test_question_bank_carries_every_field_of_the_quizzes_and_outline(site_content, site_exports):
    bank, _, _ = site_exports
    for quiz_id, quiz in site_content.quizzes.items():
        questions = [q for q in bank["questions"] if q["quiz"] == quiz_id]
        assert len(questions) == len(quiz.questions), quiz_id
        page = site_content.quiz_pages[quiz_id]
        for question, export in zip(quiz.questions, questions):
            assert_carries(question, export, f"question '{question.id}'")
            # Where it is asked, and the exam domain the practice exam draws it for.
            assert (export["chapter_url"], export["domain"]) == (site_content.site.url(page), site_content.page_domain(page))
    domains = {d["id"]: d for d in bank["domains"]}
    assert list(domains) == [d.id for d in site_content.outline.domains]
    for domain in site_content.outline.domains:
        assert_carries(domain, domains[domain.id], f"domain '{domain.id}'")


def test_glossary_export_carries_every_field_of_the_terms(site_content, site_exports):
    _, glossary, _ = site_exports
    terms = {t["id"]: t for t in glossary["terms"]}
    assert terms.keys() == site_content.terms.keys()
    for tid, term in site_content.terms.items():
        assert_carries(term, terms[tid], f"term '{tid}'")


def html_fields(node):
    """(field, its source text, its HTML) for each ``*_html`` field in parsed JSON, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_html"):
                yield key, node[key.removesuffix("_html")], value
            else:
                yield from html_fields(value)
    elif isinstance(node, list):
        for value in node:
            yield from html_fields(value)


def test_html_fields_are_their_text_rendered_from_the_site_root(site_content, site_exports):
    """The study tools show ``*_html`` on any page, with links made absolute from the root."""
    bank, glossary, _ = site_exports
    root = RenderContext(site_content, "index.md", SafeMarkdown())
    where = ("export", "entry", "field")
    for export in (bank, glossary):
        found = list(html_fields(export))
        assert found
        for key, text, html in found:
            if text is None:
                assert html is None, key
            else:
                assert html in {root.markdown(text, where), root.markdown(text, where, inline=True)}, (key, text, html)


def test_anki_notes_hold_each_question_and_term_whole(site_exports):
    bank, glossary, notes = site_exports
    assert len(notes) == len(bank["questions"]) + len(glossary["terms"])
    cards = [fields for _, fields in notes]

    def has_note(parts: list[str], what: str) -> None:
        assert any(all(part in card for part in parts) for card in cards), f"no Anki note holds all of {what}"

    for q in bank["questions"]:
        correct = [i for i, c in enumerate(q["choices"]) if c["correct"]]
        has_note([q["prompt_html"], *(c["text_html"] for c in q["choices"]), q["explanation_html"],
                  escape(SITE_URL + q["teaches_url"]), "Answer: " + ", ".join(LETTERS[i] for i in correct)],
                 f"question '{q['id']}'")
    for t in glossary["terms"]:
        has_note([escape(t["term"]), escape(t["short"]), t["details_html"], escape(SITE_URL + t["glossary_url"])], f"term '{t['id']}'")


def guids_by_id(bank: dict, glossary: dict, notes: list[tuple[str, str]]) -> dict[str, str]:
    """Each question's and term's note guid, the note found by its content."""
    def guid_of(part: str) -> str:
        [guid] = [guid for guid, card in notes if part in card]
        return guid

    return {**{q["id"]: guid_of(q["prompt_html"]) for q in bank["questions"]},
            **{t["id"]: guid_of(t["details_html"]) for t in glossary["terms"]}}


def test_anki_notes_keep_their_identity_when_their_text_changes(fixture_copy, tmp_path):
    """Anki keeps a reader's review history per note guid: an edited prompt,
    answer or definition must update the note, not replace it."""
    before = guids_by_id(*exported(load_fixture(fixture_copy), tmp_path / "before"))
    for field in data_fields(fixture_copy):
        if field.kind == "text" and re.match(r"data/(quizzes|glossary)/", field.file):
            edit_yaml(fixture_copy, field.file, lambda d, f=field: set_field(d, f.path, f"{f.value} edited"))
    after = guids_by_id(*exported(load_fixture(fixture_copy), tmp_path / "after"))
    assert after == before
    assert len(set(before.values())) == len(before)
