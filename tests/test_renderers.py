"""Renderers are pure functions: fixture data in, HTML or Markdown out."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from mkdocs.exceptions import PluginError

from macros.content import load_content
from macros.diagrams import render_diagram
from macros.errors import ContentError
from macros.glossary import FirstUseTooltips, abbreviation_definitions, occurs_as_word, render_glossary_cards, render_glossary_index
from macros.hooks import without_tooltips
from macros.html_blocks import HtmlBlocks
from macros.inline_code import InlineCodeBreaks, break_points
from macros.quiz import quiz_anchor, render_quiz
from macros.site_index import SiteIndex, PageInfo
from macros.rendering import RenderContext
from macros.safe_markdown import SafeMarkdown
from macros.study import render_study_tools
from macros.tables import MarkdownTableLabels, render_comparison_index, render_comparison_table
from tests.conftest import FIXTURE_NAV


class Elements(HTMLParser):
    """Collects (tag, attributes) pairs and checks that tags balance."""

    VOID = {"input", "br", "img", "hr", "meta", "link", "wbr"}

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.feed(html)
        assert not self.stack, f"unclosed tags: {self.stack}"

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def all(self, tag, **attrs):
        return [a for t, a in self.found if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def test_glossary_card_has_every_part(make_ctx):
    html = render_glossary_cards(make_ctx(), ("compute-cluster",))
    tree = Elements(html)
    links = [a["href"] for a in tree.all("a")]
    assert "../../glossary/#compute-cluster" in links          # title -> glossary entry
    assert "#compute-clusters" in links                         # taught in (same page)
    assert "../../glossary/#compute-instance" in links          # related term
    assert "../../" in links                                    # appears in: home page mentions it
    assert "A pool of virtual machines" in html and "<strong>training jobs</strong>" in html
    assert "<dt>Also called</dt>\n<dd>AmlCompute</dd>" in html  # apart, for search: not "Also calledAmlCompute"


def test_glossary_cards_need_known_terms(make_ctx):
    with pytest.raises(ContentError) as caught:
        render_glossary_cards(make_ctx(), ("compute-clustr",))
    assert str(caught.value) == (
        """docs/part/chapter.md: glossary_cards("compute-clustr"): field 'id': unknown glossary term 'compute-clustr' """
        """(did you mean 'compute-cluster' or 'compute-instance'?); 2 are defined"""
    )


def test_glossary_index_is_a_to_z_with_anchors(make_ctx):
    markdown = render_glossary_index(make_ctx("glossary.md"))
    assert "## C {#glossary-c}" in markdown
    assert markdown.index("### Compute cluster {#compute-cluster}") < markdown.index("### Compute instance {#compute-instance}")
    assert 'href="#glossary-c"' in markdown


def test_abbreviations_cover_terms_and_aliases_used_on_the_page(fixture_content):
    text = abbreviation_definitions(fixture_content.terms, "A Compute cluster, also AmlCompute, but no other term.")
    assert "*[Compute cluster]: A pool of virtual machines" in text
    assert "*[AmlCompute]: A pool of virtual machines" in text
    assert "Compute instance" not in text
    assert abbreviation_definitions(fixture_content.terms, "Nothing defined here; compute clusters (lowercase).") == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("MLflow", True),
    ("Use MLflow.", True),
    ("(MLflow)", True),
    ("MLflowClient and mlflow", False),  # inside a longer word; case matters
    ("_MLflow", False),
    ("MLflowClient, then MLflow", True),  # a later whole-word use still counts
    ("éMLflow", False),  # word characters are Unicode, as in the abbr extension's regex
])
def test_a_term_is_used_only_as_a_whole_word(text, expected):
    assert occurs_as_word("MLflow", text) is expected


def test_comparison_table_is_accessible(make_ctx):
    html = render_comparison_table(make_ctx(), "compute-types")
    tree = Elements(html)
    assert len(tree.all("caption")) == 1 and "<caption>Compute types</caption>" in html
    assert len(tree.all("th", scope="col")) == 2
    assert len(tree.all("th", scope="row")) == 2
    assert "<code>pip install</code>" in html
    # Stacked on a phone, each cell shows its column's label.
    assert [td["data-label"] for td in tree.all("td")] == ["Use it for", "Use it for"]
    assert tree.all("a")[0]["href"] == "../../comparisons/#compute-types"


def test_comparison_index_lists_tables_with_headings(make_ctx):
    markdown = render_comparison_index(make_ctx("comparisons.md"))
    assert markdown.startswith("## Compute types {#compute-types}")
    assert 'href="../part/chapter/#compare"' in markdown


def test_unknown_table_quiz_and_diagram_fail_with_page_and_id(make_ctx):
    for render, name in ((render_comparison_table, "comparison_table"), (render_quiz, "quiz"), (render_diagram, "diagram")):
        with pytest.raises(ContentError) as caught:
            render(make_ctx(), "nope")
        message = str(caught.value)
        assert "docs/part/chapter.md" in message and f'{name}("nope")' in message and "field 'id'" in message


def test_quiz_single_and_multiple_answers(make_ctx):
    html = render_quiz(make_ctx(), "chapter")
    tree = Elements(html)
    single = tree.all("input", name="dp-q-fx-cluster")
    multi = tree.all("input", name="dp-q-fx-multi")
    assert {i["type"] for i in single} == {"radio"} and len(single) == 2
    assert {i["type"] for i in multi} == {"checkbox"} and len(multi) == 3
    assert tree.all("li", id="dp-q-fx-cluster")[0]["data-dp-correct"] == "1"
    assert tree.all("li", id="dp-q-fx-multi")[0]["data-dp-correct"] == "0,1"
    assert "Choose 2 answers." in html and "Choose one answer." in html


def test_quiz_works_without_javascript(make_ctx):
    html = render_quiz(make_ctx(), "chapter")
    tree = Elements(html)
    # Buttons only appear when the script runs; answers sit in <details>.
    assert all("hidden" in b for b in tree.all("button"))
    assert len(tree.all("details")) == 2
    assert "<strong>Answer: B</strong>" in html and "<strong>Answer: A, B</strong>" in html
    assert "One VM only." in html and "Clusters scale out." in html


def test_quiz_accessibility_hooks(make_ctx):
    ctx = make_ctx()
    tree = Elements(render_quiz(ctx, "chapter"))
    # A named region, its name unique to the page: the print page holds every quiz.
    [region] = tree.all("section")
    page_title = ctx.content.site.section_title(ctx.page_src)
    assert region["aria-label"].endswith(": " + page_title)
    groups = tree.all("div", role="group")
    assert len(groups) == 2
    for group in groups:
        assert tree.all("div", id=group["aria-labelledby"])
    assert len(tree.all("p", role="status")) == 3  # score + one per question
    assert all(p["aria-live"] == "polite" for p in tree.all("p", role="status"))
    assert len(tree.all("label")) == len(tree.all("input")) == 5


def test_quiz_links_to_teaching_section(make_ctx):
    html = render_quiz(make_ctx("index.md"), "chapter")
    assert 'href="part/chapter/#compute-clusters"' in html
    assert "Compute fixture › Compute clusters" in html


def test_diagram_has_text_alternative(make_ctx):
    html = render_diagram(make_ctx(), "lifecycle")
    tree = Elements(html)
    assert len(tree.all("li", **{"class": "dp-diagram__stage"})) == 3
    assert "<figcaption><strong>Model lifecycle.</strong> Train, then deploy" in html
    assert "back to “Train”" in html


@pytest.mark.parametrize(
    "from_src, link, expected",
    [
        ("part/chapter.md", "glossary.md#x", "../../glossary/#x"),
        ("part/chapter.md", "index.md", "../../"),
        ("index.md", "part/chapter.md#a", "part/chapter/#a"),
        ("glossary.md", "glossary.md", "./"),
        ("glossary.md", "glossary.md#y", "#y"),
        ("part/chapter.md", "part/other.md", "../other/"),
        ("part/index.md", "part/other.md", "other/"),
    ],
)
def test_relative_hrefs_with_directory_urls(from_src, link, expected):
    pages = {src: PageInfo(src=src, title=src) for src in ("index.md", "glossary.md", "part/chapter.md", "part/other.md", "part/index.md")}
    assert SiteIndex(pages).href(from_src, link) == expected


def test_relative_hrefs_with_file_urls():
    pages = {src: PageInfo(src=src, title=src) for src in ("index.md", "glossary.md", "part/chapter.md")}
    index = SiteIndex(pages, use_directory_urls=False)
    assert index.href("part/chapter.md", "glossary.md#x") == "../glossary.html#x"
    assert index.href("index.md", "part/chapter.md") == "part/chapter.html"


def test_heading_ids_match_toc(fixture_content):
    anchors = fixture_content.site.pages["part/chapter.md"].anchors
    assert anchors == {"compute-fixture": "Compute fixture", "compute-clusters": "Compute clusters", "compare": "Compare", "quiz": "Quiz"}


def test_backlinks_follow_nav_order(fixture_content):
    assert fixture_content.appears_in["compute-cluster"] == ["index.md", "part/chapter.md"]
    # A page that shows a term's card counts, even if its prose never names it.
    assert not re.search("Compute instance", fixture_content.site.pages["part/chapter.md"].prose)
    assert fixture_content.appears_in["compute-instance"] == ["part/chapter.md"]


def test_diagram_loops_back_to_a_named_stage(fixture_copy, make_ctx):
    from tests.conftest import edit_yaml, load_fixture

    edit_yaml(fixture_copy, "data/diagrams/lifecycle.yml", lambda d: d.update(loop_to="Deploy"))
    html = render_diagram(make_ctx(content=load_fixture(fixture_copy)), "lifecycle")
    assert "back to “Deploy”" in html


def test_block_macros_reach_the_page_verbatim_even_inside_admonitions():
    blocks = HtmlBlocks()
    md = markdown.Markdown(extensions=["admonition", blocks.extension()])
    quiz = blocks.hold('<div class="dp-x">\n\n*not Markdown*\n\n</div>', "part/chapter.md", "quiz")
    nested = blocks.hold("<figure>fig</figure>", "part/chapter.md", "diagram")
    html = md.convert(f"Intro.\n\n{quiz}\n\n!!! note\n\n    {nested}\n")
    assert '<div class="dp-x">\n\n*not Markdown*\n\n</div>' in html
    assert '<div class="admonition note">' in html and "<figure>fig</figure>" in html
    assert blocks.hold("", "part/chapter.md", "exam_skills") == ""  # nothing to show, no token


def test_a_block_macro_within_a_sentence_is_an_error():
    blocks = HtmlBlocks()
    md = markdown.Markdown(extensions=[blocks.extension()])
    token = blocks.hold("<div>x</div>", "part/chapter.md", "quiz")
    with pytest.raises(PluginError) as caught:
        md.convert(f"Take the {token} now.")
    assert "docs/part/chapter.md" in str(caught.value) and "quiz(...)" in str(caught.value)


def test_a_block_changed_on_its_way_to_the_page_is_an_error():
    """`{{ comparison_table("x") | upper }}` turns the token into text that
    matches nothing: the table would be lost and the token shown."""
    blocks = HtmlBlocks()
    md = markdown.Markdown(extensions=[blocks.extension()])
    token = blocks.hold("<table><tr><td>x</td></tr></table>", "part/chapter.md", "comparison_table")
    with pytest.raises(PluginError) as caught:
        md.convert(f"Intro.\n\n{token.upper()}\n")
    assert str(caught.value) == (
        "Content error: docs/part/chapter.md: {{ comparison_table(...) }}: field '(placement)': its block never reached "
        "the page: something changed or hid the macro's output; call the macro alone on its line, with no filter"
    )
    assert md.convert("The next page converts cleanly.") == "<p>The next page converts cleanly.</p>"


def test_each_term_gets_its_tooltip_where_first_used():
    md = markdown.Markdown(extensions=["abbr", FirstUseTooltips()])
    html = md.convert("*MLflow* logs, and **MLflow** tracks.\n\n- MLflow again, then AutoML.\n\n*[MLflow]: Tracking.\n*[AutoML]: Search.")
    assert html.count("<abbr") == 2
    assert '<em><abbr title="Tracking.">MLflow</abbr></em> logs, and <strong>MLflow</strong> tracks.' in html
    assert '<li>MLflow again, then <abbr title="Search.">AutoML</abbr>.</li>' in html


def test_tooltips_can_be_taken_out_leaving_the_term():
    html = markdown.Markdown(extensions=["abbr"]).convert("Use MLflow, or AutoML.\n\n*[MLflow]: Tracking & models.\n*[AutoML]: Search.")
    assert without_tooltips(html) == "<p>Use MLflow, or AutoML.</p>"


@pytest.mark.parametrize(("code", "pieces"), [
    ("ml_client.jobs.create_or_update(job)", ["ml_client", ".jobs", ".create_or_update(", "job)"]),
    ("azureml://registries/azureml/environments/<name>/versions/<n>",
     ["azureml://", "registries/", "azureml/", "environments/", "<name>/", "versions/", "<n>"]),
    ('sampling_algorithm="random"', ["sampling_algorithm=", '"random"']),
    ("wasbs://<container>@<account>.blob.core.windows.net/<folder>", ["wasbs://", "<container>", "@<account>", ".blob", ".core",
                                                                     ".windows", ".net/", "<folder>"]),
    ("azureml:my-sklearn-env:1 and version 1.5", ["azureml:", "my-sklearn-env:", "1 and version 1.5"]),  # 1.5 is no member
    ("mlflow.sklearn.autolog()", ["mlflow", ".sklearn", ".autolog()"]),  # () stays together
    # A name longer than a quiz choice on a phone wraps between its words.
    ("max_concurrent_requests_per_instance", ["max_", "concurrent_", "requests_", "per_", "instance"]),
    ("ClassificationMultilabelPrimaryMetrics.AUC_WEIGHTED", ["Classification", "Multilabel", "Primary", "Metrics", ".AUC_WEIGHTED"]),
    ("idle_time_before_scale_down", ["idle_time_before_scale_down"]),
    ("short.name(x)", ["short.name(x)"]),
])
def test_long_inline_code_wraps_only_between_its_parts(code, pieces):
    assert break_points(code) == pieces
    assert "".join(pieces) == code


def test_inline_code_gets_break_opportunities_in_pages_and_data(make_ctx):
    md = markdown.Markdown(extensions=["pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite", InlineCodeBreaks()])
    html = md.convert("Call `ml_client.jobs.create_or_update(job)`, `short_one`, `a < b and <c> & d + e`.\n\n"
                      "```python\nml_client.jobs.create_or_update(job)\n```\n\n    ml_client.jobs.create_or_update(job)\n")
    assert "<code>ml_client<wbr>.jobs<wbr>.create_or_update(<wbr>job)</code>" in html
    assert "<code>short_one</code>" in html
    assert "<code>a &lt; b and &lt;c&gt; &amp;<wbr> d + e</code>" in html  # escaping kept
    assert html.count("<wbr>") == 4  # none in the code blocks
    data = SafeMarkdown().render("Use `ml_client.jobs.create_or_update(job)`.", lambda href: href, inline=True)
    assert data == "Use <code>ml_client<wbr>.jobs<wbr>.create_or_update(<wbr>job)</code>."


def test_markdown_table_cells_carry_their_column_label():
    md = markdown.Markdown(extensions=["tables", "pymdownx.inlinehilite", MarkdownTableLabels()])
    tree = Elements(md.convert("| Setting | `max_trials` & more | Default |\n| --- | --- | --- |\n| a | b | c |\n| d | e | f |\n"))
    cells = tree.all("td")
    assert [cell.get("data-label") for cell in cells] == [None, "max_trials & more", "Default"] * 2


def test_quiz_is_the_target_of_the_skip_link(make_ctx):
    [region] = Elements(render_quiz(make_ctx(), "chapter")).all("section")
    assert region["id"] == quiz_anchor("chapter") == "dp-quiz-chapter"  # unique site-wide: quiz ids are


def study_tools_site(fixture_copy, description: str):
    """The fixture with two study tools; the second described by ``description``."""
    (fixture_copy / "docs" / "study").mkdir()
    (fixture_copy / "docs" / "study" / "drill.md").write_text("---\ndescription: Drill the questions you missed.\n---\n\n# Drill\n")
    (fixture_copy / "docs" / "study" / "cards.md").write_text(f"---\n{description}---\n\n# Cards\n")
    nav = [*FIXTURE_NAV, {"Study tools": [{"Drill": "study/drill.md"}, {"Cards": "study/cards.md"}]}]
    return load_content(fixture_copy, fixture_copy / "docs", nav=nav)


def test_home_page_lists_every_study_tool_then_the_whole_guide(fixture_copy):
    content = study_tools_site(fixture_copy, "description: One card at a time.\n")
    tree = Elements(render_study_tools(RenderContext(content, "index.md", SafeMarkdown())))
    assert [a["href"] for a in tree.all("a")] == ["study/drill/", "study/cards/", "print_page/"]
    html = render_study_tools(RenderContext(content, "part/chapter.md", SafeMarkdown()))
    assert ">Drill</a>\n<p class=\"dp-tool__what\">Drill the questions you missed.</p>" in html
    assert 'href="../../print_page/"' in html


def test_a_study_tool_without_a_description_stops_the_build(fixture_copy):
    content = study_tools_site(fixture_copy, "title: Cards\n")
    with pytest.raises(ContentError) as caught:
        render_study_tools(RenderContext(content, "index.md", SafeMarkdown()))
    assert str(caught.value).startswith("docs/study/cards.md: front matter: field 'description': a study tool needs a description")
