"""Exam-item rules: a test-wise reader must not find the answer from the options' form,
and every item kind is worth answering (enough steps, pairs, and both answers in a series).

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
# A build list shows enough steps that their order is not a guess (four give 24 orders).
MIN_ORDER_STEPS = 4
# Matching with two pairs is a single choice in disguise.
MIN_PAIRS = 3


def one_right_lists(quiz: QuizFile) -> list[tuple[str, list[str], int]]:
    """Every list of options with exactly one right option, named: a
    single-answer question's choices, and each blank of a code item. A
    reader picks from each the same way, so the same giveaways apply."""
    found = []
    for q in quiz.answerable():
        if q.kind == "choice" and not q.multiple:
            found.append((q.id, [c.text for c in q.choices], next(i for i, c in enumerate(q.choices) if c.correct)))
        elif q.kind == "code":
            found += [(f"{q.id} gap {b + 1}", [o.text for o in blank.options], next(i for i, o in enumerate(blank.options) if o.correct))
                      for b, blank in enumerate(q.blanks)]
    return found


def longest_is_right(question) -> bool:
    """The right option is longer than every wrong one by a visible margin."""
    texts = [c.text for c in question.choices]
    rights = [i for i, c in enumerate(question.choices) if c.correct]
    return len(rights) == 1 and _longest_is_right(texts, rights[0])


def _longest_is_right(texts: list[str], right: int) -> bool:
    wrong = [len(t) for i, t in enumerate(texts) if i != right]
    return len(texts[right]) > MARGIN * max(wrong)


def _lengths_differ(name: str, texts: list[str]) -> list[str]:
    lengths = [len(t) for t in texts]
    if max(lengths) > SHORT_LABEL and max(lengths) > MAX_LENGTH_RATIO * min(lengths):
        return [f"{name}: options differ too much in length ({min(lengths)} to {max(lengths)} characters)"]
    return []


def item_problems(quiz_id: str, quiz: QuizFile) -> list[str]:
    """Every way the quiz breaks the item rules, each naming the question."""
    problems = []
    for q in quiz.answerable():
        name = f"{quiz_id}: {q.id}"
        if q.kind == "choice":
            problems += _lengths_differ(name, [c.text for c in q.choices])
            problems += [f"{name}: choice {i + 1} has no explanation of its own" for i, c in enumerate(q.choices) if not c.explanation]
        elif q.kind == "code":
            for b, blank in enumerate(q.blanks):
                problems += _lengths_differ(f"{name}: gap {b + 1}", [o.text for o in blank.options])
        elif q.kind == "order" and len(q.steps) + len(q.extra_steps) < MIN_ORDER_STEPS:
            problems.append(f"{name}: a build list needs at least {MIN_ORDER_STEPS} steps to order (extra steps count); "
                            f"it has {len(q.steps) + len(q.extra_steps)}")
        elif q.kind == "match" and len(q.pairs) < MIN_PAIRS:
            problems.append(f"{name}: matching needs at least {MIN_PAIRS} pairs; it has {len(q.pairs)}")
        elif q.kind == "series" and len({s.meets_goal for s in q.solutions}) < 2:
            answer = "Yes" if q.solutions[0].meets_goal else "No"
            problems.append(f"{name}: every proposed solution of the series is {answer}; a series needs a Yes and a No")
    singles = one_right_lists(quiz)
    if singles:
        giveaways = [name for name, texts, right in singles if _longest_is_right(texts, right)]
        if len(giveaways) > MAX_LONGEST_RIGHT * len(singles):
            problems.append(
                f"{quiz_id}: the longest option is right in {len(giveaways)} of {len(singles)} "
                f"single-answer questions and gaps (at most {MAX_LONGEST_RIGHT:.0%}): {giveaways}"
            )
        positions = Counter(right for _, _, right in singles)
        busiest, count = positions.most_common(1)[0]
        if len(singles) >= 5 and count > MAX_POSITION_SHARE * len(singles):
            problems.append(
                f"{quiz_id}: position {'ABCDEFG'[busiest]} holds the answer in {count} of {len(singles)} "
                f"single-answer questions and gaps (at most {MAX_POSITION_SHARE:.0%})"
            )
        # Positions every list offers; a rarely right one is a giveaway too.
        offered = min(len(texts) for _, texts, _ in singles)
        if len(singles) >= MIN_FOR_SPREAD:
            for position in range(offered):
                if positions[position] < MIN_POSITION_SHARE * len(singles):
                    problems.append(
                        f"{quiz_id}: position {'ABCDEFG'[position]} holds the answer in only {positions[position]} of "
                        f"{len(singles)} single-answer questions and gaps (at least {MIN_POSITION_SHARE:.0%})"
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
