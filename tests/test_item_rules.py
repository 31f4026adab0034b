"""Quiz items are judged like real exam items (DEVELOPERS.md, "Writing questions")."""

from __future__ import annotations

import pytest

from macros.content import load_content
from macros.schema import Choice, Question, QuizFile
from tests.conftest import REPO
from tests.item_rules import item_problems, longest_is_right
from tests.test_site_build import NAV

# Quizzes written before the item rules, to be rewritten under the final-week tools
# issue. The list only shrinks: a listed quiz that passes fails this test until removed.
BEFORE_THE_RULES = {
    "automl", "batch-endpoints", "command-jobs", "compute-targets", "data-ingestion",
    "debug-with-rai-dashboard", "deployment-solution", "developer-tools", "environments",
    "fine-tuning", "hyperparameter-tuning", "legacy", "make-data-available", "mlflow-jobs",
    "mlops", "online-endpoints", "pipelines", "prompt-flow", "register-mlflow-models",
    "resources-and-assets", "responsible-ai-dashboard", "training-solution", "transformers",
}


@pytest.fixture(scope="module")
def quizzes():
    return load_content(REPO, REPO / "docs", nav=NAV).quizzes


def test_quizzes_follow_the_item_rules(quizzes):
    problems = [p for quiz_id, quiz in sorted(quizzes.items()) if quiz_id not in BEFORE_THE_RULES
                for p in item_problems(quiz_id, quiz)]
    assert not problems, "\n".join(problems)


def test_quizzes_before_the_rules_are_still_listed_for_a_reason(quizzes):
    passing = sorted(q for q in BEFORE_THE_RULES if q in quizzes and not item_problems(q, quizzes[q]))
    assert not passing, f"these quizzes now follow the item rules; remove them from BEFORE_THE_RULES: {passing}"
    assert BEFORE_THE_RULES <= set(quizzes), f"no such quiz: {BEFORE_THE_RULES - set(quizzes)}"


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
    uneven = QuizFile(questions=[_question(["Yes", "A much longer option than the other three here", "No", "Maybe"], 0)])
    assert any("differ too much in length" in p for p in item_problems("demo", uneven))
    unexplained = _question(options, 1, explained=False)
    assert any("choice 4 has no explanation" in p for p in item_problems("demo", QuizFile(questions=[unexplained])))
