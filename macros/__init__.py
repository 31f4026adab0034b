"""mkdocs-macros entry point: registers the renderers, holds no logic.

Everything here delegates to plain functions in this package, so the content
and its renderers do not depend on MkDocs or on this plugin.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .calls import MACRO_ARGUMENTS
from .content import Content, LoadMemo, load_content
from .diagrams import render_diagram
from .errors import ContentError
from .exam import render_exam_map, render_exam_skills
from .exports import write_exports
from .glossary import FirstUseTooltips, abbreviation_definitions, render_glossary_cards, render_glossary_index
from .html_blocks import HtmlBlocks
from .inline_code import InlineCodeBreaks
from .markdown_text import shield_code
from .quiz import quiz_anchor, render_quiz
from .rendering import RenderContext
from .safe_markdown import SafeMarkdown
from .study import render_export_links, render_flashcards, render_study_app, render_study_tools
from .tables import MarkdownTableLabels, render_comparison_index, render_comparison_table

CONTENT_KEY = "site_content"  # `mkdocs serve` puts the content loaded after each save here
QUIZ_META = "dp_quiz"  # page.meta key: the quiz's anchor, for the skip link in main.html
MARKDOWN_KEY = "site_markdown"  # one converter per build: its cache serves pages and exports
BLOCKS_KEY = "site_html_blocks"


def load_site_content(env, memo: LoadMemo | None = None) -> Content:
    """The content of the site ``env`` builds; a problem stops the build, named."""
    try:
        return load_content(
            Path(env.project_dir),
            Path(env.conf["docs_dir"]),
            nav=env.conf.get("nav"),
            use_directory_urls=env.conf["use_directory_urls"],
            memo=memo,
        )
    except ContentError as error:
        raise PluginError(f"Content error: {error}") from None


def define_env(env):
    env.variables[CONTENT_KEY] = load_site_content(env)
    md = env.variables[MARKDOWN_KEY] = SafeMarkdown()

    # Macros that return one finished HTML block leave a token in the page;
    # the HTML goes straight to the output, unparsed (see html_blocks.py).
    blocks = env.variables[BLOCKS_KEY] = HtmlBlocks()
    env.conf["markdown_extensions"] += [blocks.extension(), FirstUseTooltips(), InlineCodeBreaks(), MarkdownTableLabels()]

    def ctx() -> RenderContext:
        return RenderContext(env.variables[CONTENT_KEY], env.page.file.src_path, md)

    def register(render, name: str, *, block: bool = True) -> None:
        def call(*args, **kwargs):
            page = env.page.file.src_path
            output = render(ctx(), *MACRO_ARGUMENTS[name].check(page, name, args, kwargs))
            return blocks.hold(output, page, name) if block else output

        env.macro(call, name)

    register(lambda c, *term_ids: render_glossary_cards(c, term_ids), "glossary_cards")
    register(render_comparison_table, "comparison_table")
    def quiz(c: RenderContext, quiz_id: str) -> str:
        env.page.meta[QUIZ_META] = quiz_anchor(quiz_id)
        return render_quiz(c, quiz_id)

    register(quiz, "quiz")
    register(render_diagram, "diagram")
    register(render_exam_skills, "exam_skills")
    register(render_study_app, "study_app")
    register(render_flashcards, "flashcards")
    register(render_export_links, "export_links")
    register(render_study_tools, "study_tools")
    # These mix Markdown headings with HTML, so Markdown must read them.
    register(render_glossary_index, "glossary_index", block=False)
    register(render_comparison_index, "comparison_index", block=False)
    register(render_exam_map, "exam_map", block=False)


def on_pre_page_macros(env):
    # Pages were checked (check_prose) when the content loaded.
    env.markdown = shield_code(env.markdown)


def on_post_page_macros(env):
    env.markdown += abbreviation_definitions(env.variables[CONTENT_KEY].terms, env.markdown)


def on_post_build(env):
    write_exports(env.variables[CONTENT_KEY], Path(env.conf["site_dir"]), env.conf["site_url"] or "", env.variables[MARKDOWN_KEY])
