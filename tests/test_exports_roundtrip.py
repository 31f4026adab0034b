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
from macros.schema import CaseStudy, MatchQuestion
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
        if name == "questions" and isinstance(source, CaseStudy):
            # A case study lists its questions by id; each is an entry of the bank's questions.
            assert export[name] == [q.id for q in value], f"{where}.{name}"
        elif name == "targets" and isinstance(source, MatchQuestion):
            # Each target is carried with its HTML: {text, text_html}.
            assert [t["text"] for t in export[name]] == value, f"{where}.{name}"
        elif isinstance(value, BaseModel):
            assert_carries(value, export[name], f"{where}.{name}")
        elif isinstance(value, (list, tuple)) and value and isinstance(value[0], BaseModel):
            assert len(export[name]) == len(value), f"{where}.{name}"
            for index, (item, exported_item) in enumerate(zip(value, export[name])):
                assert_carries(item, exported_item, f"{where}.{name}[{index}]")
        else:
            assert export[name] == (list(value) if isinstance(value, tuple) else value), f"{where}.{name}"


def assert_bank_carries_the_quizzes(content, bank: dict) -> None:
    """Every item of every quiz is in the bank: questions of every kind as
    entries of ``questions``, case studies in ``cases`` with their questions
    as entries that name them."""
    cases = {c["id"]: c for c in bank["cases"]}
    for quiz_id, quiz in content.quizzes.items():
        questions = [q for q in bank["questions"] if q["quiz"] == quiz_id]
        assert [q["id"] for q in questions] == [q.id for q in quiz.answerable()], quiz_id
        page = content.quiz_pages[quiz_id]
        by_id = {q["id"]: q for q in questions}
        for item in quiz.questions:
            if isinstance(item, CaseStudy):
                assert_carries(item, cases.pop(item.id), f"case study '{item.id}'")
                assert cases.get(item.id) is None and all(by_id[q.id]["case"] == item.id for q in item.questions)
            else:
                assert by_id[item.id]["case"] is None
        for question in quiz.answerable():
            export = by_id[question.id]
            assert_carries(question, export, f"question '{question.id}'")
            # Where it is asked, and the exam domain the practice exam draws it for: a case
            # study's question that of the chapter it teaches from.
            domain_page = question.teaches.partition("#")[0] if export["case"] else page
            assert (export["chapter_url"], export["domain"]) == (content.site.url(page), content.page_domain(domain_page))
    assert not cases, f"case studies in no quiz: {list(cases)}"


def test_question_bank_carries_every_field_of_the_quizzes_and_outline(site_content, site_exports):
    bank, _, _ = site_exports
    assert_bank_carries_the_quizzes(site_content, bank)
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


def note_count(bank: dict) -> int:
    """Anki notes of a bank's questions: one each, a series one per solution."""
    return sum(len(q["solutions"]) if q["kind"] == "series" else 1 for q in bank["questions"])


def assert_notes_hold_every_question(bank: dict, notes: list[tuple[str, str]]) -> None:
    """Each question's note (each series solution's) holds its prompt, every
    option, step, pair or solution, the answer, the explanations and the link."""
    cards = [fields for _, fields in notes]

    def has_note(parts: list[str], what: str) -> None:
        assert any(all(part in card for part in parts) for card in cards), f"no Anki note holds all of {what}"

    cases = {c["id"]: c for c in bank["cases"]}
    for q in bank["questions"]:
        common = [q["prompt_html"], q["explanation_html"], escape(SITE_URL + q["teaches_url"])]
        if q["case"]:
            common.append(f"Case study: <a href=\"{escape(SITE_URL + cases[q['case']]['chapter_url'])}\">{escape(cases[q['case']]['title'])}</a>")
        what = f"{q['kind']} question '{q['id']}'"
        if q["kind"] == "choice":
            correct = [i for i, c in enumerate(q["choices"]) if c["correct"]]
            has_note([*common, *(c["text_html"] for c in q["choices"]), "Answer: " + ", ".join(LETTERS[i] for i in correct),
                      *(c["explanation_html"] for c in q["choices"] if c["explanation_html"])], what)
        elif q["kind"] == "code":
            has_note([*common, *(f"<b>Gap [{n}]</b>" for n in range(1, len(q["blanks"]) + 1)),
                      *(f"Gap [{n}]: {LETTERS[[o['correct'] for o in b['options']].index(True)]}" for n, b in enumerate(q["blanks"], 1)),
                      *(o[key] for b in q["blanks"] for o in b["options"] for key in ("text_html", "explanation_html"))], what)
        elif q["kind"] == "order":
            has_note([*common, *(s[key] for s in q["steps"] + q["extra_steps"] for key in ("text_html", "explanation_html"))], what)
        elif q["kind"] == "match":
            has_note([*common, *(t["text_html"] for t in q["targets"]),
                      *(p[key] for p in q["pairs"] for key in ("item_html", "explanation_html"))], what)
        elif q["kind"] == "series":
            for n, s in enumerate(q["solutions"]):
                has_note([*common, f"Proposed solution {n + 1} of {len(q['solutions'])}:", s["text_html"], s["explanation_html"],
                          "Does this meet the goal?", f"Answer: {'Yes' if s['meets_goal'] else 'No'}"], f"{what}, solution {n + 1}")
        else:
            raise AssertionError(f"{what}: a kind the test does not know")


def test_anki_notes_hold_each_question_and_term_whole(site_exports):
    bank, glossary, notes = site_exports
    assert len(notes) == note_count(bank) + len(glossary["terms"])
    assert_notes_hold_every_question(bank, notes)
    cards = [fields for _, fields in notes]

    def has_note(parts: list[str], what: str) -> None:
        assert any(all(part in card for part in parts) for card in cards), f"no Anki note holds all of {what}"

    for t in glossary["terms"]:
        has_note([escape(t["term"]), escape(t["short"]), t["details_html"], escape(SITE_URL + t["glossary_url"])], f"term '{t['id']}'")


def guids_by_id(bank: dict, glossary: dict, notes: list[tuple[str, str]]) -> dict[str, str]:
    """Each question's and term's note guid, the note found by its content."""
    def guid_of(part: str) -> str:
        [guid] = [guid for guid, card in notes if part in card]
        return guid

    return {**{q["id"]: guid_of(q["prompt_html"]) for q in bank["questions"] if q["kind"] != "series"},
            **{f"{q['id']}/{n}": guid_of(f"{q['prompt_html']}<p><b>Proposed solution {n + 1} ")
               for q in bank["questions"] if q["kind"] == "series" for n in range(len(q["solutions"]))},
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
