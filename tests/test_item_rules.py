"""Quiz items are judged like real exam items (DEVELOPERS.md, "Writing questions")."""

from __future__ import annotations

import pytest

from macros.content import load_content
from macros.schema import (Blank, Choice, CodeQuestion, MatchQuestion, Option, OrderQuestion, Pair, Question, QuizFile,
                           SeriesQuestion, Solution, Step)
from tests.conftest import REPO
from tests.item_rules import item_problems, longest_is_right
from tests.test_site_build import NAV

@pytest.fixture(scope="module")
def quizzes():
    return load_content(REPO, REPO / "docs", nav=NAV).quizzes


def test_quizzes_follow_the_item_rules(quizzes):
    problems = [p for quiz_id, quiz in sorted(quizzes.items()) for p in item_problems(quiz_id, quiz)]
    assert not problems, "\n".join(problems)


def test_the_whole_question_bank_follows_the_item_rules(quizzes):
    """The practice exam mixes every chapter, so the rules hold for the bank as a whole too."""
    bank = QuizFile(questions=[q for quiz in quizzes.values() for q in quiz.answerable()])
    assert item_problems("question bank", bank) == []


def _question(texts: list[str], right: int, explained: bool = True) -> Question:
    choices = [Choice(text=t, correct=i == right, explanation="Because." if explained or i < 3 else None)
               for i, t in enumerate(texts)]
    return Question(id="q", prompt="You need to pick one.", choices=choices, explanation="x", teaches="a.md#b")


def test_rules_catch_each_giveaway():
    options = ["Use a compute instance", "Use a compute cluster", "Use serverless compute with a GPU quota raised", "Use an attached pool"]
    assert longest_is_right(_question(options, 2)) and not longest_is_right(_question(options, 0))
    long_answers = QuizFile(questions=[_question(options, 2) for _ in range(4)] + [_question(options, 0)])
    assert any("longest option is right in 4 of 5" in p for p in item_problems("demo", long_answers))
    one_position = QuizFile(questions=[_question(["Alpha one", "Beta two", "Gamma three", "Delta four"], 1)] * 5)
    assert any("position B holds the answer in 5 of 5" in p for p in item_problems("demo", one_position))
    never_d = QuizFile(questions=[_question(["Alpha one", "Beta two", "Gamma three", "Delta four"], i % 3) for i in range(9)])
    assert any("position D holds the answer in only 0 of 9" in p for p in item_problems("demo", never_d))
    uneven = QuizFile(questions=[_question(["Yes", "A much longer option than the other three here", "No", "Maybe"], 0)])
    assert any("differ too much in length" in p for p in item_problems("demo", uneven))
    unexplained = _question(options, 1, explained=False)
    assert any("choice 4 has no explanation" in p for p in item_problems("demo", QuizFile(questions=[unexplained])))


def _code(right: int, texts=("min_instances", "idle_seconds", "max_nodes")) -> CodeQuestion:
    options = [Option(text=t, correct=i == right, explanation="Because.") for i, t in enumerate(texts)]
    return CodeQuestion(kind="code", id=f"c{right}", prompt="Complete it.", language="python", code="f([[gap]]=0)",
                        blanks=[Blank(id="gap", options=options)], explanation="x", teaches="a.md#b")


def test_rules_treat_each_gap_of_code_as_a_single_answer():
    """A gap is a drop-down with one right option: the same giveaways apply,
    counted over the quiz's single-answer questions and gaps together."""
    same_place = QuizFile(questions=[_code(1) for _ in range(5)])
    assert any("position B holds the answer in 5 of 5 single-answer questions and gaps" in p
               for p in item_problems("demo", same_place))
    texts = ("Use min_instances", "Use idle_seconds", "Set min_instances=0 on the cluster and wait for scale-in")
    longest = QuizFile(questions=[_code(2, texts), _code(2, texts), _code(0, ("alpha", "beta", "gamma"))])
    assert any("longest option is right in 2 of 3" in p for p in item_problems("demo", longest))
    uneven = QuizFile(questions=[_code(0, ("x", "a much longer option than the short one here", "y"))])
    assert any("c0: gap 1: options differ too much in length" in p for p in item_problems("demo", uneven))
    spread = QuizFile(questions=[_code(i % 3) for i in range(6)])
    assert item_problems("demo", spread) == []


def test_rules_for_build_lists_matching_and_series():
    steps = [Step(text=f"Step {i}", explanation="Why.") for i in range(3)]
    short = OrderQuestion(kind="order", id="o", prompt="Order.", steps=steps, explanation="x", teaches="a.md#b")
    assert any("o: a build list needs at least 4 steps" in p for p in item_problems("demo", QuizFile(questions=[short])))
    with_extra = short.model_copy(update={"extra_steps": [Step(text="Not needed", explanation="Why.")]})
    assert item_problems("demo", QuizFile(questions=[with_extra])) == []
    pairs = [Pair(item=f"Need {i}", target="A", explanation="Why.") for i in range(2)]
    match = MatchQuestion(kind="match", id="m", prompt="Match.", targets=["A", "B"], pairs=pairs, explanation="x", teaches="a.md#b")
    assert any("m: matching needs at least 3 pairs" in p for p in item_problems("demo", QuizFile(questions=[match])))
    solutions = [Solution(text=f"Do {i}", meets_goal=False, explanation="Why.") for i in range(3)]
    series = SeriesQuestion(kind="series", id="s", prompt="Goal.", solutions=solutions, explanation="x", teaches="a.md#b")
    assert any("s: every proposed solution of the series is No" in p for p in item_problems("demo", QuizFile(questions=[series])))
    mixed = series.model_copy(update={"solutions": [*solutions[:2], solutions[2].model_copy(update={"meets_goal": True})]})
    assert item_problems("demo", QuizFile(questions=[mixed])) == []


def test_a_contributor_checks_a_quiz_file_of_any_kind(tmp_path):
    """`python -m tests.item_rules <file>` reads every kind, case studies included."""
    import subprocess
    import sys

    import yaml

    from tests.kinds_fixture import KINDS

    def check(path):
        return subprocess.run([sys.executable, "-m", "tests.item_rules", str(path)], cwd=REPO, capture_output=True, text=True)

    # The kinds fixture is small: its gaps and its case study's matching break the rules, named.
    result = check(KINDS / "data/quizzes/kinds.yml")
    assert result.returncode == 1 and "['fx-code gap 1']" in result.stdout, result.stdout + result.stderr
    result = check(KINDS / "data/quizzes/case-studies.yml")
    assert result.returncode == 1 and "fx-case-match: matching needs at least 3 pairs; it has 2" in result.stdout
    series = yaml.safe_load((KINDS / "data/quizzes/kinds.yml").read_text())["questions"][3]
    good = tmp_path / "good.yml"
    good.write_text(yaml.safe_dump({"questions": [series]}))
    assert check(good).stdout == "good: follows the item rules\n"
    for solution in series["solutions"]:
        solution["meets_goal"] = False
    good.write_text(yaml.safe_dump({"questions": [series]}))
    result = check(good)
    assert result.returncode == 1 and "fx-series: every proposed solution of the series is No" in result.stdout
