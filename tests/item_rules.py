"""Exam-item rules: a test-wise reader must not find the answer from the options' form.

Pure functions over validated quizzes, so the tests and a contributor's quick check
(``python -m tests.item_rules data/quizzes/rag.yml``) apply the same rules.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from macros.schema import QuizFile

# A single-answer question gives its answer away when the right option is the
# longest by a clear margin; with four options chance is about 1 in 4.
MARGIN = 1.15
MAX_LONGEST_RIGHT = 0.35
# Options of one kind read alike: the longest at most this many times the shortest
# (short labels, such as service names, may differ more).
MAX_LENGTH_RATIO = 3.0
SHORT_LABEL = 30
# No answer position may carry more than, or (with enough questions) less than,
# this share of a quiz's single answers.
MAX_POSITION_SHARE = 0.4
MIN_POSITION_SHARE = 0.15
MIN_FOR_SPREAD = 8


def longest_is_right(question) -> bool:
    """The right option is longer than every wrong one by a visible margin."""
    right = [len(c.text) for c in question.choices if c.correct]
    wrong = [len(c.text) for c in question.choices if not c.correct]
    return len(right) == 1 and right[0] > MARGIN * max(wrong)


def item_problems(quiz_id: str, quiz: QuizFile) -> list[str]:
    """Every way the quiz breaks the item rules, each naming the question."""
    problems = []
    singles = [q for q in quiz.questions if not q.multiple]
    for q in quiz.questions:
        lengths = [len(c.text) for c in q.choices]
        if max(lengths) > SHORT_LABEL and max(lengths) > MAX_LENGTH_RATIO * min(lengths):
            problems.append(f"{quiz_id}: {q.id}: options differ too much in length ({min(lengths)} to {max(lengths)} characters)")
        for index, choice in enumerate(q.choices):
            if not choice.explanation:
                problems.append(f"{quiz_id}: {q.id}: choice {index + 1} has no explanation of its own")
    if singles:
        giveaways = [q.id for q in singles if longest_is_right(q)]
        if len(giveaways) > MAX_LONGEST_RIGHT * len(singles):
            problems.append(
                f"{quiz_id}: the longest option is right in {len(giveaways)} of {len(singles)} "
                f"single-answer questions (at most {MAX_LONGEST_RIGHT:.0%}): {giveaways}"
            )
        positions = Counter(next(i for i, c in enumerate(q.choices) if c.correct) for q in singles)
        busiest, count = positions.most_common(1)[0]
        if len(singles) >= 5 and count > MAX_POSITION_SHARE * len(singles):
            problems.append(
                f"{quiz_id}: position {'ABCDEFG'[busiest]} holds the answer in {count} of {len(singles)} "
                f"single-answer questions (at most {MAX_POSITION_SHARE:.0%})"
            )
        # Positions every question offers; a rarely right one is a giveaway too.
        offered = min(len(q.choices) for q in singles)
        if len(singles) >= MIN_FOR_SPREAD:
            for position in range(offered):
                if positions[position] < MIN_POSITION_SHARE * len(singles):
                    problems.append(
                        f"{quiz_id}: position {'ABCDEFG'[position]} holds the answer in only {positions[position]} of "
                        f"{len(singles)} single-answer questions (at least {MIN_POSITION_SHARE:.0%})"
                    )
    return problems


if __name__ == "__main__":
    import yaml

    failed = False
    for name in sys.argv[1:]:
        path = Path(name)
        quiz = QuizFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        found = item_problems(path.stem, quiz)
        failed |= bool(found)
        print("\n".join(found) or f"{path.stem}: follows the item rules")
    sys.exit(1 if failed else 0)
