"""The study tools in a real browser: practice exam, review queue, progress, print."""

from __future__ import annotations

import json
import re
import time

from playwright.sync_api import expect

from tests.conftest import violations


def start_exam(page, size="20", seed="team-7", timer=False):
    page.locator(f"input[name=size][value='{size}']").check()
    page.locator("#dp-exam-seed").fill(seed)
    if timer:
        page.locator("input[name=timer]").check()
    page.get_by_role("button", name="Start the exam").click()


def exam_ids(page, count):
    """Question prompts in order, walking the exam with Next."""
    prompts = []
    for i in range(count):
        prompts.append(page.locator(".dp-question__prompt").inner_text())
        if i < count - 1:
            page.get_by_role("button", name="Next").click()
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


def test_practice_exam_flags_scores_by_domain_and_feeds_the_review_queue(open_page, axe):
    watch = open_page("study/practice-exam/")
    page = watch.page
    start_exam(page, timer=True)
    assert not violations(axe, page), violations(axe, page)
    expect(page.locator(".dp-exam__clock")).to_contain_text("Time left: 39:")
    page.get_by_role("button", name="Flag for review").click()
    expect(page.get_by_role("button", name="Unflag")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".dp-exam__jump").first).to_have_attribute("aria-label", "Question 1, flagged")
    page.locator(".dp-choice label").first.click()      # answer question 1, leave the rest
    page.once("dialog", lambda dialog: dialog.accept())  # "19 unanswered and 1 flagged. Finish anyway?"
    page.get_by_role("button", name="Finish exam").click()
    expect(page.locator(".dp-exam-result h2")).to_contain_text("Score:")
    rows = page.locator(".dp-exam-result tbody tr")
    assert rows.count() == 4
    assert sum(int(rows.nth(i).locator("td").nth(1).inner_text()) for i in range(4)) == 20  # weighted draw
    wrong = page.locator(".dp-exam-wrong > li")
    assert wrong.count() >= 19
    assert wrong.first.locator(".dp-answer__review a").get_attribute("href").startswith("http://127.0.0.1")
    queue = page.evaluate("JSON.parse(localStorage.getItem('dp100:review'))")
    assert len(queue["items"]) == wrong.count()
    assert not violations(axe, page), violations(axe, page)
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
    expect(page.locator("#dp-review-question")).to_have_text("Question 1 of 1 due")
    assert not violations(axe, page), violations(axe, page)
    page.locator(".dp-review .dp-choice label").nth(right).click()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".dp-review .dp-question__feedback")).to_have_text("Correct. It comes back in box 2.")
    entry = page.evaluate("JSON.parse(localStorage.getItem('dp100:review'))")["items"][qid]
    assert entry["box"] == 2 and entry["due"] > page.evaluate("Date.now()") + 23 * 3600 * 1000
    page.get_by_role("button", name="Next question").click()
    expect(page.locator("[data-dp-app=review] h2")).to_have_text("Review session complete")
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
    assert not violations(axe, page), violations(axe, page)
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
        'Imported 3 entries. Left out: "dp100:review": 2 items that do not fit; "dp100:quiz:compute-targets": '
        '1 item that does not fit; "dp100:visits": 1 item that does not fit; "dp100:anything" is not an entry this guide keeps.')
    row = page.locator("tr", has=page.get_by_role("link", name="Work with compute targets"))
    expect(row.locator("td")).to_have_text(["–", "never", "1"])
    assert not violations(axe, page), violations(axe, page)
    assert json.loads(stored_progress(page)["dp100:review"])["items"] == {known: {"box": 1, "due": now}}
    page.goto(page.url.replace("study/progress/", "study/review/"))
    expect(page.locator("#dp-review-question")).to_have_text("Question 1 of 1 due")
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
    assert not violations(axe, page), violations(axe, page)
    big = tmp_path / "big.json"
    big.write_text(" " * (1024 * 1024 + 1))
    page.locator("#dp-progress-file").set_input_files(str(big))
    expect(page.get_by_role("status")).to_have_text("Import failed: This file is larger than a progress file can be (1 MB).")
    watch.assert_clean()


def test_study_pages_without_javascript_say_so(open_page):
    watch = open_page("study/practice-exam/", javascript=False)
    expect(watch.page.locator(".dp-app__fallback")).to_contain_text("needs JavaScript")


def test_print_page_shows_answers(open_page):
    watch = open_page("print_page/")
    page = watch.page
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    answer = page.locator(".dp-answer__key").first
    expect(answer).to_be_visible()
    expect(page.locator(".dp-check").first).to_be_hidden()
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
