"""What every renderer needs: the content, the page being rendered, safe Markdown.

Renderers are pure functions ``(RenderContext, ids...) -> str``; tests build a
context from fixture data and call them without MkDocs.

Block elements a renderer writes (cells, list items, paragraphs, ``dt`` and
``dd``) are separated by a line break: Material's search reads the text of a
section as one string, and adjacent blocks would run together in results
("Also calledbandit policy").
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape

from .content import Content, check_href, unknown_id
from .errors import ContentError
from .safe_markdown import SafeMarkdown

# An attribute for a rendered element: Material's search leaves out what it contains.
NOT_SEARCHED = "data-search-exclude"
# Markdown syntax a data string could hold, each character of which a
# backslash escapes: links and images ([ ] !), code (`), attribute lists
# ({ }), emphasis (*, and _ at a word's edge), highlights (=), keys (+),
# table cells (|), backslashes; and, at the start, a list or heading marker.
# Characters inside a name stay as they are (an escaped "-" would hide
# "fine-tuning" from its glossary tooltip).
MARKDOWN_SYNTAX = re.compile(r"[\\`*\[\]!{}=+|]|(?<![^\W_])_|_(?![^\W_])|^[-#]|^\d+\.")


def markdown_literal(text: str) -> str:
    """One line of Markdown that reads as exactly ``text`` (line breaks
    become spaces), for data shown in a Markdown heading or list item:
    ``html.escape()`` alone leaves a link, an image or an attribute list in
    the text live."""
    line = " ".join(text.split())
    # The last character of each match is the one to escape.
    return escape(MARKDOWN_SYNTAX.sub(lambda syntax: syntax.group()[:-1] + "\\" + syntax.group()[-1], line), quote=False)


@dataclass
class RenderContext:
    content: Content
    page_src: str
    md: SafeMarkdown

    def markdown(self, text: str, where: tuple[str, str, str], *, inline: bool = False) -> str:
        """Render a data string; ``where`` is (file, entry, field) for errors."""

        def resolve(href: str) -> str:
            problem = check_href(self.content, href)
            if problem:
                raise ContentError(*where, f"link '{href}': {problem}")
            return self.href(href) if ".md" in href.split("#")[0] else href

        return self.md.render(text, resolve, inline=inline)

    def href(self, link: str) -> str:
        """Relative href from this page to a validated ``page.md#anchor`` link."""
        return escape(self.content.site.href(self.page_src, link))

    def href_to_file(self, path: str) -> str:
        """Relative href from this page to a file the build writes (not a page)."""
        return posixpath.relpath(path, self.content.site.folder(self.page_src))

    def section_link(self, link: str, css_class: str = "") -> str:
        """An ``<a>`` to a section, its text the section's "Page › Heading" title."""
        cls = f' class="{css_class}"' if css_class else ""
        return f'<a{cls} href="{self.href(link)}">{escape(self.content.site.section_title(link))}</a>'

    def lookup(self, store: dict, item_id: str, macro: str):
        """Fetch a table, quiz, diagram or term by id, or fail naming the page and macro."""
        if item_id not in store:
            raise unknown_id(self.page_src, macro, store, item_id)
        return store[item_id]
