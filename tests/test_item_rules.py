"""Quiz items are judged like real exam items (DEVELOPERS.md, "Writing questions")."""

from __future__ import annotations

import pytest

from macros.content import load_content
from macros.schema import Choice, Question, QuizFile
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
    bank = QuizFile(questions=[q for quiz in quizzes.values() for q in quiz.questions])
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
