"""Item kinds beyond choice questions in a chapter's quiz, as readers use them:
code with gaps, matching, yes/no series and build lists answered by mouse and
by keyboard, with and without JavaScript; each part marked in words, locked
once checked, restored after a reload, reset; axe clean in light and dark mode
in every state; printed without form controls. Items are found by kind, not
by id: the content changes."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import violations_in_both_schemes

KINDS = ("code", "match", "series", "order")
NOUNS = {"code": "gaps", "match": "items", "series": "solutions", "order": "steps"}
PRINTED_WIDTH = 718


def page_with(built_site, kind: str) -> str:
    """The first chapter (by address) whose quiz has an item of ``kind``."""
    pages = sorted(path.parent.relative_to(built_site).as_posix() + "/" for path in built_site.rglob("index.html")
                   if f'data-dp-kind="{kind}"' in path.read_text(encoding="utf-8") and "print_page" not in path.parts)
    assert pages, f"no page has an item of kind {kind}"
    return pages[0]


def first_item(page, kind: str):
    item = page.locator(f".dp-question[data-dp-kind={kind}]").first
    item.locator(".dp-check").wait_for(state="visible")  # quiz-kinds.js has loaded
    return item


def correct_of(item) -> list[int]:
    return [int(x) for x in item.get_attribute("data-dp-correct").split(",")]


def quiz_key(page) -> str:
    return "dp100:quiz:" + page.locator(".dp-quiz").get_attribute("data-dp-quiz")


def stored(page, key: str):
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)


def wrong_value(item, index: int, right: int) -> int:
    count = item.locator("select.dp-select").nth(index).locator("option").count() - 1
    return (right + 1) % count


def answer_by_mouse(item, kind: str) -> list:
    """Answers every part, the first one wrong; returns the answer as stored."""
    right = correct_of(item)
    if kind in ("code", "match"):
        given = [wrong_value(item, 0, right[0]), *right[1:]]
        for i, value in enumerate(given):
            item.locator("select.dp-select").nth(i).select_option(str(value))
        return given
    if kind == "series":
        given = [right[0] != 1, *[r == 1 for r in right[1:]]]
        for i, yes in enumerate(given):
            item.locator(".dp-solution").nth(i).get_by_label("Yes" if yes else "No", exact=True).click()
        return given
    given = [1, 0, *range(2, len(right))]  # the first two steps swapped
    for step in given:
        item.locator(f'[data-dp-action="Add-{step}"]').click()
    return given


def expect_checked(item, kind: str, parts: int):
    feedback = item.locator(".dp-question__feedback")
    expect(feedback).to_have_text(re.compile(rf"^(Partly right: {parts - (2 if kind == 'order' else 1)} of {parts} {NOUNS[kind]} right"
                                             rf"|Not quite: none of the {parts} {NOUNS[kind]} right)\. Each one is marked"))
    # Partial results in words: beside each control and as a list.
    expect(item.locator(".dp-part-mark")).to_have_count(parts)
    expect(item.locator(".dp-part-mark--wrong").first).to_have_text("✗ wrong")
    expect(item.locator(".dp-parts > li").first).to_contain_text(re.compile(r"^.+: wrong\. Your answer: .+\. The answer: .+\.$"))
    expect(item.locator(".dp-part-mark--right")).to_have_count(parts - (2 if kind == "order" else 1))
    expect(item.locator("details.dp-answer")).to_have_attribute("open", "")
    expect(item.locator(".dp-check")).to_have_attribute("aria-disabled", "true")
    assert item.locator("input:enabled, select:enabled, .dp-build__button:enabled").count() == 0, "locked after the check"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_by_mouse_checked_in_parts_locked_restored_and_reset(open_page, built_site, axe, kind):
    path = page_with(built_site, kind)
    watch = open_page(path)
    page = watch.page
    item = first_item(page, kind)
    qid = item.get_attribute("data-dp-question")
    parts = len(correct_of(item))
    assert not violations_in_both_schemes(axe, page), "unanswered"
    item.locator(".dp-check").click()  # nothing given yet: says what is missing, scores nothing
    expect(item.locator(".dp-question__feedback")).to_contain_text("first")
    assert stored(page, quiz_key(page)) is None
    given = answer_by_mouse(item, kind)
    assert not violations_in_both_schemes(axe, page), "answered"
    page.evaluate("window.dpAnswers = []; document.addEventListener('dp100:answer', (e) => dpAnswers.push(e.detail))")
    item.locator(".dp-check").click()
    expect_checked(item, kind, parts)
    assert not violations_in_both_schemes(axe, page), "checked"
    record = stored(page, quiz_key(page))["answers"][qid]
    assert record["answer"] == given
    [event] = page.evaluate("dpAnswers")
    assert event["question"] == qid and event["correct"] is False and event["points"] == sum(event["parts"]) < parts
    assert qid in stored(page, "dp100:review")["items"]  # not right in every part: back for review
    score = page.locator(".dp-quiz__score")
    expect(score).to_contain_text(f"Score: {event['points']} of ")
    expect(score).to_contain_text("points (1 of ")

    page.reload()
    item = first_item(page, kind)
    expect_checked(item, kind, parts)
    if kind in ("code", "match"):
        assert [int(s.input_value()) for s in item.locator("select.dp-select").all()] == given
    elif kind == "order":
        assert item.locator(".dp-build > li").count() == len(given)

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".dp-reset").click()
    expect(item.locator(".dp-question__feedback")).to_have_text("")
    expect(item.locator(".dp-part-mark, .dp-parts")).to_have_count(0)
    expect(item.locator(".dp-check")).not_to_have_attribute("aria-disabled", "true")
    if kind in ("code", "match"):
        assert {s.input_value() for s in item.locator("select.dp-select").all()} == {""}
    elif kind == "series":
        assert item.locator("input:checked").count() == 0
    else:
        expect(item.locator(".dp-build > li")).to_have_count(0)
        expect(item.locator(".dp-build__button:enabled")).to_have_count(item.locator(".dp-step").count())
    assert stored(page, quiz_key(page))["answers"] == {}
    assert not violations_in_both_schemes(axe, page), "reset"
    watch.assert_clean()


def test_code_and_matching_by_keyboard(open_page, built_site):
    for kind in ("code", "match"):
        watch = open_page(page_with(built_site, kind))
        page = watch.page
        item = first_item(page, kind)
        right = correct_of(item)
        item.locator("select.dp-select").first.focus()
        for i, value in enumerate(right):
            for _ in range(value + 1):  # past "Choose…" to the right option
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('dp-check')")
        page.keyboard.press("Enter")
        expect(item.locator(".dp-question__feedback")).to_have_text(f"Correct: all {len(right)} {NOUNS[kind]} right. The explanations are below.")
        expect(item.locator(".dp-part-mark--wrong")).to_have_count(0)
        assert item.evaluate("(q) => q.classList.contains('dp-question--right')")
        watch.assert_clean()


def test_a_series_by_keyboard(open_page, built_site):
    watch = open_page(page_with(built_site, "series"))
    page = watch.page
    item = first_item(page, "series")
    right = correct_of(item)
    item.locator("input").first.focus()
    for i, yes in enumerate(right):
        page.keyboard.press("Space" if yes else "ArrowRight")  # Yes, or on to No (arrows choose within a group)
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('dp-check')")
    page.keyboard.press("Enter")
    expect(item.locator(".dp-question__feedback")).to_have_text(f"Correct: all {len(right)} solutions right. The explanations are below.")
    watch.assert_clean()


def test_a_build_list_by_keyboard_with_every_change_announced(open_page, built_site):
    watch = open_page(page_with(built_site, "order"))
    page = watch.page
    item = first_item(page, "order")
    steps = len(correct_of(item))
    status = item.locator(".dp-build__status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    active = lambda: page.evaluate("document.activeElement.dataset.dpAction || document.activeElement.className")
    # Add the steps in reverse: each Add keeps focus in the list of steps.
    for n, step in enumerate(reversed(range(steps))):
        item.locator(f'[data-dp-action="Add-{step}"]').focus()
        page.keyboard.press("Enter")
        expect(status).to_contain_text(f"as step {n + 1} of {steps}.")
    expect(status).to_contain_text("Your sequence is full")
    assert "dp-check" in active()  # full: on to Check
    expect(item.locator(".dp-steps .dp-build__button:enabled")).to_have_count(0)
    # Put them in order with Move up, by keyboard: focus stays on the moved step.
    placed = lambda: item.evaluate("(q) => q.dpBuild.read()")
    assert placed() == list(reversed(range(steps)))
    for step in range(steps):
        at = placed().index(step)
        if at == step:
            continue
        item.locator(f'[data-dp-action="Move up-{step}"]').focus()
        for _ in range(at - step):
            page.keyboard.press("Enter")
            assert active() in (f"Move up-{step}", f"Move down-{step}")
        expect(status).to_contain_text(f"to step {step + 1} of {steps}.")
    assert item.evaluate("(q) => q.dpBuild.read()") == list(range(steps))
    # Remove one and add it back: focus goes to a neighbour, the change is announced.
    item.locator('[data-dp-action="Remove-0"]').focus()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("from your sequence.")
    assert active().startswith("Remove-")
    item.locator('[data-dp-action="Add-0"]').focus()
    page.keyboard.press("Enter")
    for _ in range(steps - 1):
        item.locator('[data-dp-action="Move up-0"]').focus()
        page.keyboard.press("Enter")
    item.locator(".dp-check").focus()
    page.keyboard.press("Enter")
    expect(item.locator(".dp-question__feedback")).to_have_text(f"Correct: all {steps} steps right. The explanations are below.")
    assert not page.locator(".dp-build__button:not([aria-label])").count()  # each button names its step
    watch.assert_clean()


@pytest.mark.parametrize("kind", KINDS)
def test_without_javascript_each_kind_is_answered_with_native_controls(open_page, built_site, kind):
    watch = open_page(page_with(built_site, kind), javascript=False)
    page = watch.page
    item = page.locator(f".dp-question[data-dp-kind={kind}]").first
    right = correct_of(item)
    expect(item.locator(".dp-check")).to_be_hidden()
    if kind == "series":
        for i, yes in enumerate(right):
            item.locator(".dp-solution").nth(i).get_by_label("Yes" if yes else "No", exact=True).click()
        assert item.locator("input:checked").count() == len(right)
    else:
        selects = item.locator("select.dp-select")
        assert selects.count() == len(right)  # a build list: a drop-down per position
        for i, value in enumerate(right):
            selects.nth(i).select_option(str(value))
            assert selects.nth(i).input_value() == str(value)
    key = item.locator(".dp-answer__key")
    expect(key).to_be_hidden()
    item.locator("details.dp-answer > summary").click()
    expect(key).to_be_visible()
    expect(item.locator(".dp-answer__review a")).to_have_count(1)
    expect(item.locator(".dp-answer__choices").first).to_be_visible()
    watch.assert_clean()


def test_a_case_study_keeps_its_scenario_at_hand(open_page, built_site, axe):
    watch = open_page("study/case-studies/")
    page = watch.page
    case = page.locator(".dp-case").first
    expect(case.locator(".dp-case__scenario")).to_have_attribute("open", "")
    assert case.locator(".dp-case__section").count() >= 2
    questions = case.locator(".dp-question")
    assert questions.count() >= 3
    numbers = [int(re.search(r"\d+", t).group()) for t in questions.locator(".dp-question__number").all_inner_texts()]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    # From any of its questions, one link leads back to the scenario.
    questions.last.locator(".dp-case__back a").click()
    expect(page).to_have_url(re.compile(r"#dp-case-"))
    assert case.locator(".dp-case__title").evaluate("(h) => h.getBoundingClientRect().top") < 200
    assert not violations_in_both_schemes(axe, page)
    watch.assert_clean()


@pytest.mark.parametrize("path", ["kinds", "study/case-studies/", "print_page/"])
def test_printed_items_show_gaps_and_options_not_controls(open_page, built_site, path):
    if path == "kinds":
        path = page_with(built_site, "code")
    watch = open_page(path, width=PRINTED_WIDTH)
    page = watch.page
    page.emulate_media(media="print")
    assert page.locator("article :is(input, select, button, summary):visible").count() == 0
    code = page.locator(".dp-question[data-dp-kind=code]")
    if code.count():
        gap = code.first.locator(".dp-gap").first
        assert gap.evaluate("(g) => getComputedStyle(g, '::after').content") == '"______"'
        expect(code.first.locator(".dp-gap__number").first).to_be_visible()
        expect(code.first.locator(".dp-gap-options")).to_be_visible()  # each gap's options, listed
    for kind in ("order", "match"):
        items = page.locator(f".dp-question[data-dp-kind={kind}] :is(.dp-step, .dp-match__targets > li)")
        if items.count():
            expect(items.first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINTED_WIDTH
    watch.assert_clean()


def test_stored_answers_of_another_shape_are_dropped(open_page, built_site):
    watch = open_page(page_with(built_site, "order"))
    page = watch.page
    item = first_item(page, "order")
    qid = item.get_attribute("data-dp-question")
    steps = len(correct_of(item))
    unfit = [{"answer": list(range(steps + 1))}, {"answer": [0, 0]}, {"choices": [0]}, {"answer": ["0"]}, {"answer": []}]
    for answer in unfit:
        page.evaluate("([key, text]) => localStorage.setItem(key, text)",
                      [quiz_key(page), json.dumps({"version": 1, "answers": {qid: {**answer, "at": 1790000000000}}})])
        page.reload()
        item = first_item(page, "order")
        expect(item.locator(".dp-build > li, .dp-part-mark")).to_have_count(0)
        expect(page.locator(".dp-quiz__score")).to_be_hidden()
    watch.assert_clean()


def test_the_kinds_load_after_instant_navigation_from_a_page_without_them(open_page):
    """Material swaps pages without reloading: the quiz brings its own
    stylesheet and script, whatever page the reader came from."""
    watch = open_page("glossary/")
    page = watch.page
    with watch.instant_navigation():
        page.locator("article a[href*='workspace/compute-targets/']").first.click()
        page.wait_for_url("**/workspace/compute-targets/*")
    assert page.locator(".dp-quiz").get_attribute("data-dp-kinds")
    item = first_item(page, page.locator(".dp-quiz").get_attribute("data-dp-kinds").split()[0])
    expect(page.locator(".dp-quiz select.dp-select").first).to_have_css("max-width", "100%")  # quiz-kinds.css applies
    item.locator(".dp-check").click()
    expect(item.locator(".dp-question__feedback")).to_contain_text("first")  # quiz-kinds.js checks it
    watch.assert_clean()
