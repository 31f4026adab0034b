"""Every kind of bad data stops loading with file, entry and field named."""

from __future__ import annotations

import pytest
import yaml

from macros.errors import ContentError
from tests.conftest import load_fixture


def edit(root, rel, change):
    path = root / rel
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def expect_error(root, file, entry, field, problem):
    with pytest.raises(ContentError) as caught:
        load_fixture(root)
    error = caught.value
    assert (error.file, error.field) == (file, field), str(error)
    assert entry in error.entry, str(error)
    assert problem in error.problem, str(error)
    # The message a contributor sees carries all three.
    assert file in str(error) and entry in str(error) and field in str(error)


QUIZ = "data/quizzes/chapter.yml"
GLOSSARY = "data/glossary/chapter.yml"
TABLE = "data/tables/compute-types.yml"


def test_question_with_no_correct_answer(fixture_copy):
    edit(fixture_copy, QUIZ, lambda d: d["questions"][0]["choices"][1].pop("correct"))
    expect_error(fixture_copy, QUIZ, "questions[0] (id 'fx-cluster')", "choices", "no choice is marked correct")


def test_question_with_all_answers_correct(fixture_copy):
    edit(fixture_copy, QUIZ, lambda d: d["questions"][1]["choices"][2].update(correct=True))
    expect_error(fixture_copy, QUIZ, "questions[1] (id 'fx-multi')", "choices", "every choice is correct")


def test_question_with_one_choice(fixture_copy):
    edit(fixture_copy, QUIZ, lambda d: d["questions"][0].update(choices=[{"text": "Only", "correct": True}]))
    expect_error(fixture_copy, QUIZ, "questions[0] (id 'fx-cluster')", "choices", "at least 2 items")


def test_question_missing_required_field(fixture_copy):
    edit(fixture_copy, QUIZ, lambda d: d["questions"][1].pop("explanation"))
    expect_error(fixture_copy, QUIZ, "questions[1] (id 'fx-multi')", "explanation", "required field is missing")


def test_question_unknown_field(fixture_copy):
    edit(fixture_copy, QUIZ, lambda d: d["questions"][0].update(answr="B"))
    expect_error(fixture_copy, QUIZ, "questions[0] (id 'fx-cluster')", "answr", "unknown field")


def test_duplicate_question_id(fixture_copy):
    edit(fixture_copy, QUIZ, lambda d: d["questions"][1].update(id="fx-cluster"))
    expect_error(fixture_copy, QUIZ, "questions[1] (id 'fx-cluster')", "id", "duplicate question id")


def test_link_to_missing_page(fixture_copy):
    edit(fixture_copy, QUIZ, lambda d: d["questions"][0].update(teaches="part/nowhere.md#x"))
    expect_error(fixture_copy, QUIZ, "questions[0] (id 'fx-cluster')", "teaches", "no page docs/part/nowhere.md")


def test_link_to_missing_anchor(fixture_copy):
    edit(fixture_copy, QUIZ, lambda d: d["questions"][0].update(teaches="part/chapter.md#no-such-section"))
    expect_error(fixture_copy, QUIZ, "questions[0] (id 'fx-cluster')", "teaches", "has no section '#no-such-section'")


def test_broken_link_inside_markdown(fixture_copy):
    edit(fixture_copy, GLOSSARY, lambda d: d["terms"][0].update(details="See [this](part/chapter.md#gone)."))
    expect_error(fixture_copy, GLOSSARY, "term 'compute-cluster'", "details", "#gone")


def test_script_link_inside_markdown(fixture_copy):
    edit(fixture_copy, QUIZ, lambda d: d["questions"][0].update(explanation="[x](javascript:alert(1))"))
    expect_error(fixture_copy, QUIZ, "questions[0] (id 'fx-cluster')", "explanation", "https://")


def test_unknown_related_term(fixture_copy):
    edit(fixture_copy, GLOSSARY, lambda d: d["terms"][0].update(related=["compute-instanse"]))
    expect_error(fixture_copy, GLOSSARY, "term 'compute-cluster'", "related", "did you mean 'compute-instance'")


def test_duplicate_term_across_files(fixture_copy):
    path = fixture_copy / "data/glossary/other.yml"
    term = yaml.safe_load((fixture_copy / GLOSSARY).read_text())["terms"][1]
    path.write_text(yaml.safe_dump({"terms": [term]}))
    expect_error(fixture_copy, "data/glossary/other.yml", "terms[0] (id 'compute-instance')", "id", "first defined in data/glossary/chapter.yml")


def test_term_name_used_twice(fixture_copy):
    edit(fixture_copy, GLOSSARY, lambda d: d["terms"][1].update(aliases=["compute cluster"]))
    expect_error(fixture_copy, GLOSSARY, "term 'compute-instance'", "term/aliases", "already used by term 'compute-cluster'")


def test_multiline_tooltip(fixture_copy):
    edit(fixture_copy, GLOSSARY, lambda d: d["terms"][0].update(short="two\nlines"))
    expect_error(fixture_copy, GLOSSARY, "terms[0] (id 'compute-cluster')", "short", "single line")


def test_unknown_table_column(fixture_copy):
    edit(fixture_copy, TABLE, lambda d: d["rows"][1].update(cost="high"))
    expect_error(fixture_copy, TABLE, "file", "rows[1]", "unknown column 'cost'")


def test_table_row_missing_a_cell(fixture_copy):
    edit(fixture_copy, TABLE, lambda d: d["rows"][0].pop("use"))
    expect_error(fixture_copy, TABLE, "file", "rows[0]", "no cell for column 'use'")


def test_table_missing_caption(fixture_copy):
    edit(fixture_copy, TABLE, lambda d: d.pop("caption"))
    expect_error(fixture_copy, TABLE, "file", "caption", "required field is missing")


def test_malformed_yaml(fixture_copy):
    (fixture_copy / QUIZ).write_text("questions:\n  - id: x\n   prompt: [unclosed\n")
    expect_error(fixture_copy, QUIZ, "line", "YAML", "")


def test_top_level_not_a_mapping(fixture_copy):
    (fixture_copy / TABLE).write_text("- just a list\n")
    expect_error(fixture_copy, TABLE, "file", "(top level)", "mapping")


def test_quiz_not_shown_on_any_page(fixture_copy):
    (fixture_copy / "data/quizzes/orphan.yml").write_text((fixture_copy / QUIZ).read_text().replace("fx-", "or-"))
    expect_error(fixture_copy, "data/quizzes/orphan.yml", "quiz 'orphan'", "(file)", "not shown on any page")


def test_data_file_with_wrong_extension(fixture_copy):
    (fixture_copy / "data/quizzes/notes.yaml").write_text("questions: []\n")
    expect_error(fixture_copy, "quizzes/notes.yaml", "file", "(name)", ".yml")


def test_diagram_needs_two_stages(fixture_copy):
    edit(fixture_copy, "data/diagrams/lifecycle.yml", lambda d: d.update(stages=d["stages"][:1]))
    expect_error(fixture_copy, "data/diagrams/lifecycle.yml", "file", "stages", "at least 2 items")
