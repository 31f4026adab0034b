"""Reading the guide on a phone (360 px), on a desktop and on paper: tables,
inline code, the home page's study tools, the keyboard path to a chapter's
quiz, the printed quiz and its answer key, and search."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from macros.content import flatten_nav
from tests.conftest import violations
from tests.test_browser_pages import url_of
from tests.test_site_build import NAV, NAV_PAGES

PHONE, DESKTOP = 360, 1280
SCHEMES = ["light", "dark"]
# A chapter with comparison tables, Markdown tables and long inline code.
TABLES_PAGE = "experiment/automl-vision-nlp/"
CHAPTER = "workspace/compute-targets/"
# Before the skip link: 250 Tab presses from the top of this chapter to its
# first answer on a desktop, 257 on a phone.
MOST_TAB_PRESSES = 10

# Where the text of inline code wraps between two word characters: inside a
# name ("sampli" | "ng_algorithm"). Code wraps only at a <wbr> the build put
# between its parts (so between two text nodes), or at a space or hyphen.
NAMES_CUT_AT_LINE_ENDS = """() => {
  const cut = [];
  for (const code of document.querySelectorAll('article code')) {
    if (code.closest('pre')) continue;
    for (const text of code.childNodes) {
      if (text.nodeType !== Node.TEXT_NODE) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      if (new Set([...range.getClientRects()].map((rect) => rect.top)).size < 2) continue;  // on one line
      let top = null;
      for (let i = 0; i < text.length; i++) {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const box = [...range.getClientRects()].find((rect) => rect.width > 0);
        if (!box) continue;
        if (top !== null && box.top > top + 2 && /\\w/.test(text.data[i - 1]) && /\\w/.test(text.data[i])) {
          cut.push(text.data.slice(0, i) + ' | ' + text.data.slice(i));
        }
        top = box.top;
      }
    }
  }
  return cut;
}"""


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("path", [url_of(src) for src in NAV_PAGES] + ["print_page/"])
def test_every_page_fits_a_phone_and_keeps_names_whole(open_page, path):
    watch = open_page(path, width=PHONE)
    page = watch.page
    assert page_width(page) <= PHONE, "the page scrolls sideways on a phone"
    assert not page.evaluate(NAMES_CUT_AT_LINE_ENDS)
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    assert not page.evaluate(NAMES_CUT_AT_LINE_ENDS)
    watch.assert_clean()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_tables_stack_on_a_phone_and_stay_tables_on_a_desktop(open_page, axe, width, scheme):
    watch = open_page(TABLES_PAGE, width=width, color_scheme=scheme)
    page = watch.page
    tables = page.locator("table.dp-table, .md-typeset__table > table")
    assert page.locator("table.dp-table").count() >= 1 and page.locator(".md-typeset__table > table").count() >= 1
    for i in range(tables.count()):
        table = tables.nth(i)
        shown = table.evaluate("""(table) => ({
            rows: getComputedStyle(table.querySelector('tbody tr')).display,
            labels: [...table.querySelectorAll('tbody td[data-label]')].map(
                (td) => [td.dataset.label, getComputedStyle(td, '::before').content]),
        })""")
        assert shown["labels"], "every body cell but the first carries its column's label"
        if width == PHONE:
            assert shown["rows"] == "block"  # a card per row
            # Each cell shows its column's label; screen readers get it from the header.
            assert all(content == f'"{label}" / ""' for label, content in shown["labels"])
        else:
            assert shown["rows"] == "table-row"
    assert page_width(page) <= width
    assert not violations(axe, page), violations(axe, page)
    watch.assert_clean()


STUDY_TOOLS = flatten_nav(next(section["Study tools"] for section in NAV if "Study tools" in section))


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_home_page_starts_with_the_study_tools_and_the_exam_status(open_page, axe, site_url, width, scheme):
    watch = open_page("", width=width, color_scheme=scheme)
    page = watch.page
    tools = page.locator("article .dp-tools")
    hrefs = tools.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
    assert hrefs == [site_url + url_of(src) for src in STUDY_TOOLS] + [site_url + "print_page/"]
    # Where a reader starts: in the first screen, without opening the drawer.
    first = tools.locator("li").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < 800
    assert page.locator("#__drawer").is_checked() is False
    # Each card is one link, and the whole card takes the tap.
    box = first.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)
    page.wait_for_url(f"**/{url_of(STUDY_TOOLS[0])}")
    page.go_back()
    status = page.locator("article .admonition.warning").first
    expect(status).to_contain_text("Checked 30 November 2026")
    official = "https://learn.microsoft.com/en-us/credentials/certifications/azure-data-scientist/"
    assert status.locator(f"a[href='{official}']").count() == 1
    stands = page.locator("#where-the-exam-stands ~ ul").nth(1)  # the second list: where sources disagree
    expect(stands).to_contain_text("successor")
    assert not violations(axe, page), violations(axe, page)
    watch.assert_clean()


def tab_until(page, matches: str, most: int) -> int:
    """Tab presses until the focused element matches the CSS selector ``matches``."""
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", matches):
            return presses
    raise AssertionError(f"no {matches} within {most} Tab presses")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_skip_link_takes_the_keyboard_from_the_top_of_a_chapter_to_its_quiz(open_page, axe, width, scheme):
    watch = open_page(CHAPTER, width=width, color_scheme=scheme)
    page = watch.page
    skip = page.locator("a.dp-skip")
    expect(skip).to_have_attribute("href", re.compile(r"#dp-quiz-compute-targets$"))
    to_skip = tab_until(page, "a.dp-skip", MOST_TAB_PRESSES)
    expect(skip).to_have_css("opacity", "1")
    expect(skip).to_be_in_viewport()
    assert not violations(axe, page), violations(axe, page)  # with the link showing
    # Material's instant navigation renders the page again after the first
    # jump within it (the quiz is replaced), then jumps to the quiz once more;
    # a reader's next Tab comes after that.
    page.evaluate("document.querySelector('.dp-quiz').dataset.beforeJump = 'yes'")
    page.keyboard.press("Enter")
    try:
        page.wait_for_function("!document.querySelector('.dp-quiz').dataset.beforeJump", timeout=5_000)
    except PlaywrightTimeoutError:
        pass  # not rendered again: nothing to wait for
    expect(page.locator(".dp-quiz")).to_be_in_viewport()
    to_answer = tab_until(page, ".dp-quiz input", MOST_TAB_PRESSES)
    assert page.evaluate("document.activeElement.closest('.dp-question') === document.querySelector('.dp-question')")
    assert page.evaluate("document.activeElement.value") == "0"  # the first answer of the first question
    assert to_skip + to_answer <= MOST_TAB_PRESSES
    # The glossary terms the link skips keep their tooltips for keyboard
    # users: each term is a tab stop once, where the page first uses it.
    terms = page.locator("article abbr").evaluate_all("(terms) => terms.map((t) => [t.textContent, t.tabIndex])")
    assert len(terms) >= 10
    assert len({name for name, _ in terms}) == len(terms) and all(index == 0 for _, index in terms)
    watch.assert_clean()


def test_skip_link_follows_instant_navigation(open_page):
    watch = open_page("")
    page = watch.page
    assert page.locator("a.dp-skip").count() == 0  # the home page has no quiz
    with watch.instant_navigation():
        page.locator(f"article a[href$='{CHAPTER}']").first.click()
        page.wait_for_url(f"**/{CHAPTER}")
        expect(page.locator("a.dp-skip")).to_have_attribute("href", re.compile(r"#dp-quiz-compute-targets$"))
        page.locator("a[href$='glossary/']").first.click()
        page.wait_for_url("**/glossary/")
        expect(page.locator("h1")).to_contain_text("Glossary")
        expect(page.locator("a.dp-skip")).to_have_count(0)
    watch.assert_clean()


# A4 less Chromium's default margins of 1 cm, in CSS pixels.
PRINTED_WIDTH = 718


def test_a_printed_quiz_is_compact_with_its_answer_key_after_the_questions(open_page):
    watch = open_page(CHAPTER, width=PRINTED_WIDTH)
    page = watch.page
    page.emulate_media(media="print")
    quiz = page.locator(".dp-quiz")
    questions = quiz.locator(".dp-question")
    count = questions.count()
    expect(quiz.locator("input").first).to_be_hidden()  # no radio circles
    expect(quiz.locator("summary").first).to_be_hidden()
    assert "show the answer" not in quiz.inner_text()
    assert quiz.locator(".dp-check:visible, .dp-reset:visible").count() == 0
    # The last question may be of any kind: its prompt, and its options or steps, come before the key.
    last = questions.nth(count - 1).locator(".dp-question__prompt, .dp-choice, .dp-step, .dp-pair, .dp-solution, .dp-code-blanks").last.bounding_box()
    keys = quiz.locator(".dp-answer__key")
    tops = [keys.nth(i).bounding_box()["y"] for i in range(count)]
    assert tops[0] > last["y"] + last["height"], "the answer key follows the last question"
    assert tops == sorted(tops)
    # Each key names its question: a counter over the keys, in question order.
    labels = keys.evaluate_all("(keys) => keys.map((key) => getComputedStyle(key, '::before').content)")
    assert labels == ['"Question " counter(dp-key) ". "'] * count
    heading = quiz.locator(".dp-quiz__questions").evaluate("(list) => getComputedStyle(list, '::before').content")
    assert heading == '"Answer key"'
    # Tables keep their columns, code its lines, and nothing is wider than the paper.
    assert page.locator("table.dp-table").first.evaluate("(t) => getComputedStyle(t).display") == "table"
    assert page.locator(".highlight pre > code").first.evaluate("(c) => getComputedStyle(c).overflowX") == "visible"
    assert page_width(page) <= PRINTED_WIDTH
    watch.assert_clean()


def test_the_whole_guide_prints_without_controls_or_scrolling_boxes(open_page):
    watch = open_page("print_page/", width=PRINTED_WIDTH)
    page = watch.page
    page.emulate_media(media="print")
    assert page.locator(".dp-quiz").count() >= 30
    assert page.locator("article :is(input, summary, button):visible").count() == 0
    assert page_width(page) <= PRINTED_WIDTH, "a table or a code block wider than the page shrinks every page"
    watch.assert_clean()


def search_results(page, query: str):
    """The search results for ``query``, all of them: Material renders more
    as the list scrolls."""
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill(query)
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="visible", timeout=15_000)
    shown = -1
    while shown != (shown := items.count()):
        page.locator(".md-search__scrollwrap").evaluate("(list) => list.scrollTop = list.scrollHeight")
        page.wait_for_timeout(300)
    return page.locator(".md-search-result__link")


def test_search_finds_a_segment_of_an_azureml_path(open_page, site_url):
    """The Pipelines page names the registry only inside
    azureml://registries/azureml/environments/<name>/versions/<n>."""
    watch = open_page("")
    page = watch.page
    hrefs = search_results(page, "registries").evaluate_all("(links) => links.map((a) => a.href.replace(/[?#].*/, ''))")
    assert site_url + "train/pipelines/" in hrefs
    watch.assert_clean()


def test_search_shows_a_glossary_entry_with_its_other_names_apart(open_page):
    watch = open_page("")
    page = watch.page
    entry = search_results(page, "bandit policy").and_(page.locator("[href*='glossary/'][href$='#bandit-policy']"))
    expect(entry).to_contain_text("Also called bandit policy, BanditPolicy")
    watch.assert_clean()
