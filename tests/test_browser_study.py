"""The study tools in a real browser: practice exam, review queue, progress, print."""

from __future__ import annotations

import json
import math
import re
import time

import pytest
from playwright.sync_api import expect

from tests.conftest import violations, violations_in_both_schemes
from tests.test_browser_quiz import store, stored


@pytest.fixture(scope="module")
def bank(built_site) -> dict:
    """The question bank the study tools load."""
    return json.loads((built_site / "exports" / "questions.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def choice_bank(bank) -> dict:
    """The bank's choice questions alone, for the tests of the exam's workings
    that answer choice questions (the other kinds: test_browser_kinds.py)."""
    return {**bank, "cases": [], "questions": [q for q in bank["questions"] if q["kind"] == "choice" and not q["case"]]}


def serve(open_page, path: str, bank: dict, **options):
    """``path`` with the study tools reading ``bank`` as exports/questions.json."""
    watch = open_page(path, **options)
    watch.page.route("**/exports/questions.json", lambda route: route.fulfill(json=bank))
    watch.page.reload()
    return watch


def assert_accessible(axe, page, state):
    """No axe finding in light or dark mode, in the tool's present state."""
    found = violations_in_both_schemes(axe, page)
    assert not found, (state, found)


def start_exam(page, size="20", seed="team-7", timer=False):
    page.locator(f"input[name=size][value='{size}']").check()
    page.locator("#dp-exam-seed").fill(seed)
    if timer:
        page.locator("input[name=timer]").check()
    page.get_by_role("button", name="Start the exam").click()


def finish_exam(page):
    page.once("dialog", lambda dialog: dialog.accept())  # "... unanswered and ... flagged. Finish anyway?"
    page.get_by_role("button", name="Finish exam").click()
    expect(page.locator(".dp-exam-result h2")).to_contain_text("Score:")


def next_screen(page):
    """Next, or into the next section (accepting that the one left is closed)."""
    if page.get_by_role("button", name="Next section").count():
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Next section").click()
    else:
        page.get_by_role("button", name="Next", exact=True).click()


def exam_ids(page, count):
    """Question prompts in order, walking the exam with Next."""
    prompts = []
    for i in range(count):
        prompts.append(page.locator(".dp-question__prompt").inner_text())
        if i < count - 1:
            next_screen(page)
    return prompts


def test_practice_exam_is_reproducible_from_its_address(open_page):
    watch = open_page("study/practice-exam/")
    page = watch.page
    start_exam(page)
    expect(page.locator("#dp-exam-question")).to_have_text("Question 1 of 20")
    assert "seed=team-7" in page.url and "n=20" in page.url
    first = exam_ids(page, 5)
    # A second reader opens the same address and gets the same exam.
    other = open_page(f"study/practice-exam/?n=20&seed=team-7")
    other.page.get_by_role("button", name="Start the exam").click()
    assert exam_ids(other.page, 5) == first
    watch.assert_clean()
    other.assert_clean()


def test_practice_exam_flags_scores_by_domain_and_feeds_the_review_queue(open_page, axe, choice_bank):
    watch = serve(open_page, "study/practice-exam/", choice_bank)
    page = watch.page
    start_exam(page, timer=True)
    assert_accessible(axe, page, page.url)
    expect(page.locator(".dp-exam__clock")).to_contain_text("Time left: 39:")
    page.get_by_role("button", name="Flag for review").click()
    expect(page.get_by_role("button", name="Flag for review")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Flag for review")).to_be_focused()  # flagging keeps the reader's place
    expect(page.locator(".dp-exam__jump").first).to_have_attribute("aria-label", "Question 1, not answered, flagged")
    page.locator(".dp-choice label").first.click()      # answer question 1, leave the rest
    finish_exam(page)
    # The score, split by domain: the domains' questions add up to the exam's.
    rows = page.locator(".dp-exam-result tbody tr")
    assert rows.count() == 4
    assert sum(int(rows.nth(i).locator("td").nth(0).inner_text()) for i in range(4)) == 20  # weighted draw
    wrong = page.locator(".dp-exam-review > li")
    assert wrong.count() >= 19
    assert wrong.first.locator(".dp-answer__review a").get_attribute("href").startswith("http://127.0.0.1")
    queue = stored(page, "dp100:review")
    assert len(queue["items"]) == wrong.count()
    assert_accessible(axe, page, page.url)
    watch.assert_clean()


def weighted_counts(size: int, domains: list[dict]) -> dict[str, int]:
    """Questions per domain for an exam of ``size``, as the practice page promises:
    shares in proportion to the middle of each domain's weight range, made whole
    by largest remainder (ties in domain id order)."""
    middles = {d["id"]: sum(d["weight"]) / 2 for d in domains}
    exact = {domain: size * middle / sum(middles.values()) for domain, middle in middles.items()}
    counts = {domain: math.floor(share) for domain, share in exact.items()}
    by_remainder = sorted(exact, key=lambda domain: (counts[domain] - exact[domain], domain))
    for domain in by_remainder[: size - sum(counts.values())]:
        counts[domain] += 1
    return counts


@pytest.mark.parametrize("size", [20, 40, 60])
def test_practice_exam_draws_each_domain_by_its_weight(open_page, bank, size):
    expected = weighted_counts(size, bank["domains"])
    for domain, count in expected.items():
        # A yes/no series counts a question per solution, as on the exam.
        assert count <= sum(len(q.get("solutions", [None])) for q in bank["questions"] if q["domain"] == domain), \
            f"the bank has too few questions in {domain}"
    watch = open_page("study/practice-exam/")
    page = watch.page
    start_exam(page, size=str(size))
    finish_exam(page)
    rows = page.locator(".dp-exam-result tbody tr")
    drawn = {rows.nth(i).locator("th").inner_text(): int(rows.nth(i).locator("td").nth(0).inner_text()) for i in range(rows.count())}
    assert drawn == {d["name"]: expected[d["id"]] for d in bank["domains"]}
    watch.assert_clean()


def test_review_queue_moves_questions_up_the_boxes(open_page, axe):
    watch = open_page("workspace/compute-targets/")
    page = watch.page
    question = page.locator(".dp-question").filter(has=page.locator("input[type=radio]")).first
    right = int(question.get_attribute("data-dp-correct"))
    question.locator("label").nth((right + 1) % question.locator("input").count()).click()
    question.locator(".dp-check").click()                  # wrong: into box 1
    qid = question.get_attribute("data-dp-question")
    assert page.evaluate("JSON.parse(localStorage.getItem('dp100:review'))")["items"][qid]["box"] == 1
    page.goto(page.url.split("workspace/")[0] + "study/review/")
    expect(page.locator("#dp-review-question")).to_have_text("Question 1 of 1")
    assert_accessible(axe, page, page.url)
    page.locator(".dp-review .dp-choice label").nth(right).click()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".dp-review .dp-question__feedback")).to_have_text("Correct. It comes back in box 2.")
    entry = page.evaluate("JSON.parse(localStorage.getItem('dp100:review'))")["items"][qid]
    assert entry["box"] == 2 and entry["due"] > page.evaluate("Date.now()") + 23 * 3600 * 1000
    page.get_by_role("button", name="Finish the session").click()
    expect(page.locator("[data-dp-app=review] h2")).to_have_text("Review session complete")
    watch.assert_clean()


def a_single_answer_question(bank: dict) -> tuple[dict, int]:
    """A question of the practice exam with one right choice, and that choice."""
    question = next(q for q in bank["questions"] if q["domain"] and q["kind"] == "choice" and not q["multiple"])
    return question, next(i for i, c in enumerate(question["choices"]) if c["correct"])


def due_now(page, question_id: str, box: int) -> None:
    due = int(time.time() * 1000) - 60_000  # a minute ago: the store sets aside times it cannot trust
    store(page, "dp100:review", json.dumps({"version": 1, "items": {question_id: {"box": box, "due": due}}}))
    page.reload()


def test_review_takes_a_question_from_its_box_to_the_next_and_out(open_page, bank):
    question, right = a_single_answer_question(bank)
    watch = open_page("study/review/")
    page = watch.page
    feedback = page.locator(".dp-review .dp-question__feedback")
    for box, said in ((2, "Correct. It comes back in box 3."), (3, "Correct. Mastered: it leaves the queue.")):
        due_now(page, question["id"], box)
        expect(page.locator(".dp-review .dp-exam__domain")).to_contain_text(f"Box {box}")
        page.locator(".dp-review .dp-choice label").nth(right).click()
        page.get_by_role("button", name="Check answer").click()
        expect(feedback).to_have_text(said)
        items = stored(page, "dp100:review")["items"]
        assert items.get(question["id"], {}).get("box") == (3 if box == 2 else None), items
    watch.assert_clean()


def test_review_sets_aside_malformed_entries(open_page, bank):
    question, _ = a_single_answer_question(bank)
    watch = open_page("study/review/")
    page = watch.page
    store(page, "dp100:review", json.dumps({"version": 1, "items": {question["id"]: {"box": "two", "due": 0}, "x": 42}}))
    page.reload()
    expect(page.locator("[data-dp-app=review] h2")).to_have_text("Nothing is due")
    watch.assert_clean()


def test_links_in_question_html_lead_to_the_site(open_page, bank, site_url):
    """Exported HTML links from the site root; the study tools show it on
    pages deeper down, so each of its links is made absolute."""
    question, _ = a_single_answer_question(bank)
    target = "glossary/"  # a page the review card does not link to by itself
    link = f'<a href="{target}">glossary</a>'
    changed = {**question, "prompt_html": question["prompt_html"] + f"<p>{link}</p>",
               "explanation_html": question["explanation_html"] + f"<p>{link}</p>",
               "choices": [{**c, "text_html": f"{c['text_html']} {link}", "explanation_html": link} for c in question["choices"]]}
    served = {**bank, "questions": [changed if q is question else q for q in bank["questions"]]}
    watch = open_page("study/review/")
    page = watch.page
    page.route("**/exports/questions.json", lambda route: route.fulfill(json=served))
    due_now(page, question["id"], 1)
    page.locator(".dp-review .dp-choice label").first.click()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".dp-answer__why")).to_be_visible()
    hrefs = page.locator("[data-dp-app=review] a").evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    ours = [href for href in hrefs if href.endswith(target)]
    assert len(ours) == 2 + 2 * len(question["choices"]), hrefs  # prompt, explanation, each choice and its explanation
    assert all(href == site_url + target for href in ours), ours
    watch.assert_clean()


def test_progress_export_and_import(open_page, axe, tmp_path):
    watch = open_page("workspace/compute-targets/")
    page = watch.page
    question = page.locator(".dp-question").filter(has=page.locator("input[type=radio]")).first
    question.locator("label").nth(int(question.get_attribute("data-dp-correct"))).click()
    question.locator(".dp-check").click()
    page.goto(page.url.split("workspace/")[0] + "study/progress/")
    row = page.locator("tr", has=page.get_by_role("link", name="Work with compute targets"))
    expect(row.locator("td").first).to_have_text(re.compile(r"^1 of \d+$"))
    assert row.locator("td").nth(1).inner_text() != "never"
    assert_accessible(axe, page, page.url)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["kind"] == "dp100-progress" and "dp100:quiz:compute-targets" in data["data"]
    # A new browser imports the file and shows the same score.
    fresh = open_page("study/progress/")
    fresh.page.locator("#dp-progress-file").set_input_files(str(exported))
    expect(fresh.page.get_by_role("status")).to_contain_text("Imported")
    row = fresh.page.locator("tr", has=fresh.page.get_by_role("link", name="Work with compute targets"))
    expect(row.locator("td").first).to_have_text(re.compile(r"^1 of \d+$"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "something-else"}')
    fresh.page.locator("#dp-progress-file").set_input_files(str(bad))
    expect(fresh.page.get_by_role("status")).to_contain_text("Import failed")
    watch.assert_clean()
    fresh.assert_clean()


def progress_file(path, data: dict):
    """A progress file as the export writes one: each value JSON text."""
    path.write_text(json.dumps({"kind": "dp100-progress", "version": 1, "data": {k: json.dumps(v) for k, v in data.items()}}))
    return str(path)


def stored_progress(page) -> dict:
    return page.evaluate("Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('dp100:'))"
                         ".map((k) => [k, localStorage.getItem(k)]))")


def test_imported_progress_is_checked_against_the_question_bank(open_page, axe, built_site, tmp_path):
    """Ids such as "constructor" once broke the review page for good, and any
    value was shown as it was ("999 of 3", "Invalid Date")."""
    bank = json.loads((built_site / "exports" / "questions.json").read_text())
    known = next(q["id"] for q in bank["questions"] if q["quiz"] == "compute-targets")
    now = int(time.time() * 1000)
    hostile = progress_file(tmp_path / "hostile.json", {
        "dp100:review": {"version": 1, "items": {
            "constructor": {"box": 1, "due": now}, "toString": {"box": 1, "due": now}, known: {"box": 1, "due": now}}},
        "dp100:quiz:compute-targets": {"version": 1, "answers": {}, "best": {"correct": 999, "total": 3}},
        "dp100:visits": {"workspace/compute-targets/": "soon"},
        "dp100:anything": {"x": 1},
    })
    watch = open_page("study/progress/")
    page = watch.page
    page.locator("#dp-progress-file").set_input_files(hostile)
    expect(page.get_by_role("status")).to_have_text(
        "Imported 3 entries, merged with this browser's progress. Left out: \"dp100:review\": 2 items that do not fit; "
        '"dp100:quiz:compute-targets": '
        '1 item that does not fit; "dp100:visits": 1 item that does not fit; "dp100:anything" is not an entry this guide keeps.')
    row = page.locator("tr", has=page.get_by_role("link", name="Work with compute targets"))
    expect(row.locator("td")).to_have_text(["–", "never", "1"])
    assert_accessible(axe, page, page.url)
    assert json.loads(stored_progress(page)["dp100:review"])["items"] == {known: {"box": 1, "due": now}}
    page.goto(page.url.replace("study/progress/", "study/review/"))
    expect(page.locator("#dp-review-question")).to_have_text("Question 1 of 1")
    watch.assert_clean()


def test_a_progress_file_is_imported_whole_or_not_at_all(open_page, axe, tmp_path):
    watch = open_page("study/progress/")
    page = watch.page
    page.evaluate("localStorage.setItem('dp100:visits', JSON.stringify({'glossary/': Date.now()}))")
    before = stored_progress(page)
    # Storage fills up on the second key written.
    page.evaluate("""() => {
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (key === 'dp100:review') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            return setItem.call(this, key, value);
        };
    }""")
    now = int(time.time() * 1000)
    page.locator("#dp-progress-file").set_input_files(progress_file(tmp_path / "progress.json", {
        "dp100:visits": {"workspace/compute-targets/": now},
        "dp100:review": {"version": 1, "items": {}},
    }))
    expect(page.get_by_role("status")).to_have_text(
        "Import failed: Your browser's storage is full: nothing was imported, and your progress is as it was.")
    assert stored_progress(page) == before
    assert_accessible(axe, page, page.url)
    big = tmp_path / "big.json"
    big.write_text(" " * (1024 * 1024 + 1))
    page.locator("#dp-progress-file").set_input_files(str(big))
    expect(page.get_by_role("status")).to_have_text("Import failed: This file is larger than a progress file can be (1 MB).")
    watch.assert_clean()


def test_study_pages_without_javascript_say_so(open_page):
    watch = open_page("study/practice-exam/", javascript=False)
    expect(watch.page.locator(".dp-app__fallback")).to_contain_text("needs JavaScript")


def test_print_page_shows_answers(open_page):
    """Print styles alone show every answer key and hide the quiz controls."""
    watch = open_page("print_page/")
    page = watch.page
    page.emulate_media(media="print")
    answer = page.locator(".dp-answer__key").first
    expect(answer).to_be_visible()
    expect(page.locator(".dp-check").first).to_be_hidden()
    watch.assert_clean()


def test_printing_opens_every_answer_and_closes_them_after(open_page):
    """Material opens every ``<details>`` for printing, for browsers whose CSS
    cannot show a closed one, and closes them again afterwards: the reader's
    unanswered questions do not stay revealed on screen."""
    watch = open_page("workspace/compute-targets/")
    page = watch.page
    closed, opened = page.locator("details.dp-answer:not([open])"), page.locator("details.dp-answer[open]")
    count = closed.count()
    assert count > 0 and opened.count() == 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(opened).to_have_count(count)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(closed).to_have_count(count)
    watch.assert_clean()


def test_study_tool_mounts_after_instant_navigation(open_page):
    watch = open_page("workspace/compute-targets/")
    page = watch.page
    with watch.instant_navigation():
        page.locator("nav a[href$='study/practice-exam/']").first.click()
        page.wait_for_url("**/study/practice-exam/")
        start_exam(page)
        expect(page.locator(".dp-question__prompt")).to_be_visible()
    watch.assert_clean()


# -- issue 14: results that teach, resume, shuffle, review queue, flash cards ------



def shown_choices(page):
    """The question's prompt and its choices as shown: each choice's index in the bank."""
    return (page.locator(".dp-question__prompt").inner_text(),
            page.locator("[data-dp-app] .dp-choice").evaluate_all("(items) => items.map((li) => Number(li.dataset.dpChoice))"))


def test_practice_exam_shuffles_choices_and_a_shared_code_reproduces_them(open_page, choice_bank):
    watch = serve(open_page, "study/practice-exam/", choice_bank)
    start_exam(watch.page, seed="study-group")
    mine = []
    for _ in range(6):
        mine.append(shown_choices(watch.page))
        watch.page.get_by_role("button", name="Next").click()
    # A partner opens the shared address: same questions, same choice order.
    partner = serve(open_page, "study/practice-exam/?n=20&seed=study-group", choice_bank)
    partner.page.get_by_role("button", name="Start the exam").click()
    theirs = []
    for _ in range(6):
        theirs.append(shown_choices(partner.page))
        partner.page.get_by_role("button", name="Next").click()
    assert mine == theirs
    shuffled = [order for _, order in mine if order != sorted(order)]
    assert len(shuffled) >= 3, f"choices are shown in their written order: {mine}"
    watch.assert_clean()
    partner.assert_clean()


def test_practice_exam_resumes_after_reload_back_and_links(open_page, axe, choice_bank):
    watch = serve(open_page, "study/practice-exam/", choice_bank)
    page = watch.page
    assert_accessible(axe, page, "setup")
    start_exam(page, seed="resume-me", timer=True)
    page.locator(".dp-choice label").first.click()                     # answer question 1
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Flag for review").click()          # flag question 2
    page.get_by_role("button", name="Next").click()                     # at question 3
    first_choice = page.evaluate("JSON.parse(localStorage.getItem('dp100:exam')).answers[0]")
    assert len(first_choice) == 1
    assert page.evaluate("""() => { const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e); return e.defaultPrevented; }"""), "no warning before leaving"
    page.reload()
    resume = page.locator(".dp-exam-resume")
    expect(resume).to_contain_text("Exam code resume-me, 20 questions: 1 answered, 1 flagged, at question 3")
    expect(resume).to_contain_text("left on the clock")
    assert_accessible(axe, page, "resume offer")
    page.get_by_role("button", name="Resume the exam").click()
    expect(page.locator("#dp-exam-question")).to_have_text("Question 3 of 20")
    expect(page.locator(".dp-exam__jump").nth(0)).to_have_attribute("aria-label", "Question 1, answered")
    expect(page.locator(".dp-exam__jump").nth(1)).to_have_attribute("aria-label", "Question 2, not answered, flagged")
    expect(page.locator(".dp-exam__count")).to_have_text("1 of 20 answered")
    # A link out asks first; staying keeps the exam on screen.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("nav a[href$='glossary/']").first.click()
    expect(page.locator("#dp-exam-question")).to_have_text("Question 3 of 20")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("nav a[href$='glossary/']").first.click()
    page.wait_for_url("**/glossary/")
    page.go_back()
    page.wait_for_url("**/study/practice-exam/**")
    page.get_by_role("button", name="Resume the exam").click()
    page.get_by_role("button", name="Previous").click()
    page.get_by_role("button", name="Previous").click()
    assert page.locator(".dp-choice input:checked").count() == 1
    watch.assert_clean()


def test_practice_exam_states_pass_axe_and_results_teach(open_page, axe, choice_bank):
    watch = serve(open_page, "study/practice-exam/", choice_bank)
    page = watch.page
    page.set_viewport_size({"width": 360, "height": 740})
    start_exam(page, seed="results", timer=True)
    assert_accessible(axe, page, "in progress")
    # Answered and unanswered question buttons differ by at least 3:1.
    page.locator(".dp-choice label").first.click()
    ratio = page.evaluate("""() => {
        const lum = (el) => { const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\\d+/g).map(Number).map((v) => v / 255)
            .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const [a, b] = [lum(document.querySelector('.dp-exam__jump--answered')), lum(document.querySelector('.dp-exam__jump:not(.dp-exam__jump--answered)'))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }""")
    assert ratio >= 3, ratio
    # The clock stays in view on a phone after scrolling down the question.
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    box = page.locator(".dp-exam__clock").bounding_box()
    assert box and 0 <= box["y"] < 740, box
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Flag for review").click()
    assert_accessible(axe, page, "flag pressed and focused")
    page.locator("#dp-exam-question").focus()
    assert_accessible(axe, page, "flag pressed")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Finish exam").click()
    assert_accessible(axe, page, "results")
    expect(page.locator(".dp-exam-result__flagged")).to_have_text("You flagged question 2.")
    items = page.locator(".dp-exam-review > li")
    first = items.first
    # Every option's text, the reader's choice and the right one in words, explanations, section link.
    expect(first.locator(".dp-choice")).not_to_have_count(0)
    assert first.locator(".dp-choice__text").count() == first.locator(".dp-answer__choices > li").count() >= 2
    expect(first.locator(".dp-choice__marks", has_text="Correct answer")).not_to_have_count(0)
    expect(first.locator(".dp-answer__review a")).to_have_count(1)
    page.get_by_role("button", name=re.compile(r"^Flagged \(1\)$")).click()
    expect(items).to_have_count(1)
    expect(items.first.locator("h4")).to_contain_text("Question 2: Not answered · flagged")
    assert_accessible(axe, page, "review flagged")
    page.get_by_role("button", name=re.compile(r"^All \(20\)$")).click()
    expect(items).to_have_count(20)
    expect(page.locator(".dp-choice--mine")).to_have_count(1)          # the one answer given
    expect(page.locator(".dp-choice--mine .dp-choice__marks")).to_contain_text("Your answer")
    assert_accessible(axe, page, "review all")
    assert page.evaluate("localStorage.getItem('dp100:exam')") is None  # finished: nothing to resume
    watch.assert_clean()


def test_practice_exam_says_when_time_ran_out(open_page, built_site):
    watch = open_page("study/practice-exam/")
    page = watch.page
    start_exam(page, seed="late", timer=True)
    # The exam in progress with two seconds left, as after a long pause.
    page.evaluate("""() => { const s = JSON.parse(localStorage.getItem('dp100:exam'));
        s.timeLeft = 2000; localStorage.setItem('dp100:exam', JSON.stringify(s)); }""")
    page.once("dialog", lambda dialog: dialog.accept())  # the warning before leaving
    page.reload()
    page.get_by_role("button", name="Resume the exam").click()
    expect(page.get_by_role("alert")).to_have_text("Time is up: the exam was submitted with the 0 answers you had given.",
                                                   timeout=10_000)
    expect(page.locator(".dp-exam-result h2")).to_have_text(re.compile(r"^Score: 0 of \d+ points \(0%\)$"))
    watch.assert_clean()


def miss_a_question(page):
    """Answer the first single-answer question of a chapter wrong: it joins the review queue."""
    question = page.locator(".dp-question").filter(has=page.locator("input[type=radio]")).first
    right = int(question.get_attribute("data-dp-correct"))
    question.locator("label").nth((right + 1) % question.locator("input").count()).click()
    question.locator(".dp-check").click()
    return right


def test_review_queue_marks_answers_keeps_focus_and_asks_missed_questions_again(open_page, axe):
    watch = open_page("workspace/compute-targets/")
    page = watch.page
    right = miss_a_question(page)
    page.goto(page.url.split("workspace/")[0] + "study/review/")
    expect(page.locator("#dp-review-question")).to_have_text("Question 1 of 1")
    assert_accessible(axe, page, "review question")
    wrong = (right + 1) % page.locator(".dp-review .dp-choice").count()
    page.locator(".dp-review .dp-choice label").nth(wrong).click()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".dp-review .dp-question__feedback")).to_have_text(
        "Not quite. It comes back before this session ends, and stays in box 1.")
    # Marked like the chapter quiz, locked, and focus where the button was.
    expect(page.locator(".dp-review .dp-choice--right")).to_have_count(1)
    expect(page.locator(".dp-review .dp-choice--wrong")).to_have_count(1)
    expect(page.locator(".dp-review .dp-choice input:disabled")).to_have_count(page.locator(".dp-review .dp-choice").count())
    expect(page.get_by_role("button", name="Next")).to_be_focused()
    assert_accessible(axe, page, "review feedback")
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#dp-review-question")).to_have_text("Question 2 of 2")   # asked again
    expect(page.locator(".dp-review .dp-exam__domain")).to_contain_text("Asked again")
    page.locator(".dp-review .dp-choice label").nth(right).click()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".dp-review .dp-question__feedback")).to_have_text(
        "Right this time. It stays in box 1 for your next session.")
    page.get_by_role("button", name="Finish the session").click()
    expect(page.locator("[data-dp-app=review] h2")).to_have_text("Review session complete")
    assert_accessible(axe, page, "review summary")
    items = page.evaluate("JSON.parse(localStorage.getItem('dp100:review'))")["items"]
    assert [entry["box"] for entry in items.values()] == [1]
    watch.assert_clean()


def test_flash_cards_one_at_a_time_feed_the_review_queue(open_page, axe):
    watch = open_page("study/flashcards/")
    page = watch.page
    assert_accessible(axe, page, "flash cards setup")
    expect(page.locator(".dp-flashcards-list")).not_to_have_attribute("open", "")  # the full list, one click away
    deck = page.locator("#dp-cards-deck")
    domain = deck.locator("optgroup[label='By exam domain'] option").first
    deck.select_option(domain.get_attribute("value"))
    size = int(re.search(r"\((\d+)\)$", domain.inner_text()).group(1))
    page.locator("input[name=shuffle]").uncheck()
    page.get_by_role("button", name="Study this deck").click()
    expect(page.locator("#dp-card-heading")).to_have_text(f"Card 1 of {size}")
    expect(page.locator(".dp-card-face__back")).to_be_hidden()
    assert_accessible(axe, page, "card front")
    first_term = page.locator(".dp-card-face__front").inner_text()
    page.get_by_role("button", name="Flip: show the definition").click()
    expect(page.locator(".dp-card-face__back")).to_be_visible()
    expect(page.get_by_role("button", name="Knew it")).to_be_focused()
    assert_accessible(axe, page, "card back")
    page.get_by_role("button", name="Didn't know it").click()
    expect(page.locator("#dp-card-heading")).to_have_text(f"Card 2 of {size}")
    page.get_by_role("button", name="Flip: show the definition").click()
    page.get_by_role("button", name="Knew it").click()
    queue = page.evaluate("JSON.parse(localStorage.getItem('dp100:review'))")["items"]
    assert [key for key in queue if key.startswith("term:")] and len(queue) == 1
    stats = page.evaluate("JSON.parse(localStorage.getItem('dp100:cards'))")["terms"]
    assert sorted((s["known"], s["missed"]) for s in stats.values()) == [(0, 1), (1, 0)]
    page.get_by_role("button", name="Change deck").click()
    expect(page.locator("#dp-cards-deck")).to_be_focused()
    # The missed card comes back in the review queue, as a card to flip and grade.
    page.goto(page.url.replace("study/flashcards/", "study/review/"))
    expect(page.locator("#dp-review-question")).to_have_text("Card 1 of 1")
    expect(page.locator(".dp-card-face__front")).to_have_text(first_term)
    page.get_by_role("button", name="Show the definition").click()
    assert_accessible(axe, page, "review card")
    page.get_by_role("button", name="Knew it").click()
    expect(page.locator(".dp-review .dp-question__feedback")).to_have_text("Correct. It comes back in box 2.")
    watch.assert_clean()


def test_flash_cards_without_javascript_list_every_card(open_page):
    watch = open_page("study/flashcards/", javascript=False)
    page = watch.page
    expect(page.locator(".dp-app__fallback")).to_contain_text("every card is listed below")
    expect(page.locator(".dp-flashcards-list")).to_have_attribute("open", "")
    expect(page.locator(".dp-flashcard__back").first).to_be_visible()


def test_progress_import_merges_newest_answer_and_adds_counts(open_page, built_site, tmp_path):
    bank = json.loads((built_site / "exports" / "questions.json").read_text())
    ids = [q["id"] for q in bank["questions"] if q["quiz"] == "compute-targets" and q["kind"] == "choice"][:2]
    now = int(time.time() * 1000)
    watch = open_page("study/progress/")
    page = watch.page
    page.evaluate("""([ids, now]) => {
        localStorage.setItem('dp100:quiz:compute-targets', JSON.stringify({ version: 1,
            answers: { [ids[0]]: { choices: [0], at: now - 5000 }, [ids[1]]: { choices: [0], at: now } } }));
        localStorage.setItem('dp100:cards', JSON.stringify({ version: 1, terms: { abfss: { known: 2, missed: 1, at: now } } }));
    }""", [ids, now])
    page.locator("#dp-progress-file").set_input_files(progress_file(tmp_path / "other.json", {
        "dp100:quiz:compute-targets": {"version": 1, "answers": {
            ids[0]: {"choices": [1], "at": now - 1000}, ids[1]: {"choices": [1], "at": now - 9000}}},
        "dp100:cards": {"version": 1, "terms": {"abfss": {"known": 1, "missed": 1, "at": now - 1}}},
    }))
    expect(page.get_by_role("status")).to_have_text("Imported 2 entries, merged with this browser's progress.")
    stored = {k: json.loads(v) for k, v in stored_progress(page).items()}
    answers = stored["dp100:quiz:compute-targets"]["answers"]
    assert answers[ids[0]]["choices"] == [1] and answers[ids[1]]["choices"] == [0]   # the newer answer of each
    assert stored["dp100:cards"]["terms"]["abfss"] == {"known": 3, "missed": 2, "at": now}
    expect(page.locator(".dp-progress__cards")).to_contain_text("Flash cards: 1 studied, known 3 times and missed 2 times")
    watch.assert_clean()


def test_a_chapter_page_loads_no_study_tool_code(open_page):
    watch = open_page("workspace/compute-targets/")
    page = watch.page
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name.split('/').pop())")
    assert "store.js" in loaded and "dp100.js" in loaded
    assert not {"study-ui.js", "study.css", "practice-exam.js", "review.js", "flashcards.js", "progress.js", "study.js"} & set(loaded)
    cards = open_page("study/flashcards/")
    cards.page.locator("#dp-cards-deck").wait_for()
    loaded = cards.page.evaluate("performance.getEntriesByType('resource').map((e) => e.name.split('/').pop())")
    assert {"study-ui.js", "study.css", "flashcards.js"} <= set(loaded)
    assert not {"practice-exam.js", "review.js", "progress.js"} & set(loaded)
    watch.assert_clean()
    cards.assert_clean()


def test_study_tools_load_one_after_another_in_one_document(open_page):
    """Instant navigation keeps the document: each tool's module loads beside the others."""
    watch = open_page("study/review/")
    page = watch.page
    expect(page.locator("[data-dp-app=review] h2")).to_have_text("Nothing is due")
    with watch.instant_navigation():
        page.locator("nav a[href$='study/flashcards/']").first.click()
        expect(page.locator("#dp-cards-deck")).to_be_visible()
        page.locator("nav a[href$='study/progress/']").first.click()
        expect(page.get_by_role("button", name="Export progress")).to_be_visible()
        page.locator("nav a[href$='study/practice-exam/']").first.click()
        expect(page.get_by_role("button", name="Start the exam")).to_be_visible()
    watch.assert_clean()
