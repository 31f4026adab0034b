"""Study-tool pages: the containers the browser apps mount in, flash cards,
and links to the exports."""

from __future__ import annotations

from html import escape

from .errors import ContentError
from .rendering import RenderContext

# App name -> what a reader without JavaScript is told instead.
STUDY_APPS = {
    "practice-exam": "The practice exam runs in your browser and needs JavaScript. Every chapter's quiz works without it.",
    "review": "The review queue runs in your browser and needs JavaScript.",
    "progress": "The progress page reads what your browser stored and needs JavaScript.",
}
EXPORTS = [
    ("exports/questions.json", "Question bank (JSON)", "questions.schema.json"),
    ("exports/glossary.json", "Glossary (JSON)", "glossary.schema.json"),
    ("exports/dp100.apkg", "Anki deck of terms and questions", None),
]


def render_study_app(ctx: RenderContext, app: str) -> str:
    if app not in STUDY_APPS:
        raise ContentError(f"docs/{ctx.page_src}", f'study_app("{app}")', "app", f"unknown app; known: {', '.join(STUDY_APPS)}")
    return f'<div class="dp-app" data-dp-app="{escape(app)}"><p class="dp-app__fallback">{escape(STUDY_APPS[app])}</p></div>'


def render_flashcards(ctx: RenderContext) -> str:
    """Every glossary term as a two-sided card, A–Z, laid out to print and cut."""
    terms = sorted(ctx.content.terms.values(), key=lambda t: t.term.casefold())
    cards = []
    for term in terms:
        rel = ctx.content.origin[("term", term.id)]
        cards.append(
            f'<li class="dp-flashcard"><p class="dp-flashcard__front">{escape(term.term)}</p>'
            f'<div class="dp-flashcard__back"><p><strong>{escape(term.short)}</strong></p>'
            f"{ctx.markdown(term.details, (rel, f'term {term.id!r}', 'details'))}</div></li>"
        )
    return f'<ul class="dp-flashcards">{"".join(cards)}</ul>'


def render_export_links(ctx: RenderContext) -> str:
    items = []
    for path, label, schema in EXPORTS:
        schema_link = f' (<a href="{escape(ctx.href_to_file(path.rsplit("/", 1)[0] + "/" + schema))}">schema</a>)' if schema else ""
        items.append(f'<li><a href="{escape(ctx.href_to_file(path))}" download>{escape(label)}</a>{schema_link}</li>')
    return '<ul class="dp-exports">\n' + "\n".join(items) + "\n</ul>"
