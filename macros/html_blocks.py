"""Finished HTML from macros reaches the page without Markdown reading it again.

A macro that renders a quiz, a table or a diagram returns finished HTML. Put
into the page as text, Python-Markdown would parse all of it again, only to
find where each raw HTML block ends: on quiz pages that was a third of the
page's conversion time. Instead the macro leaves a one-line token, and this
Markdown extension hands the HTML to Markdown's own stash before any parsing,
from where it is written out verbatim, exactly as a raw HTML block would be.
"""

from __future__ import annotations

import itertools
import re
import secrets

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

from .errors import ContentError


class HtmlBlocks:
    """Holds each macro's HTML under a token until the page is converted."""

    def __init__(self) -> None:
        # A fresh nonce per build: a token cannot be typed into a page.
        self._prefix = f"dp100-html-{secrets.token_hex(6)}-"
        self._token = re.compile(rf"{re.escape(self._prefix)}(\d+)")
        self._own_line = re.compile(rf"^([ \t]*){re.escape(self._prefix)}(\d+)[ \t]*$", re.M)
        self._held: dict[str, tuple[str, str, str]] = {}
        self._keys = itertools.count()

    def hold(self, html: str, page: str, macro: str) -> str:
        """The token standing for ``html`` in the Markdown of ``page``."""
        if not html:
            return ""
        key = str(next(self._keys))
        self._held[key] = (html, page, macro)
        return f"{self._prefix}{key}"

    def extension(self) -> Extension:
        return _Extension(self)

    def expanded(self, markdown: str) -> str:
        """``markdown`` with each token on a line of its own replaced by its
        HTML, every line indented as the token was: the Markdown the page
        reads, as a raw HTML block would give it."""
        def block(token: re.Match) -> str:
            indent, key = token.groups()
            return "\n".join(indent + line if line else line for line in self._held[key][0].split("\n"))

        return self._own_line.sub(block, markdown)

    def discard(self) -> None:
        """Forget the blocks held for a page that will not be converted."""
        self._held.clear()

    def release(self, lines: list[str], md: Markdown) -> list[str]:
        """Lines with each token that stands on its own line (indented inside
        an admonition or tab, or not) swapped for a stash placeholder; a token
        within other text is an error."""
        out = []
        for line in lines:
            if self._prefix in line:
                token = line.strip()
                match = self._token.fullmatch(token)
                key = match.group(1) if match else self._token.search(line).group(1)
                html, page, macro = self._held.pop(key)
                if not match:
                    raise ContentError(f"docs/{page}", f"{{{{ {macro}(...) }}}}", "(placement)",
                                       "this macro renders a block: put it on a line of its own")
                line = line[: len(line) - len(line.lstrip())] + md.htmlStash.store(html)
            out.append(line)
        # Tokens are made while the page's macros run, just before this:
        # one not found here was changed or hidden on the way (a filter such
        # as `| upper`, a variable), and its block would be lost.
        if self._held:
            _, (_, page, macro) = self._held.popitem()
            self._held.clear()
            raise ContentError(f"docs/{page}", f"{{{{ {macro}(...) }}}}", "(placement)",
                               "its block never reached the page: something changed or hid the macro's output; "
                               "call the macro alone on its line, with no filter")
        return out


class _Preprocessor(Preprocessor):
    def __init__(self, md: Markdown, blocks: HtmlBlocks) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        try:
            return self.blocks.release(lines, self.md)
        except ContentError as error:  # stop the build with the message alone
            raise PluginError(f"Content error: {error}") from None


class _Extension(Extension):
    def __init__(self, blocks: HtmlBlocks) -> None:
        super().__init__()
        self.blocks = blocks

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before MkDocs reads raw HTML
        # for anchors (21) and Markdown parses raw HTML blocks (20).
        md.preprocessors.register(_Preprocessor(md, self.blocks), "dp100_html_blocks", 25)
