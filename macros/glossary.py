"""Glossary cards, the A–Z glossary index, and tooltip definitions."""

from __future__ import annotations

import re
from html import escape
from itertools import groupby

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

from .content import GLOSSARY_PAGE, letter_of
from .rendering import NOT_SEARCHED, RenderContext, markdown_literal
from .schema import Term


def _term_link(ctx: RenderContext, term: Term) -> str:
    return f'<a href="{ctx.href(f"{GLOSSARY_PAGE}#{term.id}")}">{escape(term.term)}</a>'


def _link_entry(label: str, links_html: str) -> str:
    """A ``<dt>``/``<dd>`` pair of links to other pages. Out of search: they say
    where to read more, and searched they would only make every chapter match
    every term it mentions. Not printed: paper has no links to follow."""
    return f'<dt class="dp-card__links" {NOT_SEARCHED}>{label}</dt>\n<dd class="dp-card__links" {NOT_SEARCHED}>{links_html}</dd>'


def _card_body(ctx: RenderContext, term: Term) -> str:
    content = ctx.content
    where = (content.origin[("term", term.id)], f"term '{term.id}'", "details")
    parts = [
        f'<p class="dp-card__short">{escape(term.short)}</p>',
        f'<div class="dp-card__details">{ctx.markdown(term.details, where)}</div>',
        '<dl class="dp-card__meta">',
        _link_entry("Taught in", ctx.section_link(term.taught_in)),
    ]
    if term.aliases:
        parts.append(f"<dt>Also called</dt>\n<dd>{escape(', '.join(term.aliases))}</dd>")
    if term.related:
        parts.append(_link_entry("Related", ", ".join(_term_link(ctx, content.terms[r]) for r in term.related)))
    pages = content.appears_in.get(term.id, [])
    if pages:
        links = ", ".join(
            f'<a href="{ctx.href(src)}">{escape(content.site.pages[src].title)}</a>' for src in pages
        )
        parts.append(_link_entry("Appears in", links))
    parts.append("</dl>")
    return "\n".join(parts)


def render_glossary_cards(ctx: RenderContext, term_ids: tuple[str, ...]) -> str:
    """Cards for the chapter's key terms; each title links to the glossary entry."""
    cards = []
    for term_id in term_ids:
        term = ctx.lookup(ctx.content.terms, term_id, "glossary_cards")
        cards.append(
            f'<div class="dp-card" data-dp-term="{escape(term.id)}">\n'
            f'<p class="dp-card__term">{_term_link(ctx, term)}</p>\n{_card_body(ctx, term)}\n</div>'
        )
    # Searched on the glossary page, where each term has its own entry. A
    # section, not a div: Material's search matches the end of an excluded
    # element by tag name, so a nested div would end the exclusion early.
    return f'<section class="dp-cards" {NOT_SEARCHED}>\n' + "\n".join(cards) + "\n</section>"


def render_glossary_index(ctx: RenderContext) -> str:
    """Every term A–Z: a letter bar, then a heading and card per term.

    Terms are Markdown headings so they get deep-linkable ids, appear in the
    table of contents and are found by search as sections of their own.
    """
    terms = sorted(ctx.content.terms.values(), key=lambda t: (letter_of(t.term), t.term.casefold()))
    groups = [(letter, list(items)) for letter, items in groupby(terms, key=lambda t: letter_of(t.term))]
    bar = " ".join(
        f'<a href="#glossary-{letter.lower()}">{escape(letter)}</a>' for letter, _ in groups
    )
    out = [f'<nav class="dp-letters" aria-label="Glossary letters">{bar}</nav>', ""]
    for letter, items in groups:
        out += [f"## {letter} {{#glossary-{letter.lower()}}}", ""]
        for term in items:
            out += [
                f"### {markdown_literal(term.term)} {{#{term.id}}}",
                "",
                f'<div class="dp-card dp-card--entry" data-dp-term="{escape(term.id)}">\n{_card_body(ctx, term)}\n</div>',
                "",
            ]
    return "\n".join(out)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def occurs_as_word(name: str, text: str) -> bool:
    """Whether ``name`` occurs in ``text`` as a whole word: the abbr extension's
    rule (case-sensitive, whole word). Plain ``str.find`` rather than a regex:
    a pattern opening with a lookbehind loses the literal-prefix scan and made
    this check cost more than converting the page."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if not (start and _is_word_char(text[start - 1])) and not (end < len(text) and _is_word_char(text[end])):
            return True
        start = text.find(name, start + 1)
    return False


def abbreviation_definitions(terms: dict[str, Term], markdown: str) -> str:
    """Markdown ``abbr`` definitions for the terms ``markdown`` uses, so their
    uses get a tooltip (the first use of each, see :class:`FirstUseTooltips`).
    Only names that occur are defined: hundreds of unused
    definitions on every page would multiply the Markdown parsing time."""
    short_of = {name: term.short for term in terms.values() for name in [term.term, *term.aliases]}
    if not short_of:
        return ""
    used = {name for name in short_of if occurs_as_word(name, markdown)}
    lines = [f"*[{name}]: {short_of[name]}" for name in short_of if name in used]
    # One block per definition: Python-Markdown re-scans a multi-line block
    # after each definition it takes out, which is quadratic in its length.
    return "\n\n" + "\n\n".join(lines) + "\n" if lines else ""


class _FirstUseAbbreviations(AbbrTreeprocessor):
    """The abbr extension's tree step, wrapping only the first use of each name
    (in document order), in one pass. The original wraps every use and looks
    up each element's position among its siblings once per element, which is
    quadratic on a long paragraph (minutes for a 200 KB line)."""

    def run(self, root) -> None:
        if not self.abbrs:
            return
        self.RE = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(self.abbrs, key=len, reverse=True))) + r")\b")
        self._seen: set[str] = set()
        self._walk(root)

    def _walk(self, element) -> None:
        element.text, children = self._first_uses(element.text)
        for child in list(element):
            self._walk(child)
            child.tail, after = self._first_uses(child.tail)
            children += [child, *after]
        if len(children) != len(element):
            element[:] = children

    def _first_uses(self, text):
        """``text`` split at the names not seen before: the text before the
        first, and an ``<abbr>`` per name, each carrying the text after it."""
        made, lead, last = [], text, 0
        if not text or isinstance(text, AtomicString):
            return text, made
        for match in self.RE.finditer(text):
            name = match.group(0)
            if name in self._seen or not self.abbrs[name]:
                continue
            self._seen.add(name)
            if made:
                made[-1].tail = text[last:match.start()]
            else:
                lead = text[:match.start()]
            made.append(self.create_element(self.abbrs[name], name, ""))
            last = match.end()
        if made:
            made[-1].tail = text[last:]
        return lead, made


class FirstUseTooltips(Extension):
    """Each glossary name gets its tooltip where a page first uses it, and
    reads as plain text after that: a dotted underline on every "MLflow" is
    noise, and each tooltip costs the reader's browser work on load."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Takes the place of the abbr extension's own step (listed before
        # this one), sharing its definitions.
        md.treeprocessors.register(_FirstUseAbbreviations(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)
