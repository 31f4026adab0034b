"""What every renderer needs: the content, the page being rendered, safe Markdown.

Renderers are pure functions ``(RenderContext, ids...) -> str``; tests build a
context from fixture data and call them without MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape

from .content import Content, check_href, suggest
from .errors import ContentError
from .safe_markdown import SafeMarkdown

# An attribute for a rendered element: Material's search leaves out what it contains.
NOT_SEARCHED = "data-search-exclude"
MARKDOWN_SPECIAL = re.compile(r"([\\`*{}\[\]()#+!|<>])")


def markdown_escape(text: str) -> str:
    """Plain text for a line of Markdown (a heading, a list item): shown as
    written, never read as a link, an attribute list or HTML."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", escape(text, quote=False))


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

    def lookup(self, kind: str, store: dict, item_id: str, macro: str):
        """Fetch a table, quiz or diagram by id, or fail naming the page and macro."""
        if item_id not in store:
            raise ContentError(
                f"docs/{self.page_src}", f"{macro}(\"{item_id}\")", "id",
                f"unknown {kind} '{item_id}'{suggest(item_id, store)}; known: {', '.join(sorted(store)) or 'none'}",
            )
        return store[item_id]
