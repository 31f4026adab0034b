"""MkDocs hooks (``hooks:`` in mkdocs.yml): steps that must run after every
plugin, which a mkdocs-macros module cannot do. Self-contained, because MkDocs
loads this file on its own, not as part of the ``macros`` package.
"""

from __future__ import annotations

import re
from pathlib import Path

# print-site's default name for the page, which mkdocs.yml keeps.
PRINT_PAGE = Path("print_page") / "index.html"
# A glossary tooltip as Python-Markdown's abbr extension writes it.
TOOLTIP = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def without_tooltips(html: str) -> str:
    """``html`` with each glossary tooltip replaced by the term's plain text."""
    return TOOLTIP.sub(r"\1", html)


def on_post_build(config, **kwargs) -> None:
    # Paper has no hover: the print page, written by print-site's own
    # post-build step just before this one, drops its tooltips (a twentieth
    # of its weight).
    page = Path(config["site_dir"]) / PRINT_PAGE
    if page.is_file():
        page.write_text(without_tooltips(page.read_text(encoding="utf-8")), encoding="utf-8")
