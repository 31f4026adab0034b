"""What pages the site has, which anchors each one offers, and how to link them.

Data files link to sections as ``part/chapter.md#anchor``. The anchors are the
heading ids Python-Markdown's ``toc`` extension will generate, computed here from
the page sources so that a broken link is caught while the data is validated,
before any page renders.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import markdown

from .errors import ContentError, load_yaml_mapping, read_text
from .markdown_text import check_prose, prose_lines

if TYPE_CHECKING:
    from .content import LoadMemo

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass
class PageInfo:
    src: str
    title: str
    # The front matter's description: search engines show it, the home page's
    # study tools too.
    description: str = ""
    # Section id -> heading text.
    anchors: dict[str, str] = field(default_factory=dict)
    # Page text with code removed, for "appears in" backlinks.
    prose: str = ""
    # The page's Markdown as written, for finding macro calls.
    source: str = ""


@dataclass
class SiteIndex:
    pages: dict[str, PageInfo]
    use_directory_urls: bool = True

    def add_anchors(self, src: str, anchors: dict[str, str]) -> None:
        """Register sections a macro generates from data (no heading in the
        source), on a copy of the page's entry: a load memo shares the one
        scanned from the page."""
        self.pages[src] = replace(self.pages[src], anchors={**self.pages[src].anchors, **anchors})

    def section_title(self, link: str) -> str:
        """"Page › Section" text for a link that :meth:`check_link` accepted."""
        page, _, anchor = link.partition("#")
        info = self.pages[page]
        return f"{info.title} › {info.anchors[anchor]}" if anchor else info.title

    def check_link(self, link: str) -> str | None:
        """Return why ``page.md#anchor`` does not resolve, or None when it does."""
        page, _, anchor = link.partition("#")
        if page not in self.pages:
            return f"no page docs/{page}"
        if anchor and anchor not in self.pages[page].anchors:
            known = ", ".join(sorted(self.pages[page].anchors)[:12])
            return f"docs/{page} has no section '#{anchor}' (sections: {known})"
        return None

    def url(self, src: str) -> str:
        """The site-relative URL MkDocs gives the page ``src``."""
        stem = src[: -len(".md")]
        if not self.use_directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def folder(self, src: str) -> str:
        """The folder the browser resolves relative links against on page ``src``."""
        here = self.url(src)
        return (here.rstrip("/") if self.use_directory_urls else posixpath.dirname(here)) or "."

    def href(self, from_src: str, link: str) -> str:
        """A relative href from page ``from_src`` to ``page.md#anchor``."""
        page, _, anchor = link.partition("#")
        fragment = f"#{anchor}" if anchor else ""
        target = self.url(page)
        if page == from_src and fragment:
            return fragment
        rel = posixpath.relpath(target.rstrip("/") or ".", self.folder(from_src))
        if target.endswith("/") or target == "":
            rel = "./" if rel == "." else rel + "/"
        return rel + fragment


def heading_ids(body: str) -> tuple[str, dict[str, str]]:
    """Title and heading ids of one page (without its front matter), as the
    ``toc`` extension makes them."""
    headings = [line for line in prose_lines(body) if HEADING.match(line)]
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert("\n\n".join(headings))
    ids: dict[str, str] = {}
    title = ""

    def walk(tokens):
        nonlocal title
        for token in tokens:
            ids[token["id"]] = html.unescape(token["name"])
            if token["level"] == 1 and not title:
                title = html.unescape(token["name"])
            walk(token["children"])

    walk(md.toc_tokens)
    return title, ids


def check_front_matter(source: str, src: str) -> dict:
    """The page's front matter. MkDocs silently renders unparsable front matter
    as text; we stop instead."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}
    return load_yaml_mapping(match.group(1), f"docs/{src}", "front matter", first_line=2,
                             hint="; quote values that contain ': '")


def scan_page(src: str, source: str) -> PageInfo:
    """What the site index needs of one page, checked (``source`` as written)."""
    meta = check_front_matter(source, src)
    front_matter = FRONT_MATTER.match(source)
    body = source[front_matter.end():] if front_matter else source
    problems = check_prose(body)
    if problems:
        line, message = problems[0]
        offset = front_matter.group(0).count("\n") if front_matter else 0
        raise ContentError(f"docs/{src}", f"line {line + offset}", "markdown", message)
    title, anchors = heading_ids(body)
    prose = "\n".join(prose_lines(body))
    return PageInfo(src=src, title=title or src, description=str(meta.get("description") or ""),
                    anchors=anchors, prose=prose, source=source)


def scan_docs(docs_dir: Path, use_directory_urls: bool, memo: LoadMemo) -> SiteIndex:
    pages: dict[str, PageInfo] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        source = read_text(path, f"docs/{src}")
        pages[src] = memo(("page", src, source), lambda: scan_page(src, source))
    return SiteIndex(pages=pages, use_directory_urls=use_directory_urls)
