"""Every kind of bad data stops loading with file, entry and field named."""

from __future__ import annotations

import pytest
import yaml

from macros.errors import ContentError
from tests.conftest import GOOD, edit_yaml, load_fixture
from tests.data_fields import data_fields, set_field
from tests.macro_env import render_everything
from tests.test_escaping import Tags

QUIZ = "data/quizzes/chapter.yml"
GLOSSARY = "data/glossary/chapter.yml"
TABLE = "data/tables/compute-types.yml"
DIAGRAM = "data/diagrams/lifecycle.yml"
OUTLINE = "data/exam/outline.yml"


def question(index, **fields):
    return lambda d: d["questions"][index].update(**fields)


def term(index, **fields):
    return lambda d: d["terms"][index].update(**fields)


# (file to break, how: a change to its YAML or a whole new text; then the
# expected error: file, entry, field, problem)
CASES = {
    "no correct answer": (QUIZ, lambda d: d["questions"][0]["choices"][1].pop("correct"),
                          QUIZ, "questions[0] (id 'fx-cluster')", "choices", "no choice is marked correct"),
    "all answers correct": (QUIZ, lambda d: d["questions"][1]["choices"][2].update(correct=True),
                            QUIZ, "questions[1] (id 'fx-multi')", "choices", "every choice is correct"),
    "one choice": (QUIZ, question(0, choices=[{"text": "Only", "correct": True}]),
                   QUIZ, "questions[0] (id 'fx-cluster')", "choices", "at least 2 items"),
    "same choice twice": (QUIZ, question(0, choices=[{"text": "A", "correct": True}, {"text": "A"}]),
                          QUIZ, "questions[0] (id 'fx-cluster')", "choices", "same text"),
    "missing explanation": (QUIZ, lambda d: d["questions"][1].pop("explanation"),
                            QUIZ, "questions[1] (id 'fx-multi')", "explanation", "required field is missing"),
    "unknown field": (QUIZ, question(0, answr="B"), QUIZ, "questions[0] (id 'fx-cluster')", "answr", "unknown field"),
    "duplicate question id": (QUIZ, question(1, id="fx-cluster"),
                              QUIZ, "questions[1] (id 'fx-cluster')", "id", "duplicate question id"),
    "link to missing page": (QUIZ, question(0, teaches="part/nowhere.md#x"),
                             QUIZ, "questions[0] (id 'fx-cluster')", "teaches", "no page docs/part/nowhere.md"),
    "link to missing anchor": (QUIZ, question(0, teaches="part/chapter.md#no-such-section"),
                               QUIZ, "questions[0] (id 'fx-cluster')", "teaches", "has no section '#no-such-section'"),
    "broken link in Markdown": (GLOSSARY, term(0, details="See [this](part/chapter.md#gone)."),
                                GLOSSARY, "term 'compute-cluster'", "details", "#gone"),
    "script link in Markdown": (QUIZ, question(0, explanation="[x](javascript:alert(1))"),
                                QUIZ, "questions[0] (id 'fx-cluster')", "explanation", "https://"),
    "unknown related term": (GLOSSARY, term(0, related=["compute-instanse"]),
                             GLOSSARY, "term 'compute-cluster'", "related", "did you mean 'compute-instance'"),
    "term name used twice": (GLOSSARY, term(1, aliases=["compute cluster"]),
                             GLOSSARY, "term 'compute-instance'", "term/aliases", "already used by term 'compute-cluster'"),
    "multi-line tooltip": (GLOSSARY, term(0, short="two\nlines"),
                           GLOSSARY, "terms[0] (id 'compute-cluster')", "short", "single line"),
    "unknown table column": (TABLE, lambda d: d["rows"][1].update(cost="high"), TABLE, "file", "rows[1]", "unknown column 'cost'"),
    "row missing a cell": (TABLE, lambda d: d["rows"][0].pop("use"), TABLE, "file", "rows[0]", "no cell for column 'use'"),
    "same column twice": (TABLE, lambda d: d["columns"].append({"id": "use", "label": "Again"}),
                          TABLE, "file", "columns", "duplicate column id"),
    "same skill twice": (OUTLINE, lambda d: d["domains"][1]["groups"][0]["skills"].append({"id": "pr-compute", "name": "Again"}),
                         OUTLINE, "domain 'train'", "skills", "duplicate skill id 'pr-compute'"),
    "table without caption": (TABLE, lambda d: d.pop("caption"), TABLE, "file", "caption", "required field is missing"),
    "diagram with one stage": (DIAGRAM, lambda d: d.update(stages=d["stages"][:1]), DIAGRAM, "file", "stages", "at least 2 items"),
    "malformed YAML": (QUIZ, "questions:\n  - id: x\n   prompt: [unclosed\n", QUIZ, "line", "YAML", ""),
    "not a mapping": (TABLE, "- just a list\n", TABLE, "file", "(top level)", "mapping"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_data_is_named_precisely(fixture_copy, case):
    rel, change, file, entry, field, problem = case
    if isinstance(change, str):
        (fixture_copy / rel).write_text(change)
    else:
        edit_yaml(fixture_copy, rel, change)
    expect_error(fixture_copy, file, entry, field, problem)


def expect_error(root, file, entry, field, problem):
    with pytest.raises(ContentError) as caught:
        load_fixture(root)
    error = caught.value
    assert (error.file, error.field) == (file, field), str(error)
    assert entry in error.entry, str(error)
    assert problem in error.problem, str(error)
    # The message a contributor sees carries all three.
    assert file in str(error) and entry in str(error) and field in str(error)


def test_duplicate_term_across_files(fixture_copy):
    path = fixture_copy / "data/glossary/other.yml"
    term = yaml.safe_load((fixture_copy / GLOSSARY).read_text())["terms"][1]
    path.write_text(yaml.safe_dump({"terms": [term]}))
    expect_error(fixture_copy, "data/glossary/other.yml", "terms[0] (id 'compute-instance')", "id", "first defined in data/glossary/chapter.yml")


def test_quiz_not_shown_on_any_page(fixture_copy):
    (fixture_copy / "data/quizzes/orphan.yml").write_text((fixture_copy / QUIZ).read_text().replace("fx-", "or-"))
    expect_error(fixture_copy, "data/quizzes/orphan.yml", "quiz 'orphan'", "(file)", "not shown on any page")


def test_data_file_with_wrong_extension(fixture_copy):
    (fixture_copy / "data/quizzes/notes.yaml").write_text("questions: []\n")
    expect_error(fixture_copy, "quizzes/notes.yaml", "file", "(name)", ".yml")


def test_unparsable_front_matter_stops_the_build(fixture_copy):
    page = fixture_copy / "docs/part/chapter.md"
    page.write_text("---\ndescription: Compute: clusters and instances\n---\n" + page.read_text())
    expect_error(fixture_copy, "docs/part/chapter.md", "line 2", "front matter", "quote values")


def test_diagram_loop_target_must_be_a_stage(fixture_copy):
    edit_yaml(fixture_copy, DIAGRAM, lambda d: d.update(loop_to="Retrain"))
    expect_error(fixture_copy, DIAGRAM, "file", "loop_to", "no stage is labelled 'Retrain'")


BROKEN_LINK = "part/chapter.md#no-such-section"


@pytest.mark.parametrize("field", data_fields(GOOD), ids=str)
def test_a_broken_link_in_any_field_stops_loading(fixture_copy, tmp_path, field):
    """A section link, or a Markdown link in free text, that does not resolve
    stops loading, naming the file, before any page renders; free text that
    is not Markdown shows the link as text."""
    value = BROKEN_LINK if field.kind == "link" else f"{field.value} [gone]({BROKEN_LINK})"
    edit_yaml(fixture_copy, field.file, lambda d: set_field(d, field.path, value))
    try:
        load_fixture(fixture_copy)
    except ContentError as error:
        assert error.file == field.file and BROKEN_LINK in str(error), str(error)
        return
    assert field.kind == "text", f"{field}: a broken section link loaded"
    try:
        html = render_everything(fixture_copy, tmp_path / "site")
    except ContentError as error:
        pytest.fail(f"{field}: the link is checked only when a page renders: {error}")
    assert not [attrs for _, attrs in Tags(html).tags if BROKEN_LINK in attrs.get("href", "")]
