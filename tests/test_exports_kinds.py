"""The exports of items of every kind (tests/fixtures/kinds): the question
bank against its schema, every field carried, case studies with their
questions, and Anki notes that show each kind without scripts, the same bytes
from the same sources."""

from __future__ import annotations

import hashlib
import json

import genanki
import pytest
from anki.collection import Collection

from macros.exports import QuestionBank, write_exports
from tests.kinds_fixture import CASE_PAGE, load_kinds, make_kinds_fixture
from tests.conftest import edit_yaml
from tests.data_fields import data_fields, set_field
from tests.test_exports_in_anki import import_deck
from tests.test_exports_roundtrip import (
    SITE_URL, assert_bank_carries_the_quizzes, assert_notes_hold_every_question, exported, guids_by_id, note_count,
)
from tests.test_study_tools import validate_against_schema

EPOCH = 1_795_478_400


@pytest.fixture(scope="module")
def kinds_exports(kinds_content, tmp_path_factory):
    return exported(kinds_content, tmp_path_factory.mktemp("exports"))


def test_bank_holds_every_kind_and_validates_against_its_schema(kinds_content, tmp_path):
    write_exports(kinds_content, tmp_path, SITE_URL, epoch=EPOCH)
    bank = validate_against_schema(tmp_path / "exports", "questions")
    assert bank["schema_version"] == 2
    assert {q["kind"] for q in bank["questions"]} == {"choice", "code", "order", "match", "series"}
    QuestionBank.model_validate(bank)
    # The schema tells the kinds apart: a code question with a choice question's fields does not validate.
    from jsonschema import Draft202012Validator

    schema = json.loads((tmp_path / "exports/questions.schema.json").read_text())
    code = next(q for q in bank["questions"] if q["kind"] == "code")
    broken = {**bank, "questions": [{**code, "blanks": None}]}
    assert list(Draft202012Validator(schema).iter_errors(broken))
    unknown = {**bank, "questions": [{**code, "kind": "essay"}]}
    assert list(Draft202012Validator(schema).iter_errors(unknown))


def test_bank_carries_every_field_and_case_studies(kinds_content, kinds_exports):
    bank, _, _ = kinds_exports
    assert_bank_carries_the_quizzes(kinds_content, bank)
    [case] = bank["cases"]
    assert (case["id"], case["title"], case["quiz"], case["chapter_url"]) == (
        "fx-case", "Contoso Research", "case-studies", kinds_content.site.url(CASE_PAGE))
    assert [s["title"] for s in case["scenario"]] == ["Overview", "Requirements"]
    assert "<strong>compute cluster</strong>" in case["scenario"][0]["text_html"]
    nested = [q for q in bank["questions"] if q["case"] == "fx-case"]
    assert [q["id"] for q in nested] == case["questions"] == ["fx-case-choice", "fx-case-code", "fx-case-match"]
    # The case-studies page has no domain of its own; its questions take their chapter's.
    chapter = next(c for c in bank["chapters"] if c["quiz"] == "case-studies")
    assert chapter["domain"] is None and {q["domain"] for q in nested} == {"prepare"}
    match = next(q for q in bank["questions"] if q["id"] == "fx-match")
    assert [t["text"] for t in match["targets"]] == ["Compute cluster", "Compute instance", "Serverless compute"]
    assert match["pairs"][2]["target"] == "Compute cluster"


def test_anki_notes_show_every_kind_without_scripts(kinds_exports):
    bank, _, notes = kinds_exports
    assert len(notes) == note_count(bank) + 2
    assert_notes_hold_every_question(bank, notes)
    assert not any("<script" in fields for _, fields in notes)
    fields = {guid: text.split("\x1f") for guid, text in notes}
    # Code: numbered gaps on the front, the filled-in code on the back.
    front, back, _ = fields[genanki.guid_for("question", "fx-code")]
    assert "job = <b>[1]</b>(" in front and "<b>[2]</b>=&quot;cpu-cluster&quot;" in front
    assert "<mark>[1] <code>command</code></mark>(" in back and "<b>Gap [1]: A</b>" in back
    # Order: the steps shuffled on the front, never in the right order; the sequence and why on the back.
    front, back, _ = fields[genanki.guid_for("question", "fx-order")]
    shown = [front.index(text) for text in ("Create the cluster", "Define the command job", "Submit the job")]
    assert shown != sorted(shown) and "Register a datastore" in front
    assert "<ol><li><b>" in back and "Not in the sequence:" in back and "Compute comes first." in back
    # Matching: items and targets on the front, the pairs on the back.
    front, back, _ = fields[genanki.guid_for("question", "fx-match")]
    assert "<b>Items</b>" in front and "Compute cluster" not in front.split("<b>Targets</b>")[0]
    assert "Write notebooks → <b>B. Compute instance</b>" in back
    # A series: a note per solution, the scenario on each.
    for n, answer in enumerate(["Yes", "No", "No"]):
        front, back, _ = fields[genanki.guid_for("series", "fx-series", str(n))]
        assert "You must train on many nodes" in front and "Does this meet the goal?" in front
        assert f"Answer: {answer}" in back
    # A case study's question names its study and links to the scenario.
    front, _, _ = fields[genanki.guid_for("question", "fx-case-code")]
    assert front.startswith(f'<p><i>Case study: <a href="{SITE_URL}study/case-studies/">Contoso Research</a>')


def test_anki_deck_of_every_kind_is_the_same_bytes_from_the_same_sources(kinds_content, tmp_path):
    digests = []
    for run in ("one", "two"):
        write_exports(kinds_content, tmp_path / run, SITE_URL, epoch=EPOCH)
        digests.append(hashlib.sha256((tmp_path / run / "exports/dp100.apkg").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_anki_notes_of_every_kind_keep_their_identity_when_their_text_changes(tmp_path):
    root = make_kinds_fixture(tmp_path / "content")
    before = guids_by_id(*exported(load_kinds(root), tmp_path / "before"))
    assert {"fx-code", "fx-order", "fx-match", "fx-series/0", "fx-series/2", "fx-case-match"} <= set(before)
    edited = 0
    for field in data_fields(root):
        if field.kind == "text" and field.file.startswith("data/quizzes/") and not {"target", "targets"} & set(field.path):
            edit_yaml(root, field.file, lambda d, f=field: set_field(d, f.path, f"{f.value} edited"))
            edited += 1
    assert edited > 40
    after = guids_by_id(*exported(load_kinds(root), tmp_path / "after"))
    assert after == before
    assert len(set(before.values())) == len(before)


def test_anki_imports_every_kind(kinds_content, tmp_path):
    write_exports(kinds_content, tmp_path, SITE_URL, epoch=EPOCH)
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        log = import_deck(col, tmp_path / "exports/dp100.apkg")
        bank = json.loads((tmp_path / "exports/questions.json").read_text())
        assert len(log.new) == note_count(bank) + 2 == col.card_count()
        for nid in col.find_notes(""):
            for card in col.get_note(nid).cards():
                assert card.question() and "<hr id=answer>" in card.answer(), nid
        problems, ok = col.fix_integrity()
        assert ok, problems
    finally:
        col.close()


def test_anki_notes_are_plain_html(kinds_exports, tmp_path):
    _, _, notes = kinds_exports
    for guid, text in notes:
        for banned in ("<script", "onclick", "javascript:", "<input", "<select"):
            assert banned not in text.lower(), (guid, banned)
