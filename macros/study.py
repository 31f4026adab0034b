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
    "flashcards": "Studying one card at a time needs JavaScript; every card is listed below to read or print.",
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
    """The flash-card tool's container, then every glossary term as a
    two-sided card, A to Z, to read or print and cut. The tool draws its decks
    from this list: each card names its chapter and exam domain."""
    content = ctx.content
    terms = sorted(content.terms.values(), key=lambda t: t.term.casefold())
    domain_names = {domain.id: domain.name for domain in content.outline.domains}
    cards = []
    for term in terms:
        rel = content.origin[("term", term.id)]
        page = term.taught_in.partition("#")[0]
        domain = content.page_domain(page) or ""
        cards.append(
            f'<li class="dp-flashcard" data-dp-term="{escape(term.id)}" data-dp-chapter="{escape(page)}" '
            f'data-dp-chapter-title="{escape(content.site.pages[page].title)}" data-dp-domain="{escape(domain)}" '
            f'data-dp-domain-name="{escape(domain_names.get(domain, ""))}">'
            f'<p class="dp-flashcard__front">{escape(term.term)}</p>'
            f'<div class="dp-flashcard__back"><p><strong>{escape(term.short)}</strong></p>'
            f"{ctx.markdown(term.details, (rel, f'term {term.id!r}', 'details'))}"
            f'<p class="dp-flashcard__source">Taught in: {ctx.section_link(term.taught_in)}</p></div></li>'
        )
    return (
        render_study_app(ctx, "flashcards")
        + f'<details class="dp-flashcards-list" open><summary>All {len(cards)} cards, to read or print</summary>'
        f'<ul class="dp-flashcards">{"".join(cards)}</ul></details>'
    )


def render_export_links(ctx: RenderContext) -> str:
    items = []
    for path, label, schema in EXPORTS:
        schema_link = f' (<a href="{escape(ctx.href_to_file(path.rsplit("/", 1)[0] + "/" + schema))}">schema</a>)' if schema else ""
        items.append(f'<li><a href="{escape(ctx.href_to_file(path))}" download>{escape(label)}</a>{schema_link}</li>')
    return f'<ul class="dp-exports">{"".join(items)}</ul>'
