"""Study-tool pages: the containers the browser apps mount in, flash cards,
links to the exports, and the list of tools the home page starts with."""

from __future__ import annotations

from html import escape

from .errors import ContentError
from .hooks import PRINT_PAGE
from .rendering import RenderContext

# Every page in this folder is a study tool, listed on the home page.
STUDY_FOLDER = "study/"
WHOLE_GUIDE = ("Whole guide to print",
               "Every chapter on one page, each quiz with its answer key at the end of its chapter, to print or save as a PDF.")

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
    return '<ul class="dp-exports">\n' + "\n".join(items) + "\n</ul>"


def render_study_tools(ctx: RenderContext) -> str:
    """A card per study tool (the pages of the study folder, in navigation
    order, each described by its front matter), then the whole guide to print."""
    site = ctx.content.site
    tools = []
    for src in (page for page in ctx.content.page_order if page.startswith(STUDY_FOLDER)):
        if not site.pages[src].description:
            raise ContentError(f"docs/{src}", "front matter", "description",
                               "a study tool needs a description: the home page lists it under Study tools")
        tools.append((ctx.href(src), site.pages[src].title, site.pages[src].description))
    tools.append((escape(ctx.href_to_file(PRINT_PAGE.parent.as_posix())) + "/", *WHOLE_GUIDE))
    cards = [f'<li class="dp-tool"><a class="dp-tool__name" href="{href}">{escape(name)}</a>\n'
             f'<p class="dp-tool__what">{escape(what)}</p></li>' for href, name, what in tools]
    return '<ul class="dp-tools">\n' + "\n".join(cards) + "\n</ul>"
