"""The quiz as readers use it: mouse, keyboard, reload, instant navigation, no JS."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.conftest import violations_in_both_schemes

CHAPTER = "workspace/compute-targets/"
QUIZ_KEY = "dp100:quiz:compute-targets"


def single_answer_questions(page, count=2):
    questions = page.locator(".dp-question[data-dp-kind=choice]").filter(has=page.locator("input[type=radio]"))
    assert questions.count() >= count
    return [questions.nth(i) for i in range(count)]


def correct_index(question) -> int:
    return int(question.get_attribute("data-dp-correct").split(",")[0])


def answer(question, index):
    question.locator("label").nth(index).click()
    question.locator(".dp-check").click()


def points(page) -> int:
    """What the quiz is worth: a point per part of each item (one for a choice question)."""
    return page.evaluate("[...document.querySelectorAll('.dp-question')].reduce((sum, q) => sum + q.dataset.dpSizes.split(',').length, 0)")


def stored(page, key: str):
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)


def store(page, key: str, text: str) -> None:
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [key, text])


def test_right_and_wrong_answers_with_mouse(open_page):
    watch = open_page(CHAPTER)
    page = watch.page
    first, second = single_answer_questions(page)
    answer(first, correct_index(first))
    feedback = first.locator(".dp-question__feedback")
    assert feedback.get_attribute("role") == "status" and feedback.get_attribute("aria-live") == "polite"
    assert feedback.inner_text().startswith("Correct")
    assert first.locator("details").get_attribute("open") is not None  # explanation shown
    wrong = (correct_index(second) + 1) % second.locator("input").count()
    answer(second, wrong)
    assert second.locator(".dp-question__feedback").inner_text().startswith("Not quite: the answer is")
    assert second.locator(".dp-choice--wrong").count() == 1
    total = page.locator(".dp-question").count()
    score = page.locator(".dp-quiz__score")
    assert score.is_visible() and score.inner_text() == f"Score: 1 of {points(page)} points (2 of {total} questions answered)."
    # Only the wrong answer waits in the review queue.
    assert list(stored(page, "dp100:review")["items"]) == [second.get_attribute("data-dp-question")]
    watch.assert_clean()


def test_a_multiple_answer_question_needs_every_right_choice(open_page):
    watch = open_page(CHAPTER)
    page = watch.page
    # A checked question locks (its first answer counts), so half and whole answers go to two questions.
    half, whole = page.locator(".dp-question").filter(has=page.locator("input[type=checkbox]")).all()[:2]
    for question, answered in ((half, 1), (whole, None)):
        right = [int(i) for i in question.get_attribute("data-dp-correct").split(",")]
        assert len(right) >= 2
        for index in right[:answered]:
            question.locator("label").nth(index).click()
        question.locator(".dp-check").click()
    assert half.locator(".dp-question__feedback").inner_text().startswith("Not quite")
    assert whole.locator(".dp-question__feedback").inner_text().startswith("Correct")
    assert page.locator(".dp-quiz__score").first.inner_text().startswith("Score: 1 of")
    watch.assert_clean()


def test_keyboard_only(open_page):
    watch = open_page(CHAPTER)
    page = watch.page
    question = single_answer_questions(page, 1)[0]
    target = correct_index(question)
    question.locator("input").first.focus()
    page.keyboard.press("Space")              # select the first choice
    for _ in range(target):
        page.keyboard.press("ArrowDown")      # radios move selection with arrows
    page.keyboard.press("Tab")                # to "Check answer"
    assert page.evaluate("document.activeElement.classList.contains('dp-check')")
    page.keyboard.press("Enter")
    assert question.locator(".dp-question__feedback").inner_text().startswith("Correct")
    watch.assert_clean()


def test_score_survives_reload_and_instant_navigation_and_resets(open_page):
    watch = open_page(CHAPTER)
    page = watch.page
    question = single_answer_questions(page, 1)[0]
    answer(question, correct_index(question))
    page.reload()
    assert page.locator(".dp-quiz__score").inner_text().startswith("Score: 1 of")
    assert single_answer_questions(page, 1)[0].locator("input:checked").count() == 1
    # Instant navigation: leave through a site link, come back through another.
    with watch.instant_navigation():
        page.locator("a[href$='glossary/']").first.click()
        page.wait_for_url("**/glossary/")
        page.locator("[data-dp-term]").first.wait_for()  # the glossary's content has replaced the chapter's
        page.locator(f"article a[href*='{CHAPTER}']").first.click()
        page.wait_for_url(f"**/{CHAPTER}*")
    page.locator(".dp-quiz__score").wait_for(state="visible")
    assert page.locator(".dp-quiz__score").inner_text().startswith("Score: 1 of")
    page.once("dialog", lambda dialog: dialog.dismiss())      # "Reset this quiz?": no
    page.locator(".dp-reset").click()
    assert page.locator(".dp-quiz input:checked").count() == 1
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.locator(".dp-reset").click()
    assert messages == ["Reset this quiz? Your 1 checked answer is cleared; your best score is kept."]
    assert page.locator(".dp-quiz input:checked").count() == 0
    assert page.locator(".dp-quiz input:disabled").count() == 0   # unlocked for a new attempt
    kept = stored(page, QUIZ_KEY)
    assert kept["answers"] == {} and kept["best"]["correct"] == 1  # answers gone, best score kept
    assert page.locator(".dp-quiz__score").inner_text() == "Quiz reset: no answers kept."
    watch.assert_clean()


def test_only_the_first_checked_answer_counts(open_page, axe):
    """Changing the answer after the key opened once raised the score and the best score."""
    watch = open_page(CHAPTER)
    page = watch.page
    question = single_answer_questions(page, 1)[0]
    right = correct_index(question)
    answer(question, (right + 1) % question.locator("input").count())
    expect(question.locator(".dp-question__feedback")).to_contain_text("Not quite")
    expect(question.locator("details.dp-answer")).to_have_attribute("open", "")
    # The choices are locked; the check button keeps focus and does nothing more.
    expect(question.locator("input").nth(right)).to_be_disabled()
    question.locator("input").nth(right).evaluate("(input) => { input.disabled = false; input.click(); }")
    question.locator(".dp-check").click(force=True)  # aria-disabled: Playwright would wait for it
    expect(question.locator(".dp-check")).to_have_attribute("aria-disabled", "true")
    expect(question.locator(".dp-check")).to_be_focused()
    total = page.locator(".dp-question").count()
    expected = f"Score: 0 of {points(page)} points (1 of {total} questions answered)."
    expect(page.locator(".dp-quiz__score, .dp-quiz__total")).to_have_text([expected, expected])  # above question 1 and beside Reset
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('{QUIZ_KEY}'))")
    assert stored["best"]["correct"] == 0
    assert stored["answers"][question.get_attribute("data-dp-question")]["choices"] != [right]
    page.reload()
    expect(page.locator(".dp-quiz__score").first).to_have_text(expected)
    assert not violations_in_both_schemes(axe, page), violations_in_both_schemes(axe, page)
    watch.assert_clean()


@pytest.mark.parametrize("key", [QUIZ_KEY, "dp100:review", "dp100:visits"])
@pytest.mark.parametrize("text", ["{not json", "42", json.dumps({"answers": "x", "items": "x"})])
def test_corrupt_storage_is_ignored(open_page, key, text):
    """Each record the page reads, damaged or of the wrong type, is set aside."""
    watch = open_page(CHAPTER)
    page = watch.page
    store(page, key, text)
    page.reload()
    first, second = single_answer_questions(page)
    answer(first, correct_index(first))
    assert first.locator(".dp-question__feedback").inner_text().startswith("Correct")
    answer(second, (correct_index(second) + 1) % second.locator("input").count())
    assert second.get_attribute("data-dp-question") in stored(page, "dp100:review")["items"]
    assert CHAPTER in stored(page, "dp100:visits")
    watch.assert_clean()


# Stored answers that do not fit the question they name: (question id, its choice count) -> answers.
UNFIT_ANSWERS = {
    "choices not a list": lambda qid, count: {qid: {"choices": "1"}},
    "no choice": lambda qid, count: {qid: {"choices": []}},
    "not whole numbers": lambda qid, count: {qid: {"choices": ["a", 0.5]}},
    "negative": lambda qid, count: {qid: {"choices": [-1]}},
    "past the question's last choice": lambda qid, count: {qid: {"choices": [count]}},
    "past any question's choices": lambda qid, count: {qid: {"choices": [99]}},
    "inside __proto__": lambda qid, count: {"__proto__": {qid: {"choices": [0]}}},
}


@pytest.mark.parametrize("unfit", UNFIT_ANSWERS.values(), ids=UNFIT_ANSWERS.keys())
def test_stored_answers_that_do_not_fit_the_question_are_ignored(open_page, unfit):
    watch = open_page(CHAPTER)
    page = watch.page
    question = single_answer_questions(page, 1)[0]
    qid = question.get_attribute("data-dp-question")
    store(page, QUIZ_KEY, json.dumps({"version": 1, "answers": unfit(qid, question.locator("input").count())}))
    page.reload()
    question = single_answer_questions(page, 1)[0]
    # Shown as never answered: nothing checked or marked, no score.
    assert page.locator(".dp-quiz input:checked, .dp-question--right, .dp-question--wrong").count() == 0
    assert question.locator(".dp-question__feedback").inner_text() == ""
    assert not page.locator(".dp-quiz__score").is_visible()
    answer(question, correct_index(question))
    assert question.locator(".dp-question__feedback").inner_text().startswith("Correct")
    assert [(k, v["choices"]) for k, v in stored(page, QUIZ_KEY)["answers"].items()] == [(qid, [correct_index(question)])]
    watch.assert_clean()


def test_without_javascript_answers_are_revealable(open_page):
    watch = open_page(CHAPTER, javascript=False)
    page = watch.page
    question = page.locator(".dp-question").first
    assert question.locator("input").count() >= 2
    assert not question.locator(".dp-check").is_visible()
    assert not question.locator(".dp-answer__key").is_visible()
    question.locator("summary").click()
    assert question.locator(".dp-answer__key").is_visible()
    assert question.locator(".dp-answer__review a").count() == 1
