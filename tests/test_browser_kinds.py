"""Exam items of every kind in the study tools, in a real browser: the practice
exam answered by keyboard and by mouse, the yes/no series' no-revisit rule,
a case study as a section with its scenario at hand, resume after reload,
results and review of each kind, and the review queue; axe in light and dark
mode in every state. The tools are served a question bank made from the
fixture items of every kind (tests/fixtures/kinds), so that what is tested does
not change as the guide's content does."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from macros.exports import write_exports
from tests.kinds_fixture import load_kinds, make_kinds_fixture
from tests.test_browser_quiz import store, stored
from tests.test_browser_reading import PHONE, page_width
from tests.test_browser_study import assert_accessible, next_screen, serve, start_exam

EXAM = "study/practice-exam/"
# The fixture exam: the case study's three questions, then two choice questions,
# a code, an order and a match question and a series of three solutions.
SCREENS = 11
CASE_SCREENS = 3


@pytest.fixture(scope="module")
def kinds_bank(tmp_path_factory) -> dict:
    root = make_kinds_fixture(tmp_path_factory.mktemp("kinds") / "content")
    out = tmp_path_factory.mktemp("exports")
    write_exports(load_kinds(root), out, "", epoch=1_795_478_400)
    return json.loads((out / "exports" / "questions.json").read_text(encoding="utf-8"))


def walk_exam(page, seed: str, answer) -> None:
    """Start the fixture exam with ``seed`` and call ``answer(page, screen)``
    on each question in turn, moving on (into the next section too) until the
    last question, or until ``answer`` returns True."""
    start_exam(page, seed=seed)
    for screen in range(SCREENS):
        if answer(page, screen) or screen == SCREENS - 1:
            return
        next_screen(page)


def kind_shown(page) -> str:
    """The kind of the exam question on screen, from its widgets."""
    return page.evaluate("""() => {
        const exam = document.querySelector('.dp-exam');
        if (exam.querySelector('.dp-solution')) return 'series';
        if (exam.querySelector('.dp-build')) return 'order';
        if (exam.querySelector('.dp-match')) return 'match';
        if (exam.querySelector('.dp-code-question')) return 'code';
        return 'choice'; }""")


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector``: it is reachable by keyboard."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def press_button(page, name: str) -> None:
    """Activate a button by keyboard: Tab to it, then Enter."""
    page.get_by_role("button", name=name, exact=True).evaluate("(button) => { button.dataset.dpTarget = '1'; }")
    tab_to(page, "[data-dp-target='1']")
    page.evaluate("document.querySelector(\"[data-dp-target='1']\").removeAttribute('data-dp-target')")
    page.keyboard.press("Enter")


def answer_by_keyboard(page, kind: str) -> None:
    """Answer the question on screen with the keyboard alone (the first option of each part)."""
    page.locator("#dp-exam-question").focus()
    if kind == "choice":
        tab_to(page, ".dp-choice input")
        page.keyboard.press("Space")
        expect(page.locator(".dp-choice input:checked")).to_have_count(1)
    elif kind in ("code", "match"):
        # Each drop-down in turn, in Tab order: Arrow Down picks its first option.
        for _ in range(page.locator("select.dp-blank").count()):
            tab_to(page, "select.dp-blank:not([data-dp-done])")
            page.keyboard.press("ArrowDown")
            page.evaluate("document.activeElement.setAttribute('data-dp-done', '')")
        values = page.locator("select.dp-blank").evaluate_all("(s) => s.map((x) => x.value)")
        assert all(values), values
    elif kind == "series":
        tab_to(page, ".dp-solution input[value=yes]")
        page.keyboard.press("Space")
        expect(page.locator(".dp-solution input[value=yes]")).to_be_checked()
    elif kind == "order":
        status = page.locator(".dp-build__status")
        tab_to(page, ".dp-build__pool button")
        first = page.evaluate("document.activeElement.getAttribute('aria-label')").removeprefix("Add: ")
        page.keyboard.press("Enter")
        expect(status).to_have_text(f'Added "{first}" as step 1 of your sequence.')
        # Focus moves on to the next step's Add button: Enter again adds it.
        assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Add: ")
        page.keyboard.press("Enter")
        expect(page.locator(".dp-build__sequence > li")).to_have_count(2)
        # Move the first step down: focus stays with it.
        tab_to(page, f".dp-build__sequence button[aria-label='Move down: {first}']")
        page.keyboard.press("Enter")
        expect(status).to_have_text(f'Moved "{first}" to step 2 of 2.')
        expect(page.locator(".dp-build__sequence > li").nth(1)).to_contain_text(first)
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Move up: {first}"
        page.keyboard.press("Enter")
        expect(page.locator(".dp-build__sequence > li").nth(0)).to_contain_text(first)
    else:
        raise AssertionError(kind)


def test_exam_of_every_kind_by_keyboard_with_the_series_rule_and_a_case_section(open_page, axe, kinds_bank):
    watch = serve(open_page, EXAM, kinds_bank)
    page = watch.page
    expect(page.locator(".dp-exam-setup__rules")).to_contain_text("cannot go back to it")
    assert_accessible(axe, page, "setup")
    page.locator("input[name=size][value='20']").check()
    page.locator("#dp-exam-seed").fill("keys-1")
    page.locator("#dp-exam-seed").press("Enter")
    expect(page.locator("#dp-exam-question")).to_have_text(f"Question 1 of {SCREENS}")

    # The case study comes first, a section with its scenario beside each question.
    scenario = page.get_by_role("complementary", name="Case study scenario: Contoso Research")
    expect(scenario).to_be_visible()
    expect(scenario.locator("h3")).to_have_text(["Overview", "Requirements"])
    expect(page.locator(".dp-exam__domain")).to_contain_text("Case study 1 of 1: Contoso Research")
    expect(page.locator(".dp-exam__notice")).to_contain_text("once you leave the section you cannot return to it")
    assert_accessible(axe, page, "case study question")

    seen = set()
    locked_series = []
    for screen in range(SCREENS):
        kind = kind_shown(page)
        if kind == "series":
            expect(page.locator(".dp-exam__notice")).to_contain_text("Once you answer it and move on, you cannot return to it.")
        answer_by_keyboard(page, kind)
        if screen < CASE_SCREENS:
            expect(page.locator(".dp-case__panel")).to_be_visible()   # at hand on every case question
        if (kind, screen < CASE_SCREENS) not in seen:
            seen.add((kind, screen < CASE_SCREENS))
            assert_accessible(axe, page, f"{kind} question answered, screen {screen + 1}")
        if screen == CASE_SCREENS - 1:
            # Leaving the case study asks first; staying keeps the reader there.
            page.once("dialog", lambda dialog: dialog.dismiss())
            press_button(page, "Next section")
            expect(page.locator("#dp-exam-question")).to_have_text(f"Question {screen + 1} of {SCREENS}")
            page.once("dialog", lambda dialog: dialog.accept())
            press_button(page, "Next section")
            expect(page.locator("#dp-exam-question")).to_have_text(f"Question {screen + 2} of {SCREENS}")
            # The section is closed: its questions cannot be reached, Previous stops at the section's start.
            expect(page.get_by_role("button", name="Previous", exact=True)).to_be_disabled()
            for n in range(CASE_SCREENS):
                jump = page.locator(".dp-exam__jump").nth(n)
                expect(jump).to_be_disabled()
                expect(jump).to_have_attribute("aria-label", re.compile(r"in a section you have left$"))
        elif screen < SCREENS - 1:
            press_button(page, "Next")
            expect(page.locator("#dp-exam-question")).to_have_text(f"Question {screen + 2} of {SCREENS}")
        if kind == "series" and screen < SCREENS - 1:
            locked_series.append(screen)
            # Answered and left: locked, shown as done, and Previous skips it.
            jump = page.locator(".dp-exam__jump").nth(screen)
            expect(jump).to_be_disabled()
            expect(jump).to_have_attribute("aria-label", f"Question {screen + 1}, answered, cannot be revisited")
            assert page.evaluate("JSON.parse(localStorage.getItem('dp100:exam')).locked").count(screen) == 1
    assert {kind for kind, _ in seen} == {"choice", "code", "order", "match", "series"}
    assert len(locked_series) >= 2
    # A locked screen stays locked after a reload.
    page.reload()
    page.get_by_role("button", name="Resume the exam").click()
    for screen in locked_series:
        expect(page.locator(".dp-exam__jump").nth(screen)).to_be_disabled()
    press_button(page, "Previous")
    expect(page.locator("#dp-exam-question")).not_to_have_text(re.compile(
        "|".join(f"Question {s + 1} of" for s in locked_series)))

    page.once("dialog", lambda dialog: dialog.accept())
    press_button(page, "Finish exam")
    expect(page.locator(".dp-exam-result h2")).to_contain_text("points")
    expect(page.locator(".dp-exam-result__scoring a").first).to_have_attribute(
        "href", "https://learn.microsoft.com/en-us/credentials/certifications/exam-scoring-reports")
    assert_accessible(axe, page, "results")
    page.get_by_role("button", name=re.compile(r"^All \(")).click()
    for kind in ("code", "order", "match", "series"):
        expect(page.locator(f".dp-exam-review > li[data-dp-kind={kind}] .dp-parts > li").first).to_be_visible()
    assert_accessible(axe, page, "review all")
    watch.assert_clean()


# The right answer of each fixture item, by prompt, as a mouse user gives it.
def answer_right_by_mouse(page) -> None:
    prompt = page.locator(".dp-exam .dp-question__prompt").inner_text()
    exam = page.locator(".dp-exam")
    if "train on many nodes. Which" in prompt or "Which compute should Contoso" in prompt:
        exam.locator(".dp-choice label", has_text="Compute cluster").click()
    elif "Which two are compute types" in prompt:
        exam.locator(".dp-choice label", has_text="Compute cluster").click()
        exam.locator(".dp-choice label", has_text="Compute instance").click()
    elif "Complete the command job" in prompt:
        exam.get_by_label("Gap 1 of 2").select_option(label="command")
        exam.get_by_label("Gap 2 of 2").select_option(label="compute")
    elif "Complete the cluster definition" in prompt:
        exam.get_by_label("Gap 1 of 1").select_option(label="min_instances")
    elif "Put the steps" in prompt:
        for step in ("Create the cluster", "Define the command job", "Submit the job"):
            exam.get_by_role("button", name=f"Add: {step}").click()
        expect(exam.locator(".dp-build__sequence > li")).to_have_count(3)
    elif "Match each need" in prompt:
        for item, target in (("Train on many nodes", "Compute cluster"), ("Write notebooks", "Compute instance"),
                             ("Run a nightly job on four nodes", "Compute cluster")):
            exam.get_by_label(item).select_option(label=target)
    elif "Match each Contoso task" in prompt:
        exam.get_by_label("Nightly training").select_option(label="Compute cluster")
        exam.get_by_label("Exploring data in a notebook").select_option(label="Compute instance")
    elif "pay nothing when idle" in prompt:
        solution = exam.locator(".dp-solution legend").inner_text()
        exam.locator(".dp-solution label", has_text="Yes" if "minimum of zero" in solution else "No").click()
    else:
        raise AssertionError(f"a fixture question the test does not know: {prompt}")


def test_exam_of_every_kind_by_mouse_scores_full_marks_and_reviews_each_part(open_page, axe, kinds_bank):
    watch = serve(open_page, EXAM, kinds_bank, color_scheme="dark")
    page = watch.page
    walk_exam(page, "mouse-1", lambda page, screen: answer_right_by_mouse(page))
    expect(page.locator(".dp-exam__count")).to_have_text(f"{SCREENS} of {SCREENS} answered")
    page.get_by_role("button", name="Finish exam").click()
    possible = sum({"choice": 1, "code": len(q.get("blanks", [])), "order": len(q.get("steps", [])),
                    "match": len(q.get("pairs", [])), "series": len(q.get("solutions", []))}[q["kind"]]
                   for q in kinds_bank["questions"] if q["domain"])
    expect(page.locator(".dp-exam-result h2")).to_have_text(f"Score: {possible} of {possible} points (100%)")
    expect(page.locator(".dp-exam-result__right")).to_have_text("9 of 9 questions right in every part.")
    page.get_by_role("button", name=re.compile(r"^All \(9\)$")).click()
    series = page.locator(".dp-exam-review > li[data-dp-kind=series]")
    expect(series.locator("h4")).to_have_text(re.compile(r"^Questions \d+–\d+: Right$"))
    expect(series.locator(".dp-parts > li")).to_have_count(3)
    expect(series.locator(".dp-parts > li").first).to_contain_text("Right. Your answer:")
    code = page.locator(".dp-exam-review > li[data-dp-kind=code]").first
    expect(code.locator(".dp-parts > li").first).to_contain_text("Gap 1: Right. Your answer:")
    case = page.locator(".dp-exam-review > li", has=page.locator("summary", has_text="Scenario: Contoso Research"))
    expect(case).to_have_count(3)
    assert_accessible(axe, page, "review all, right")
    watch.assert_clean()


def test_results_show_each_part_of_a_wrong_or_partial_answer_in_words(open_page, axe, kinds_bank):
    watch = serve(open_page, EXAM, kinds_bank)
    page = watch.page

    def answer_some_parts(page, screen):
        exam = page.locator(".dp-exam")
        prompt = exam.locator(".dp-question__prompt").inner_text()
        if "Complete the command job" in prompt:
            exam.get_by_label("Gap 1 of 2").select_option(label="sweep")       # wrong
            exam.get_by_label("Gap 2 of 2").select_option(label="compute")     # right
        elif "Put the steps" in prompt:
            for step in ("Create the cluster", "Submit the job", "Define the command job"):
                exam.get_by_role("button", name=f"Add: {step}").click()
        elif "Match each need" in prompt:
            exam.get_by_label("Train on many nodes").select_option(label="Serverless compute")

    walk_exam(page, "partial-1", answer_some_parts)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Finish exam").click()
    review = page.locator(".dp-exam-review")
    code = review.locator("li[data-dp-kind=code]", has_text="Complete the command job")
    expect(code.locator("h4")).to_contain_text("Partly right, 1 of 2 points")
    expect(code.locator(".dp-parts > li").nth(0)).to_contain_text("Gap 1: Wrong. Your answer: sweep. Right answer: command.")
    expect(code.locator(".dp-parts > li").nth(1)).to_contain_text("Gap 2: Right. Your answer: compute.")
    order = review.locator("li[data-dp-kind=order]")
    expect(order.locator("h4")).to_contain_text("Partly right, 1 of 3 points")
    expect(order.locator(".dp-parts > li").nth(0)).to_contain_text("Step 1: Right. Your answer: Create the cluster.")
    expect(order.locator(".dp-parts > li").nth(1)).to_contain_text(
        "Step 2: Wrong. Your answer: Submit the job. Right answer: Define the command job.")
    expect(order.locator(".dp-answer")).to_contain_text("Not in the sequence:")
    match = review.locator("li[data-dp-kind=match]", has_text="Match each need")
    expect(match.locator("h4")).to_contain_text("Wrong")
    expect(match.locator(".dp-parts")).to_contain_text(
        "Train on many nodes: Wrong. Your answer: Serverless compute. Right answer: Compute cluster.")
    expect(match.locator(".dp-parts")).to_contain_text("Write notebooks: Not answered. Your answer: none. Right answer: Compute instance.")
    series = review.locator("li[data-dp-kind=series]")
    expect(series.locator("h4")).to_contain_text("Not answered")
    assert_accessible(axe, page, "review wrong")
    # Every item not right in every part joins the review queue.
    queued = stored(page, "dp100:review")["items"]
    assert {"fx-code", "fx-order", "fx-match", "fx-series"} <= set(queued)
    watch.assert_clean()


def test_exam_resumes_new_kind_answers_after_reload(open_page, axe, kinds_bank):
    watch = serve(open_page, EXAM, kinds_bank)
    page = watch.page
    exam = page.locator(".dp-exam")
    given = {}

    # What to answer on each question, found by its prompt: (name, action).
    plan = {
        "Complete the cluster definition": ("case-code", lambda: exam.get_by_label("Gap 1 of 1").select_option(label="idle_time")),
        "Complete the command job": ("code", lambda: exam.get_by_label("Gap 2 of 2").select_option(label="instance_type")),
        "Put the steps": ("order", lambda: [exam.get_by_role("button", name=f"Add: {step}").click()
                                            for step in ("Register a datastore", "Submit the job")]),
        "Match each need": ("match", lambda: exam.get_by_label("Write notebooks").select_option(label="Compute instance")),
        "pay nothing when idle": ("series", lambda: exam.locator(".dp-solution label", has_text="No").click()),
    }

    def answer_until_the_series(page, screen):
        prompt = exam.locator(".dp-question__prompt").inner_text()
        for fragment, (name, act) in plan.items():
            if fragment in prompt:
                act()
                given[name] = screen
        return "series" in given  # leave the exam at the series' first screen, answered

    walk_exam(page, "resume-2", answer_until_the_series)
    assert set(given) == {"case-code", "code", "order", "match", "series"}, given
    page.reload()
    resume = page.locator(".dp-exam-resume")
    expect(resume).to_contain_text(f"Exam code resume-2, {SCREENS} questions: 5 answered, 0 flagged, at question {given['series'] + 1}")
    assert_accessible(axe, page, "resume offer")
    page.get_by_role("button", name="Resume the exam").click()
    expect(page.locator(".dp-solution input[value=no]")).to_be_checked()      # the series screen, still open
    for key in ("code", "order", "match"):
        page.locator(".dp-exam__jump").nth(given[key]).click()
        if key == "code":
            expect(exam.get_by_label("Gap 2 of 2")).to_have_value(str(1))
            expect(exam.get_by_label("Gap 1 of 2")).to_have_value("")
        elif key == "order":
            expect(exam.locator(".dp-build__sequence > li")).to_have_text([
                re.compile("^Register a datastore"), re.compile("^Submit the job")])
        else:
            expect(exam.get_by_label("Write notebooks")).to_have_value("1")
    # The case section was left: closed after the reload as well.
    expect(page.locator(".dp-exam__jump").nth(given["case-code"])).to_be_disabled()
    watch.assert_clean()


def test_review_queue_asks_every_kind_and_marks_each_part(open_page, axe, kinds_bank):
    watch = serve(open_page, "study/review/", kinds_bank)
    page = watch.page
    due = int(page.evaluate("Date.now()")) - 60_000
    items = {qid: {"box": 1, "due": due + n} for n, qid in enumerate(["fx-code", "fx-order", "fx-match", "fx-series", "fx-case-code"])}
    store(page, "dp100:review", json.dumps({"version": 1, "items": items}))
    page.reload()
    review = page.locator(".dp-review")
    feedback = review.locator(".dp-question__feedback")
    # Code: one gap right, one left empty.
    expect(page.locator("#dp-review-question")).to_have_text("Question 1 of 5")
    review.get_by_label("Gap 1 of 2").select_option(label="command")
    assert_accessible(axe, page, "review: code")
    page.get_by_role("button", name="Check answer").click()
    expect(feedback).to_contain_text("1 of 2 parts right. Not quite.")
    expect(review.locator(".dp-part-mark")).to_have_text([" Right", " Not answered"])
    expect(review.locator("select:disabled")).to_have_count(2)
    assert_accessible(axe, page, "review: code checked")
    page.get_by_role("button", name="Next").click()
    # Build list: shown shuffled, never as its answer; answered right.
    steps = review.locator(".dp-build__pool .dp-build__text").all_inner_texts()
    assert steps != ["Create the cluster", "Define the command job", "Submit the job", "Register a datastore"]
    for step in ("Create the cluster", "Define the command job", "Submit the job"):
        review.get_by_role("button", name=f"Add: {step}").click()
    assert_accessible(axe, page, "review: build list")
    page.get_by_role("button", name="Check answer").click()
    expect(feedback).to_contain_text("3 of 3 parts right. Correct.")
    expect(review.locator(".dp-build button:disabled")).to_have_count(review.locator(".dp-build button").count())
    page.get_by_role("button", name="Next").click()
    # Matching: all three right.
    for item, target in (("Train on many nodes", "Compute cluster"), ("Write notebooks", "Compute instance"),
                         ("Run a nightly job on four nodes", "Compute cluster")):
        review.get_by_label(item).select_option(label=target)
    page.get_by_role("button", name="Check answer").click()
    expect(feedback).to_contain_text("3 of 3 parts right.")
    page.get_by_role("button", name="Next").click()
    # A series: every solution on one screen.
    expect(review.locator(".dp-solution")).to_have_count(3)
    review.locator(".dp-solution").nth(0).get_by_label("Yes").check()
    assert_accessible(axe, page, "review: series")
    page.get_by_role("button", name="Check answer").click()
    expect(feedback).to_contain_text("1 of 3 parts right.")
    page.get_by_role("button", name="Next").click()
    # A case study's question, with its scenario.
    expect(review.locator(".dp-case__scenario summary")).to_have_text("Case study scenario: Contoso Research")
    review.get_by_label("Gap 1 of 1").select_option(label="min_instances")
    assert_accessible(axe, page, "review: case question")
    page.get_by_role("button", name="Check answer").click()
    expect(feedback).to_have_text("Correct. It comes back in box 2.")
    queue = stored(page, "dp100:review")["items"]
    assert queue["fx-order"]["box"] == 2 and queue["fx-code"]["box"] == 1 and queue["fx-series"]["box"] == 1
    watch.assert_clean()


def test_every_kind_fits_a_phone(open_page, kinds_bank):
    """No question of any kind, nor the results, makes the page scroll sideways at 360 px."""
    watch = serve(open_page, EXAM, kinds_bank, width=PHONE)
    page = watch.page
    widths = {}

    def measure(page, screen):
        answer_right_by_mouse(page)
        widths[f"{screen + 1}: {kind_shown(page)}"] = page_width(page)

    walk_exam(page, "phone-1", measure)
    page.get_by_role("button", name="Finish exam").click()
    page.get_by_role("button", name=re.compile(r"^All \(")).click()
    widths["results"] = page_width(page)
    assert all(width <= PHONE for width in widths.values()), widths
    watch.assert_clean()
