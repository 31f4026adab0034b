"""mkdocs-macros entry point: registers the renderers, holds no logic.

Everything here delegates to plain functions in this package, so the content
and its renderers do not depend on MkDocs or on this plugin.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .content import load_content
from .diagrams import render_diagram
from .errors import ContentError
from .exam import render_exam_map, render_exam_skills
from .exports import write_exports
from .glossary import abbreviation_definitions, render_glossary_cards, render_glossary_index
from .markdown_text import check_prose, shield_code
from .quiz import render_quiz
from .rendering import RenderContext
from .safe_markdown import SafeMarkdown
from .study import render_export_links, render_flashcards, render_study_app
from .tables import render_comparison_index, render_comparison_table

CONTENT_KEY = "site_content"
MARKDOWN_KEY = "site_markdown"  # one converter per build: its cache serves pages and exports


def define_env(env):
    try:
        content = load_content(
            Path(env.project_dir),
            Path(env.conf["docs_dir"]),
            nav=env.conf.get("nav"),
            use_directory_urls=env.conf["use_directory_urls"],
        )
    except ContentError as error:
        raise PluginError(f"Content error: {error}") from None
    env.variables[CONTENT_KEY] = content
    md = env.variables[MARKDOWN_KEY] = SafeMarkdown()

    def ctx() -> RenderContext:
        return RenderContext(content, env.page.file.src_path, md)

    env.macro(lambda *term_ids: render_glossary_cards(ctx(), term_ids), "glossary_cards")
    env.macro(lambda: render_glossary_index(ctx()), "glossary_index")
    env.macro(lambda table_id: render_comparison_table(ctx(), table_id), "comparison_table")
    env.macro(lambda: render_comparison_index(ctx()), "comparison_index")
    env.macro(lambda quiz_id: render_quiz(ctx(), quiz_id), "quiz")
    env.macro(lambda diagram_id: render_diagram(ctx(), diagram_id), "diagram")
    env.macro(lambda: render_exam_map(ctx()), "exam_map")
    env.macro(lambda: render_exam_skills(ctx()), "exam_skills")
    env.macro(lambda app: render_study_app(ctx(), app), "study_app")
    env.macro(lambda: render_flashcards(ctx()), "flashcards")
    env.macro(lambda: render_export_links(ctx()), "export_links")


def on_pre_page_macros(env):
    src = env.page.file.src_path
    problems = check_prose(env.markdown)
    if problems:
        line, message = problems[0]
        raise PluginError(f"Content error: docs/{src}: line {line}: field 'markdown': {message}")
    env.markdown = shield_code(env.markdown)


def on_post_page_macros(env):
    env.markdown += abbreviation_definitions(env.variables[CONTENT_KEY].terms, env.markdown)


def on_post_build(env):
    write_exports(env.variables[CONTENT_KEY], Path(env.conf["site_dir"]), env.conf["site_url"] or "", env.variables[MARKDOWN_KEY])
