"""Markdown for contributor strings in data files, rendered without raw HTML.

Data strings (definitions, cells, quiz prompts) are Markdown. Raw HTML in them
is shown as text, never passed through, so a ``<script>`` in a YAML file cannot
reach a page. Links must be ``http(s)://`` or a section of the site
(``part/chapter.md#anchor``), which is checked and made relative to the page
the macro renders on.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown
from markdown.treeprocessors import Treeprocessor

from .inline_code import InlineCodeBreaks

# Resolves an href found in data to the href to emit, or raises ContentError.
LinkResolver = Callable[[str], str]

EXTENSIONS = ["sane_lists", "pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite"]
SINGLE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
# One line of words and punctuation that Markdown leaves as it is: no markup,
# link, entity, list or heading marker. Most data strings are like this, and
# skipping the converter for them saves a third of the macros' time. Tests
# prove the shortcut gives the converter's output for every such string.
PLAIN_TEXT = re.compile(r"[A-Za-z(\"'][A-Za-z0-9 ,.;:'\"()?/%$+=-]*(?<! )")


class _Links(Treeprocessor):
    resolve: LinkResolver

    def run(self, root):
        for anchor in root.iter("a"):
            anchor.set("href", self.resolve(anchor.get("href", "")))


class SafeMarkdown:
    """One reusable converter; :meth:`render` is called once per data string."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[*EXTENSIONS, InlineCodeBreaks()])
        # No raw HTML, block or inline; no images (data never needs them).
        self._md.preprocessors.deregister("html_block")
        for name in ("html", "image_link", "image_reference", "short_image_ref"):
            self._md.inlinePatterns.deregister(name)
        self._links = _Links(self._md)
        self._md.treeprocessors.register(self._links, "dp100_links", 1)
        self._cache: dict[tuple[str, bool], str] = {}

    def render(self, text: str, resolve: LinkResolver, *, inline: bool = False) -> str:
        if PLAIN_TEXT.fullmatch(text):
            return text if inline else f"<p>{text}</p>"
        # Text without links renders the same on every page: convert it once.
        cacheable = "](" not in text and "<http" not in text
        if cacheable and (text, inline) in self._cache:
            return self._cache[(text, inline)]
        self._links.resolve = resolve
        html = self._md.reset().convert(text)
        if inline:
            single = SINGLE_PARAGRAPH.match(html)
            if single and "<p>" not in single.group(1):
                html = single.group(1)
        if cacheable:
            self._cache[(text, inline)] = html
        return html
