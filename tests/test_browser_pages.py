"""Every page in a real browser: offline, error-free, accessible in both schemes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import violations
from tests.test_site_build import NAV_PAGES


def url_of(src: str) -> str:
    stem = src[: -len(".md")]
    return "" if stem == "index" else f"{stem}/"


# Besides the nav's pages: the whole guide on one page, and the page for a missing address.
EXTRA_PAGES = ["print_page/", "404.html"]


@pytest.mark.parametrize("path", [url_of(src) for src in NAV_PAGES] + EXTRA_PAGES)
def test_page_is_offline_clean_and_accessible(open_page, axe, path):
    watch = open_page(path)
    watch.page.wait_for_load_state("networkidle")
    assert not violations(axe, watch.page), violations(axe, watch.page)
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_schemes_pass_contrast_with_quiz_feedback(open_page, axe, scheme):
    watch = open_page("workspace/compute-targets/", color_scheme=scheme)
    page = watch.page
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    # The page is painted in the scheme: a dark background for dark, a light one for light.
    red, green, blue = map(int, re.findall(r"\d+", page.evaluate("getComputedStyle(document.body).backgroundColor"))[:3])
    assert ((red + green + blue) / 3 < 128) == (scheme == "dark")
    # Show right and wrong feedback, so their colours are checked too.
    questions = page.locator(".dp-question").filter(has=page.locator("input[type=radio]"))
    for i, pick_right in ((0, True), (1, False)):
        q = questions.nth(i)
        right = int(q.get_attribute("data-dp-correct").split(",")[0])
        q.locator("label").nth(right if pick_right else (right + 1) % q.locator("input").count()).click()
        q.locator(".dp-check").click()
    expect(page.locator(".dp-question--right .dp-choice--right")).to_have_count(1)
    expect(page.locator(".dp-question--wrong .dp-choice--wrong")).to_have_count(1)
    assert not violations(axe, page), violations(axe, page)
    watch.assert_clean()


def test_glossary_tooltip_on_hover_and_focus(open_page):
    watch = open_page("workspace/compute-targets/")
    page = watch.page
    terms = page.locator("article abbr")
    definition = terms.first.get_attribute("title")

    def tooltip_of(term):
        # Material links a term to its tooltip once the tooltip is shown.
        expect(term).to_have_attribute("aria-describedby", re.compile(r"^__tooltip"))
        return page.locator("#" + term.get_attribute("aria-describedby"))

    terms.first.focus()                # keyboard first: no mouse has moved yet
    tooltip = tooltip_of(terms.first)
    expect(tooltip).to_be_visible()
    assert tooltip.inner_text().strip() == definition.strip()
    other = terms.nth(1)
    other.hover()
    expect(tooltip_of(other)).to_be_visible()
    watch.assert_clean()


def test_glossary_anchors_and_backlinks_resolve(open_page, site_url):
    watch = open_page("glossary/#workspaceblobstore")
    page = watch.page
    assert page.locator("#workspaceblobstore").is_visible()
    entry = page.locator("[data-dp-term=workspaceblobstore]")
    links = entry.locator("dt:text('Appears in') + dd a")
    assert links.count() >= 1
    for i in range(links.count()):
        href = links.nth(i).evaluate("a => a.href")
        assert href.startswith(site_url)
        response = page.request.get(href)
        assert response.ok, href
    watch.assert_clean()


def assert_search_finds(page, term: str) -> None:
    """Waits for the search results (the index may still be loading) and checks ``term`` is in them."""
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    assert term in page.locator(".md-search-result").inner_text().lower()


def test_search_finds_a_chapter_term_offline(open_page):
    watch = open_page("")
    page = watch.page
    index_requests: list[str] = []
    page.on("request", lambda r: "search_index" in r.url and index_requests.append(r.url))
    page.wait_for_load_state("networkidle")
    assert not index_requests, "the search index loads only once the reader opens search"
    page.keyboard.press("s")
    page.locator(".md-search__input").fill("workspaceblobstore")
    assert_search_finds(page, "workspaceblobstore")
    assert len(index_requests) == 1
    watch.assert_clean()


@pytest.mark.parametrize("how", ["click", "link", "after instant navigation"])
def test_search_opened_by_click_or_shared_link_loads_the_index(open_page, how):
    watch = open_page("?q=workspaceblobstore" if how == "link" else "")
    page = watch.page
    if how == "after instant navigation":
        # The index request held on the first page must still go out here.
        page.wait_for_load_state("networkidle")
        with watch.instant_navigation():
            page.locator(".md-content a[href$='compute-targets/']").first.click()
            page.wait_for_url("**/workspace/compute-targets/")
    if how != "link":
        page.locator(".md-search__input").click()
        page.keyboard.type("workspaceblobstore")
    assert_search_finds(page, "workspaceblobstore")
    watch.assert_clean()
