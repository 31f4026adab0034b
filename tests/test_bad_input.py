"""Every kind of bad data stops loading with file, entry and field named."""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml

from macros.content import LoadMemo, unknown_id
from macros.errors import ContentError
from tests.conftest import FIXTURE_NAV, GOOD, edit_yaml, load_fixture
from tests.data_fields import data_fields, set_field
from tests.kinds_fixture import KINDS, KINDS_NAV, load_kinds, make_kinds_fixture
from tests.macro_env import render_everything
from tests.test_escaping import Tags

QUIZ = "data/quizzes/chapter.yml"
GLOSSARY = "data/glossary/chapter.yml"
TABLE = "data/tables/compute-types.yml"
DIAGRAM = "data/diagrams/lifecycle.yml"
OUTLINE = "data/exam/outline.yml"


def question(index, **fields):
    return lambda d: d["questions"][index].update(**fields)


def choice(question_index, index, **fields):
    return lambda d: d["questions"][question_index]["choices"][index].update(**fields)


def term(index, **fields):
    return lambda d: d["terms"][index].update(**fields)


# Items of every kind beyond choice (the kinds fixture), added to the fixture's quiz as questions[2].
KIND_ITEMS = {item["id"]: item for name in ("kinds.yml", "case-studies.yml")
              for item in yaml.safe_load((KINDS / "data/quizzes" / name).read_text())["questions"]}


def new_item(item_id, change):
    """Adds the kinds fixture's item ``item_id``, changed by ``change``."""
    def add(d):
        item = copy.deepcopy(KIND_ITEMS[item_id])
        change(item)
        d["questions"].append(item)
    return add


CODE, ORDER, MATCH, SERIES, CASE = (f"questions[2] (id 'fx-{kind}')" for kind in ("code", "order", "match", "series", "case"))

# (file to break, how: a change to its YAML or a whole new text; then the
# expected error: file, entry, field, problem)
CASES = {
    "no correct answer": (QUIZ, lambda d: d["questions"][0]["choices"][1].pop("correct"),
                          QUIZ, "questions[0] (id 'fx-cluster')", "choices", "no choice is marked correct"),
    "all answers correct": (QUIZ, choice(1, 2, correct=True),
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
    "27 choices": (QUIZ, question(0, choices=[{"text": f"Choice {i}", "correct": i == 0} for i in range(27)]),
                   QUIZ, "questions[0] (id 'fx-cluster')", "choices", "at most 8 items"),
    "misspelled required field": (QUIZ, lambda d: d["questions"][1].update(explaination=d["questions"][1].pop("explanation")),
                                  QUIZ, "questions[1] (id 'fx-multi')", "explanation",
                                  "required field is missing; the entry has an unknown field 'explaination'"),
    'correct: "yes"': (QUIZ, choice(0, 0, correct="yes"), QUIZ, "questions[0] (id 'fx-cluster')", "correct", "valid boolean"),
    "correct: 'on'": (QUIZ, choice(0, 0, correct="on"), QUIZ, "questions[0] (id 'fx-cluster')", "correct", "valid boolean"),
    'loop: "true"': (DIAGRAM, lambda d: d.update(loop="true"), DIAGRAM, "file", "loop", "valid boolean"),
    "duplicate key": (QUIZ, "questions:\n  - id: fx-a\n    prompt: First\n    prompt: Second\n",
                      QUIZ, "line 4", "YAML", "duplicate key 'prompt' (first given at line 3)"),
    "stop-word alias": (GLOSSARY, term(0, aliases=["the"]), GLOSSARY, "terms[0] (id 'compute-cluster')", "aliases", "too common"),
    "one-letter alias": (GLOSSARY, term(0, aliases=["R"]), GLOSSARY, "terms[0] (id 'compute-cluster')", "aliases", "too common"),
    "control character in data": (GLOSSARY, term(0, short="Red \x1b[31m text"),
                                  GLOSSARY, "terms[0] (id 'compute-cluster')", "short", "control character U+001B at position 5"),
    "http link in data": (QUIZ, question(0, explanation="See [the docs](http://learn.microsoft.com/x)."),
                          QUIZ, "questions[0] (id 'fx-cluster')", "explanation", "use https://"),
    "bare anchor in data": (QUIZ, question(0, explanation="See [clusters](#compute-clusters)."),
                            QUIZ, "questions[0] (id 'fx-cluster')", "explanation", "'part/chapter.md#compute-clusters'"),
    "malformed YAML": (QUIZ, "questions:\n  - id: x\n   prompt: [unclosed\n", QUIZ, "line", "YAML", ""),
    "not a mapping": (TABLE, "- just a list\n", TABLE, "file", "(top level)", "mapping"),
    # Item kinds beyond choice questions.
    "code: no correct option": (QUIZ, new_item("fx-code", lambda q: q["blanks"][0]["options"][0].pop("correct")),
                                QUIZ, f"{CODE}.blanks[0] (id 'builder')", "options", "exactly one option must be correct: true (0 are)"),
    "code: two correct options": (QUIZ, new_item("fx-code", lambda q: q["blanks"][0]["options"][1].update(correct=True)),
                                  QUIZ, f"{CODE}.blanks[0] (id 'builder')", "options", "exactly one option must be correct: true (2 are)"),
    "code: option without explanation": (QUIZ, new_item("fx-code", lambda q: q["blanks"][0]["options"][1].pop("explanation")),
                                         QUIZ, f"{CODE}.blanks[0] (id 'builder').options[1]", "explanation", "required field is missing"),
    "code: marker with no blank": (QUIZ, new_item("fx-code", lambda q: q.update(code=q["code"] + "x = [[extra]]\n")),
                                   QUIZ, CODE, "code", "[[extra]] names no blank (blanks are ['builder', 'target'])"),
    "code: blank unused": (QUIZ, new_item("fx-code", lambda q: q.update(code=q["code"].replace("[[target]]", "compute"))),
                           QUIZ, CODE, "code", "blank 'target' must appear exactly once as [[target]] (it appears 0 times)"),
    "code: blank used twice": (QUIZ, new_item("fx-code", lambda q: q.update(code=q["code"] + "[[target]]\n")),
                               QUIZ, CODE, "code", "blank 'target' must appear exactly once as [[target]] (it appears 2 times)"),
    "code: blanks out of order": (QUIZ, new_item("fx-code", lambda q: q.update(blanks=q["blanks"][::-1])),
                                  QUIZ, CODE, "blanks", "list them in the order they appear in the code (['builder', 'target'])"),
    "code: unknown language": (QUIZ, new_item("fx-code", lambda q: q.update(language="java")),
                               QUIZ, CODE, "language", "'python', 'yaml' or 'bash'"),
    "match: target not listed": (QUIZ, new_item("fx-match", lambda q: q["pairs"][1].update(target="Databricks")),
                                 QUIZ, MATCH, "pairs[1]", "target 'Databricks' is not one of targets ['Compute cluster',"),
    "match: item twice": (QUIZ, new_item("fx-match", lambda q: q["pairs"][1].update(item="Train on many nodes")),
                          QUIZ, MATCH, "pairs[1]", "two items have the same text 'Train on many nodes'"),
    "order: duplicate steps": (QUIZ, new_item("fx-order", lambda q: q["extra_steps"].append({"text": "Create the cluster", "explanation": "Again."})),
                               QUIZ, ORDER, "steps[4]", "two steps (extra steps included) have the same text 'Create the cluster'"),
    "order: two steps": (QUIZ, new_item("fx-order", lambda q: q.update(steps=q["steps"][:2])), QUIZ, ORDER, "steps", "at least 3 items"),
    "series: meets_goal as a string": (QUIZ, new_item("fx-series", lambda q: q["solutions"][0].update(meets_goal="yes")),
                                       QUIZ, f"{SERIES}.solutions[0]", "meets_goal", "valid boolean"),
    "series: same solution twice": (QUIZ, new_item("fx-series", lambda q: q["solutions"][1].update(text=q["solutions"][0]["text"])),
                                    QUIZ, SERIES, "solutions[1]", "two solutions have the same text"),
    "unknown kind": (QUIZ, new_item("fx-order", lambda q: q.update(kind="hotspot")),
                     QUIZ, ORDER, "kind", "unknown kind 'hotspot'; the kinds are choice, code, order, match, series, case"),
    "case study with a series inside": (QUIZ, new_item("fx-case", lambda q: q["questions"].append(copy.deepcopy(KIND_ITEMS["fx-series"]))),
                                        QUIZ, f"{CASE}.questions[3] (id 'fx-series')", "kind",
                                        "a case study's questions may be of kind choice, code, order or match, not 'series'"),
    "case study with one section": (QUIZ, new_item("fx-case", lambda q: q.update(scenario=q["scenario"][:1])),
                                    QUIZ, CASE, "scenario", "at least 2 items"),
    "case question: broken teaches link": (QUIZ, new_item("fx-case", lambda q: q["questions"][1].update(teaches="part/chapter.md#gone")),
                                           QUIZ, f"{CASE}.questions[1] (id 'fx-case-code')", "teaches", "has no section '#gone'"),
    "case question: id used elsewhere": (QUIZ, new_item("fx-case", lambda q: q["questions"][1].update(id="fx-cluster")),
                                         QUIZ, f"{CASE}.questions[1] (id 'fx-cluster')", "id", "duplicate question id"),
    "case scenario: broken link": (QUIZ, new_item("fx-case", lambda q: q["scenario"][1].update(text="See [x](part/chapter.md#gone).")),
                                   QUIZ, CASE, "scenario[1].text", "has no section '#gone'"),
    "blank option: broken link": (QUIZ, new_item("fx-code", lambda q: q["blanks"][1]["options"][1].update(explanation="See [x](part/chapter.md#gone).")),
                                  QUIZ, CODE, "blanks[1].options[1].explanation", "has no section '#gone'"),
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
    """Loaded afresh, and as `mkdocs serve` loads it after a save: with the
    memo of a load of the good content, which must not hide the problem."""
    memo = LoadMemo()
    load_fixture(GOOD, memo)
    for attempt in (None, memo):
        with pytest.raises(ContentError) as caught:
            load_fixture(root, attempt)
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


PAGE = "part/chapter.md"
CHAPTER_PAGE = f"docs/{PAGE}"


@pytest.mark.parametrize("rel", [QUIZ, CHAPTER_PAGE])
def test_a_byte_that_is_not_utf8_names_file_and_line(fixture_copy, rel):
    path = fixture_copy / rel
    lines = path.read_bytes().split(b"\n")
    lines[1] = b"\xff" + lines[1]
    path.write_bytes(b"\n".join(lines))
    expect_error(fixture_copy, rel, "line 2", "(encoding)", "byte 0xff at column 1 is not UTF-8")


def edit_page(root, old, new):
    path = root / "docs" / PAGE
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


PAGE_CASES = {
    "misspelled quiz id": ('{{ quiz("chapter") }}', '{{ quiz("chaptr") }}',
                           'quiz("chaptr")', "id", "unknown quiz 'chaptr' (did you mean 'chapter'?); 1 are defined"),
    "misspelled diagram id": ('{{ diagram("lifecycle") }}', '{{ diagram("lifecycel") }}',
                              'diagram("lifecycel")', "id", "did you mean 'lifecycle'"),
    "quiz twice on a page": ('{{ quiz("chapter") }}', '{{ quiz("chapter") }}\n\n{{ quiz("chapter") }}',
                             'quiz("chapter")', "id", "already on the page"),
    "macro without its id": ('{{ quiz("chapter") }}', "{{ quiz() }}", "quiz()", "(arguments)", "takes one quiz id in quotes; got 0"),
    "macro with two ids": ('{{ quiz("chapter") }}', '{{ quiz("chapter", "other") }}',
                           "quiz('chapter', 'other')", "(arguments)", "takes one quiz id in quotes; got 2"),
    "keyword argument": ('{{ quiz("chapter") }}', '{{ quiz(id="chapter") }}',
                         "quiz(id='chapter')", "(arguments)", "not keyword arguments"),
    "number for an id": ('{{ comparison_table("compute-types") }}', "{{ comparison_table(42) }}",
                         "comparison_table(42)", "(arguments)", "argument 1 must be a comparison table id in quotes, not 42"),
    "argument to a macro that takes none": ('{{ quiz("chapter") }}', '{{ quiz("chapter") }}\n\n{{ flashcards("all") }}',
                                           "flashcards('all')", "(arguments)", "takes no arguments; got 1"),
    "macro in a heading": ("## Compare", '## Compare {{ "tables" }}', "line 15", "markdown", "a macro in a heading"),
    "control character in a page": ("scales out.", "scales \x1b[1mout.", "line 5", "markdown", "control character U+001B at column 26"),
}


@pytest.mark.parametrize("case", PAGE_CASES.values(), ids=PAGE_CASES.keys())
def test_a_bad_page_is_named_with_the_call_or_line(fixture_copy, case):
    old, new, entry, field, problem = case
    edit_page(fixture_copy, old, new)
    expect_error(fixture_copy, CHAPTER_PAGE, entry, field, problem)


@pytest.mark.parametrize("hidden", ["Inline `{{ quiz(\"chapter\") }}` code", "<!-- {{ quiz(\"chapter\") }} -->"])
def test_a_quiz_in_code_or_a_comment_is_not_shown(fixture_copy, hidden):
    edit_page(fixture_copy, '{{ quiz("chapter") }}', hidden)
    expect_error(fixture_copy, QUIZ, "quiz 'chapter'", "(file)", "not shown on any page")


def test_unknown_id_names_the_closest_few_not_all(fixture_content):
    terms = {f"term-{n}": None for n in range(250)} | {"compute-cluster": None}
    message = str(unknown_id("part/chapter.md", "glossary_cards", terms, "compute-clustr"))
    assert message.endswith("unknown glossary term 'compute-clustr' (did you mean 'compute-cluster'?); 251 are defined")
    assert "term-1" not in message


BROKEN_LINK = "part/chapter.md#no-such-section"


# Every field of the fixture content, and of the items of every kind laid over it.
FIELDS = [(GOOD, field) for field in data_fields(GOOD)] + [(KINDS, field) for field in data_fields(KINDS)]


@pytest.mark.parametrize("source, field", FIELDS, ids=[str(field) for _, field in FIELDS])
def test_a_broken_link_in_any_field_stops_loading(tmp_path, source, field):
    """A section link, or a Markdown link in free text, that does not resolve
    stops loading, naming the file, before any page renders; free text that
    is not Markdown shows the link as text."""
    if source == GOOD:
        root, load, nav = shutil.copytree(GOOD, tmp_path / "content"), load_fixture, FIXTURE_NAV
    else:
        root, load, nav = make_kinds_fixture(tmp_path / "content"), load_kinds, KINDS_NAV
    value = BROKEN_LINK if field.kind == "link" else f"{field.value} [gone]({BROKEN_LINK})"
    edit_yaml(root, field.file, lambda d: set_field(d, field.path, value))
    try:
        load(root)
    except ContentError as error:
        assert error.file == field.file and BROKEN_LINK in str(error), str(error)
        return
    assert field.kind == "text", f"{field}: a broken section link loaded"
    try:
        html = render_everything(root, tmp_path / "site", nav)
    except ContentError as error:
        pytest.fail(f"{field}: the link is checked only when a page renders: {error}")
    assert not [attrs for _, attrs in Tags(html).tags if BROKEN_LINK in attrs.get("href", "")]
