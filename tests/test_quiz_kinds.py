"""Quiz items of every kind on a chapter page: rendered without MkDocs from
the kinds fixture, answerable without JavaScript, every text through safe
Markdown, ids unique, a build list never shown in its answer order."""

from __future__ import annotations

from collections import Counter

import pytest

from macros.errors import ContentError
from macros.quiz import display_order, render_quiz
from macros.rendering import RenderContext
from macros.safe_markdown import SafeMarkdown
from tests.conftest import edit_yaml
from tests.kinds_fixture import CASE_PAGE, load_kinds
from tests.test_renderers import Elements


def render(content, quiz_id="kinds", page="part/chapter.md") -> str:
    return render_quiz(RenderContext(content, page, SafeMarkdown()), quiz_id)


def question(tree: Elements, qid: str) -> dict:
    [found] = tree.all("li", id=f"dp-q-{qid}")
    return found


def test_each_kind_says_its_kind_answer_and_the_size_of_each_part(kinds_content):
    tree = Elements(render(kinds_content))
    shown = {q: question(tree, q) for q in ("fx-code", "fx-order", "fx-match", "fx-series")}
    assert {q: (li["data-dp-kind"], li["data-dp-correct"], li["data-dp-sizes"]) for q, li in shown.items()} == {
        "fx-code": ("code", "0,0", "3,2"),          # the right option of each gap; options per gap
        "fx-order": ("order", "0,1,2", "4,4,4"),    # step i at position i; steps and extra steps to pick from
        "fx-match": ("match", "0,1,0", "3,3,3"),    # the right target of each item; targets per item
        "fx-series": ("series", "1,0,0", "2,2,2"),  # Yes or No per solution
    }
    [section] = tree.all("section")
    assert section["data-dp-kinds"] == "code match order series"  # dp100.js loads quiz-kinds.js for these


def test_every_kind_is_answerable_with_native_controls(kinds_content):
    """Without JavaScript: a labelled drop-down per gap, item and position,
    Yes and No per solution; the check button only appears with the script."""
    html = render(kinds_content)
    tree = Elements(html)
    selects = tree.all("select")
    assert [s["id"] for s in selects] == [
        "dp-q-fx-code-gap-1", "dp-q-fx-code-gap-2",
        *[f"dp-q-fx-order-position-{n}" for n in (1, 2, 3)],
        *[f"dp-q-fx-match-item-{n}" for n in (1, 2, 3)],
    ]
    assert all(s["aria-label"] for s in selects)
    assert [s["aria-label"] for s in selects[:2]] == ["Gap 1 of 2", "Gap 2 of 2"]
    assert selects[5]["aria-label"] == "Target for item 1: Train on many nodes"
    radios = tree.all("input", type="radio")
    assert [(r["name"], r["value"]) for r in radios[:2]] == [("dp-q-fx-series-solution-1", "yes"), ("dp-q-fx-series-solution-1", "no")]
    assert len(radios) == 6 and len(tree.all("label")) == 6
    assert len(tree.all("fieldset")) == len(tree.all("legend")) == 3
    assert all("hidden" in b for b in tree.all("button"))
    # Every element id is unique on the page.
    ids = Counter(attrs["id"] for _, attrs in tree.found if "id" in attrs)
    assert [i for i, n in ids.items() if n > 1] == []


def test_the_answer_key_gives_every_part_its_verdict_and_why(kinds_content):
    html = render(kinds_content)
    assert "<strong>Answer: gap 1, A (command); gap 2, A (compute)</strong>" in html
    assert "<strong>B. Incorrect.</strong> <code>sweep</code>: <code>sweep()</code> tunes a command that already exists." in html
    assert "<strong>Answer: 1 A, 2 B, 3 A</strong>" in html
    assert "Write notebooks → Compute instance. An instance is a development VM." in html
    assert "<strong>Answer: 1 Yes, 2 No, 3 No</strong>" in html
    assert "<strong>Solution 2: No.</strong> Use a compute instance. One VM does not scale out." in html
    assert "<p>Not in the sequence:</p>" in html and "Register a datastore. Not needed to run a job." in html
    tree = Elements(html)
    assert len(tree.all("details")) == 4 and len(tree.all("p", **{"class": "dp-answer__review"})) == 4


def test_code_keeps_its_highlighting_and_lists_each_gaps_options_for_print(kinds_content):
    html = render(kinds_content)
    assert '<div class="language-python highlight dp-code-blanks no-copy"><pre><code>' in html
    assert '<span class="s2">&quot;./src&quot;</span>' in html  # highlighted like the chapter's own samples
    assert "[[" not in html and "DPGAP" not in html
    assert '<ul class="dp-gap-options"><li>[1] A. <code>command</code> · B. <code>sweep</code> · C. <code>Model</code></li>' in html


def test_a_build_list_is_never_shown_in_its_answer_order(kinds_content):
    for item_id in [f"item-{n}" for n in range(300)] + ["fx-order"]:
        for count in (3, 4, 6, 8):
            order = display_order(item_id, count)
            assert sorted(order) == list(range(count)) and order != list(range(count))
    assert display_order("fx-order", 4) == display_order("fx-order", 4)  # the same on every build
    # With extra steps too, the right steps never stand in their right order.
    for item_id in [f"item-{n}" for n in range(300)]:
        for steps, extra in ((3, 1), (4, 2), (5, 4)):
            order = display_order(item_id, steps, extra)
            assert sorted(order) == list(range(steps + extra))
            assert [index for index in order if index < steps] != list(range(steps))
    tree = Elements(render(kinds_content))
    shown = [li["data-dp-step"] for li in tree.all("li", **{"class": "dp-step"})]
    assert sorted(shown) == ["0", "1", "2", "3"] and shown != ["0", "1", "2", "3"]
    # The drop-downs of each position offer the steps as shown, valued by step index.
    [first] = [s for s in tree.all("select") if s["id"] == "dp-q-fx-order-position-1"]
    assert first["data-dp-part"] == "0"


def test_a_case_study_shows_its_scenario_then_its_questions_numbered_on(kinds_content):
    html = render(kinds_content, "case-studies", CASE_PAGE)
    tree = Elements(html)
    [case] = tree.all("li", **{"class": "dp-case"})
    assert case["id"] == "dp-case-fx-case"
    assert '<h3 class="dp-case__title">Case study: Contoso Research <span class="dp-case__range">(questions 1 to 3)</span></h3>' in html
    assert ["open" in d for d in tree.all("details", **{"class": "dp-case__scenario"})] == [True]  # open: at hand
    assert '<h4 class="dp-case__section">Requirements</h4>' in html
    assert "<p>Contoso trains image models on a <strong>compute cluster</strong>.</p>" in html
    numbers = [n for n in ("Question 1.", "Question 2.", "Question 3.") if n in html]
    assert len(numbers) == 3 and "· 3 questions" in html
    # Each question links back to its scenario.
    assert html.count('<a href="#dp-case-fx-case">Contoso Research, the scenario</a>') == 3


def test_ids_stay_unique_on_the_print_page_which_holds_every_quiz(kinds_content):
    html = "".join(render(kinds_content, quiz_id, page) for quiz_id, page in
                   (("chapter", "part/chapter.md"), ("kinds", "part/chapter.md"), ("case-studies", CASE_PAGE)))
    ids = Counter(attrs["id"] for _, attrs in Elements(html).found if "id" in attrs)
    assert [i for i, n in ids.items() if n > 1] == []


def test_option_text_in_a_drop_down_is_plain_text(kinds_root, tmp_path):
    """An <option> holds text only: Markdown is rendered, then its tags dropped and the text escaped."""
    import shutil

    root = shutil.copytree(kinds_root, tmp_path / "content")
    edit_yaml(root, "data/quizzes/kinds.yml",
              lambda d: d["questions"][0]["blanks"][1]["options"][1].update(text="`a<b` & **bold** <script>x()</script>"))
    html = render(load_kinds(root))
    assert '<option value="1">a&lt;b &amp; bold &lt;script&gt;x()&lt;/script&gt;</option>' in html
    assert "<script>" not in html


def test_a_broken_link_in_a_new_field_names_file_entry_and_field(kinds_root, tmp_path):
    import shutil

    root = shutil.copytree(kinds_root, tmp_path / "content")
    content = load_kinds(root)
    step = content.quizzes["kinds"].questions[1].steps[2]
    object.__setattr__(step, "explanation", "See [gone](part/chapter.md#nowhere).")  # past the load-time check
    with pytest.raises(ContentError) as caught:
        render(content)
    error = caught.value
    assert (error.file, error.entry, error.field) == ("data/quizzes/kinds.yml", "question 'fx-order'", "steps[2].explanation")


def test_the_kinds_styles_load_only_where_a_quiz_has_them(kinds_content):
    """quiz-kinds.css, linked by the quiz: without JavaScript and on paper too,
    and no extra bytes on a page whose quiz has choice questions only."""
    assert render(kinds_content).startswith('<link rel="stylesheet" href="../../assets/dp100/quiz-kinds.css">\n<section')
    assert render(kinds_content, "case-studies", CASE_PAGE).startswith('<link rel="stylesheet" href="../../assets/dp100/quiz-kinds.css">')
    assert render(kinds_content, "chapter").startswith("<section")


def test_the_print_page_links_the_kinds_styles_once_relative_to_itself():
    from macros.hooks import one_kinds_stylesheet

    quiz = '<link rel="stylesheet" href="../../assets/dp100/quiz-kinds.css">\n<section class="dp-quiz"></section>'
    page = f"<html><head><title>Guide</title></head><body>{quiz}{quiz}</body></html>"
    assert one_kinds_stylesheet(page) == ('<html><head><title>Guide</title><link rel="stylesheet" href="../assets/dp100/quiz-kinds.css">\n'
                                          '</head><body><section class="dp-quiz"></section><section class="dp-quiz"></section></body></html>')
    assert one_kinds_stylesheet("<head></head><section></section>") == "<head></head><section></section>"
