"""The Anki deck, imported with the real ``anki`` package (the backend Anki itself runs on)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import genanki
import pytest
from anki.collection import Collection
from anki.import_export_pb2 import (
    IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)

from macros.exports import ANKI_PROJECT_EPOCH, write_exports
from tests.conftest import edit_yaml, load_fixture
from tests.test_exports_roundtrip import note_count

YEAR_2020_MS = 1_577_836_800_000
# Two versions of the deck, a day apart; both in the past, or Anki would give
# the notes new ids on import.
V1, V2 = ANKI_PROJECT_EPOCH, ANKI_PROJECT_EPOCH + 86_400
SCHEDULING = "select id, nid, did, type, queue, due, ivl, factor, reps, lapses from cards order by id"


@pytest.fixture
def collection(tmp_path):
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def build(content, out: Path, epoch: int | None = None) -> Path:
    write_exports(content, out, "https://example.org/dp100/", epoch=epoch)
    return out / "exports" / "dp100.apkg"


def import_deck(col, apkg: Path):
    """Import as Anki does by default: notes and note types updated only if newer, no scheduling."""
    options = ImportAnkiPackageOptions(
        update_notes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        merge_notetypes=False, with_scheduling=False, with_deck_configs=False,
    )
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(apkg), options=options)).log


def notes_by_guid(col) -> dict[str, tuple[int, list[str]]]:
    return {guid: (nid, flds.split("\x1f")) for nid, guid, flds in col.db.all("select id, guid, flds from notes")}


def test_deck_imports_into_a_fresh_collection(tmp_path, collection, fixture_content):
    apkg = build(fixture_content, tmp_path)  # dated as a real build dates it
    log = import_deck(collection, apkg)
    assert (len(log.new), log.found_notes) == (4, 4)  # two terms, two questions
    assert not (log.updated or log.duplicate or log.conflicting or log.missing_notetype or log.missing_deck)

    note_ids = collection.find_notes("")
    assert len(note_ids) == 4
    for nid in note_ids:
        note = collection.get_note(nid)
        assert note.note_type()["name"] in {"DP-100 term", "DP-100 question"}
        for card in note.cards():
            front, back = card.question(), card.answer()
            assert note.fields[0] in front and note.fields[1] in back, nid
            assert "https://example.org/dp100/" in back
    problems, ok = collection.fix_integrity()  # Tools > Check Database
    assert ok, problems

    # Ids are creation times after 2020 that Anki kept, not ones it had to replace.
    guids = notes_by_guid(collection)
    assert set(guids) == {genanki.guid_for("term", "compute-cluster"), genanki.guid_for("term", "compute-instance"),
                          genanki.guid_for("question", "fx-cluster"), genanki.guid_for("question", "fx-multi")}
    ids = [i for (i,) in collection.db.all("select id from notes union all select id from cards")]
    assert all(YEAR_2020_MS < i <= time.time() * 1000 for i in ids), ids
    assert min(ids) >= ANKI_PROJECT_EPOCH * 1000
    assert all(mod >= ANKI_PROJECT_EPOCH for (mod,) in collection.db.all("select mod from notes"))


def test_newer_deck_updates_in_place_and_keeps_scheduling(tmp_path, collection, fixture_copy):
    import_deck(collection, build(load_fixture(fixture_copy), tmp_path / "v1", epoch=V1))
    for cid in collection.find_cards(""):  # study every card once
        card = collection.get_card(cid)
        card.start_timer()
        collection.sched.answerCard(card, 3)
    before, scheduling = notes_by_guid(collection), collection.db.all(SCHEDULING)
    reviews = collection.db.scalar("select count() from revlog")
    assert reviews == 4 and all(row[3] != 0 for row in scheduling)  # no card is new any more

    # The next version: one edited definition, one new question.
    edit_yaml(fixture_copy, "data/glossary/chapter.yml", lambda d: d["terms"][1].update(short="A single managed VM."))
    edit_yaml(fixture_copy, "data/quizzes/chapter.yml", lambda d: d["questions"].append({
        "id": "fx-new", "prompt": "Which compute scales to zero nodes?",
        "choices": [{"text": "Compute cluster", "correct": True}, {"text": "Compute instance"}],
        "explanation": "A cluster's minimum node count can be zero.", "teaches": "part/chapter.md#compute-clusters",
    }))
    v2 = build(load_fixture(fixture_copy), tmp_path / "v2", epoch=V2)
    log = import_deck(collection, v2)

    after = notes_by_guid(collection)
    edited, new = genanki.guid_for("term", "compute-instance"), genanki.guid_for("question", "fx-new")
    assert [n.id.nid for n in log.new] == [after[new][0]] and set(after) == set(before) | {new}
    assert len(after) == len(set(after)) == 5  # nothing duplicated
    assert not (log.duplicate or log.conflicting or log.first_field_match or log.missing_notetype or log.missing_deck)
    # Every note is newer, so Anki rewrites each in place; only the edited one changes.
    assert len(log.updated) == 4
    assert {g for g in before if after[g] != before[g]} == {edited}
    assert after[edited][0] == before[edited][0] and "A single managed VM." in after[edited][1][1]
    # Review history and scheduling stay, the edited note's card included; the new card is new.
    assert collection.db.all(SCHEDULING)[:4] == scheduling
    assert collection.db.scalar("select count() from revlog") == reviews
    assert collection.db.all("select type, queue from cards where nid = ?", after[new][0]) == [[0, 0]]

    # The same version again, or an older one, changes nothing.
    for apkg in (v2, tmp_path / "v1" / "exports" / "dp100.apkg"):
        log = import_deck(collection, apkg)
        assert not (log.new or log.updated) and len(log.duplicate) == log.found_notes
        assert notes_by_guid(collection) == after


def test_built_site_deck_opens_in_anki(built_site, collection):
    exports = built_site / "exports"
    log = import_deck(collection, exports / "dp100.apkg")
    count = note_count(json.loads((exports / "questions.json").read_text())) + len(
        json.loads((exports / "glossary.json").read_text())["terms"])
    assert len(log.new) == log.found_notes == count == collection.card_count()
    for nid in collection.find_notes(""):
        for card in collection.get_note(nid).cards():
            assert card.question() and "<hr id=answer>" in card.answer(), nid
    assert collection.db.scalar("select min(id) from notes") >= ANKI_PROJECT_EPOCH * 1000
    # A question card's back carries every option's verdict and explanation, as the chapter quiz does.
    question = next(q for q in json.loads((exports / "questions.json").read_text())["questions"]
                    if q["kind"] == "choice" and all(c["explanation_html"] for c in q["choices"]))
    guid = genanki.guid_for("question", question["id"])
    back = collection.get_note(collection.db.scalar("select id from notes where guid = ?", guid)).cards()[0].answer()
    for letter, choice in zip("ABCDEFGH", question["choices"]):
        verdict = "Correct" if choice["correct"] else "Incorrect"
        assert f"<b>{letter}. {verdict}.</b> {choice['explanation_html']}" in back
    problems, ok = collection.fix_integrity()
    assert ok, problems
