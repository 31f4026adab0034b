"""Exam map, exports and study pages: pure functions on fixture data, and the built site."""

from __future__ import annotations

import json
import sqlite3
import time
import zipfile

import genanki
import pytest
import yaml
from jsonschema import Draft202012Validator

from macros.errors import ContentError
from macros.exam import render_exam_map, render_exam_skills
from macros.exports import (
    ANKI_PROJECT_EPOCH, GlossaryExport, QuestionBank, anki_package, glossary_export, question_bank, source_epoch,
    write_exports,
)
from macros.safe_markdown import SafeMarkdown
from macros.study import render_export_links, render_flashcards, render_study_app
from tests.conftest import edit_yaml, load_fixture
from tests.test_site_build import html_of


def test_page_skills_and_domain(fixture_content):
    assert fixture_content.page_skills("part/chapter.md") == ["pr-compute", "tr-jobs"]
    assert fixture_content.page_domain("part/chapter.md") == "prepare"  # tie: outline order
    assert fixture_content.page_skills("index.md") == [] and fixture_content.page_domain("index.md") is None


def test_exam_map_shows_coverage_and_gaps(make_ctx):
    markdown = render_exam_map(make_ctx("index.md"))
    assert "<td>1 of 2</td>" in markdown and "<td>1 of 1</td>" in markdown   # per-domain coverage
    assert '<li id="skill-pr-git"><strong>Set up Git</strong>: <em>Not taught yet.</em></li>' in markdown
    assert "## Not taught yet {#not-taught-yet}" in markdown and "- Set up Git (Prepare)" in markdown
    assert 'href="part/chapter/#compute-clusters"' in markdown


def test_chapter_lists_the_skills_it_serves(make_ctx):
    html = render_exam_skills(make_ctx())
    assert "Exam skills this chapter serves" in html
    assert 'href="../../study/exam-map/#skill-pr-compute"' in html and "Run jobs" in html
    assert render_exam_skills(make_ctx("index.md")) == ""


def test_coverage_rejects_unknown_skill_and_missing_section(fixture_copy):
    path = fixture_copy / "data/exam/coverage.yml"
    path.write_text("coverage:\n  pr-comptue: [part/chapter.md#compare]\n")
    with pytest.raises(ContentError) as caught:
        load_fixture(fixture_copy)
    assert "data/exam/coverage.yml" in str(caught.value) and "did you mean 'pr-compute'" in str(caught.value)
    path.write_text("coverage:\n  pr-compute: [part/chapter.md#gone]\n")
    with pytest.raises(ContentError) as caught:
        load_fixture(fixture_copy)
    assert "coverage.pr-compute[0]" in str(caught.value) and "#gone" in str(caught.value)


def test_question_skills_must_exist(fixture_copy):
    edit_yaml(fixture_copy, "data/quizzes/chapter.yml", lambda d: d["questions"][0].update(skills=["no-such-skill"]))
    with pytest.raises(ContentError) as caught:
        load_fixture(fixture_copy)
    assert "field 'skills'" in str(caught.value)


def test_question_bank_export(fixture_content):
    bank = question_bank(fixture_content, SafeMarkdown())
    assert bank.kind == "dp100-questions" and bank.schema_version == 2 and bank.cases == []
    assert [c.quiz for c in bank.chapters] == ["chapter"] and bank.chapters[0].domain == "prepare"
    first, second = bank.questions
    assert (first.id, first.multiple, second.multiple) == ("fx-cluster", False, True)
    assert [c.correct for c in first.choices] == [False, True]
    assert first.teaches_url == "part/chapter/#compute-clusters"
    assert first.teaches_title == "Compute fixture › Compute clusters"
    assert first.prompt_html.startswith("<p>You need to train")
    assert QuestionBank.model_validate_json(bank.model_dump_json()) == bank


def test_glossary_export_links_are_root_relative(fixture_content):
    glossary = glossary_export(fixture_content, SafeMarkdown())
    term = next(t for t in glossary.terms if t.id == "compute-cluster")
    assert term.glossary_url == "glossary/#compute-cluster"
    assert 'href="part/chapter/#compute-clusters"' in term.details_html
    assert term.appears_in_urls == ["", "part/chapter/"]


def validate_against_schema(exports, name: str) -> dict:
    """Check ``exports/{name}.json`` against the schema it names, and that schema itself."""
    export = json.loads((exports / f"{name}.json").read_text())
    assert export["$schema"] == f"{name}.schema.json"
    schema = json.loads((exports / export["$schema"]).read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(export)
    return export


def test_exports_written_with_schemas_and_anki(tmp_path, fixture_content):
    written = write_exports(fixture_content, tmp_path, "https://example.org/dp100/")
    names = sorted(p.name for p in written)
    assert names == ["dp100.apkg", "glossary.json", "glossary.schema.json", "questions.json", "questions.schema.json"]
    schema = json.loads((tmp_path / "exports/questions.schema.json").read_text())
    assert schema["title"] == "QuestionBank" and "questions" in schema["properties"]
    GlossaryExport.model_validate_json((tmp_path / "exports/glossary.json").read_text())
    for name in ("questions", "glossary"):
        export = validate_against_schema(tmp_path / "exports", name)
        assert list(Draft202012Validator(json.loads((tmp_path / f"exports/{name}.schema.json").read_text()))
                    .iter_errors({**export, "schema_version": "1"}))  # the validator does check
    with zipfile.ZipFile(tmp_path / "exports/dp100.apkg") as apkg:
        (tmp_path / "collection.anki2").write_bytes(apkg.read("collection.anki2"))
    notes = sqlite3.connect(tmp_path / "collection.anki2").execute("select flds from notes").fetchall()
    assert len(notes) == 2 + 2  # two terms, two questions
    assert any("https://example.org/dp100/glossary/#compute-cluster" in flds for (flds,) in notes)


def test_anki_notes_keep_identity_between_builds(fixture_content):
    # Anki matches notes by guid: a new scheme would duplicate every note a reader has.
    md = SafeMarkdown()
    notes = anki_package(question_bank(fixture_content, md), glossary_export(fixture_content, md), "").decks[0].notes
    assert [n.guid for n in notes] == [
        genanki.guid_for("term", "compute-cluster"), genanki.guid_for("term", "compute-instance"),
        genanki.guid_for("question", "fx-cluster"), genanki.guid_for("question", "fx-multi"),
    ]
    assert genanki.guid_for("question", "fx-cluster") == "ntM[4#U[nj"  # genanki's hash, pinned too


def test_anki_deck_is_reproducible_and_dated_from_its_sources(tmp_path, fixture_content, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    decks = []
    for run in ("a", "b"):
        write_exports(fixture_content, tmp_path / run, "")
        decks.append((tmp_path / run / "exports/dp100.apkg").read_bytes())
    assert decks[0] == decks[1]
    epoch = source_epoch(fixture_content.root)  # the last commit of the fixture, or the project's date
    assert epoch >= ANKI_PROJECT_EPOCH
    stamp = time.gmtime(epoch)
    with zipfile.ZipFile(tmp_path / "a/exports/dp100.apkg") as apkg:  # zip dates count seconds in twos
        assert {e.date_time for e in apkg.infolist()} == {(*stamp[:5], stamp.tm_sec - stamp.tm_sec % 2)}
        (tmp_path / "collection.anki2").write_bytes(apkg.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    assert {mod for (mod,) in db.execute("select mod from notes union select mod from cards")} == {epoch}
    assert min(i for (i,) in db.execute("select id from notes union select id from cards")) == epoch * 1000
    db.close()

    assert source_epoch(tmp_path) == ANKI_PROJECT_EPOCH  # not a git checkout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(ANKI_PROJECT_EPOCH + 5))
    assert source_epoch(fixture_content.root) == ANKI_PROJECT_EPOCH + 5
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532800")  # Nix's default, 1980
    assert source_epoch(tmp_path) == ANKI_PROJECT_EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        source_epoch(tmp_path)


def test_study_app_container_and_fallback(make_ctx):
    html = render_study_app(make_ctx(), "practice-exam")
    assert 'data-dp-app="practice-exam"' in html and "needs JavaScript" in html
    with pytest.raises(ContentError):
        render_study_app(make_ctx(), "quizz")


def test_flashcards_and_export_links(make_ctx):
    cards = render_flashcards(make_ctx("study/flashcards.md"))
    assert cards.count('class="dp-flashcard"') == 2 and "&lt;script&gt;" in cards
    links = render_export_links(make_ctx("study/exports.md"))
    assert 'href="../../exports/questions.json"' in links and 'href="../../exports/dp100.apkg"' in links


# -- the built site -------------------------------------------------------------


def test_built_exports_match_the_data(built_site):
    from macros.content import load_content
    from tests.conftest import REPO

    bank = QuestionBank.model_validate_json((built_site / "exports/questions.json").read_text())
    glossary = GlossaryExport.model_validate_json((built_site / "exports/glossary.json").read_text())
    content = load_content(REPO, REPO / "docs", nav=yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["nav"])
    assert {q.id for q in bank.questions} == {q.id for quiz in content.quizzes.values() for q in quiz.answerable()}
    assert {c.id for c in bank.cases} == {item.id for quiz in content.quizzes.values() for item in quiz.questions if item.kind == "case"}
    assert {t.id for t in glossary.terms} == set(content.terms)
    for name in ("questions", "glossary"):
        validate_against_schema(built_site / "exports", name)
    assert (built_site / "exports/dp100.apkg").stat().st_size > 10_000
    # Every chapter but the legacy page counts towards an exam domain; the case
    # studies' page has none of its own, each question taking its chapter's.
    assert sorted(c.quiz for c in bank.chapters if c.domain is None) == ["case-studies", "legacy"]
    assert all(q.domain for q in bank.questions if q.case)


def test_every_chapter_shows_its_exam_skills(built_site):
    from tests.test_site_build import CHAPTERS, html_of

    for src in CHAPTERS:
        if src != "legacy.md":
            assert "Exam skills this chapter serves" in html_of(built_site, src), src


def test_print_page_holds_the_guide_with_answer_keys(built_site):
    page = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="dp-quiz"') >= 23
    assert "Answer key" in page
    # Paper has no hover: no tooltips there, unlike the chapters.
    assert "<abbr" not in page and "<abbr" in html_of(built_site, "workspace/compute-targets.md")
