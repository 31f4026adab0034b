"""Comparison tables: accessible HTML tables from ``data/tables/<id>.yml``;
and column labels for the cells of tables written in Markdown.

On a narrow screen a table's rows stack, and each cell shows the label of
its column from its ``data-label`` (dp100.css); the first cell heads the row.
"""

from __future__ import annotations

import html
import re
from html import escape

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from .content import COMPARISONS_PAGE
from .rendering import RenderContext, markdown_literal
from .schema import ComparisonTable


def _table_html(ctx: RenderContext, table_id: str, table: ComparisonTable) -> str:
    rel = ctx.content.origin[("table", table_id)]
    head = "\n".join(f'<th scope="col">{escape(c.label)}</th>' for c in table.columns)
    rows = []
    for index, row in enumerate(table.rows):
        cells = []
        for position, column in enumerate(table.columns):
            html = ctx.markdown(row[column.id], (rel, f"rows[{index}]", column.id), inline=True)
            cells.append(f'<th scope="row">{html}</th>' if position == 0 else f'<td data-label="{escape(column.label)}">{html}</td>')
        rows.append("<tr>\n" + "\n".join(cells) + "\n</tr>")
    return (
        f'<table class="dp-table" data-dp-table="{escape(table_id)}">\n'
        f"<caption>{escape(table.caption)}</caption>\n"
        f"<thead><tr>\n{head}\n</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def render_comparison_table(ctx: RenderContext, table_id: str) -> str:
    """One named table, with a link to every comparison on the comparisons page."""
    table = ctx.lookup(ctx.content.tables, table_id, "comparison_table")
    more = f'<a href="{ctx.href(f"{COMPARISONS_PAGE}#{table_id}")}">All comparisons</a>'
    return f'<div class="dp-table-wrap">\n{_table_html(ctx, table_id, table)}\n<p class="dp-table__source">{more}</p>\n</div>'


def render_comparison_index(ctx: RenderContext) -> str:
    """Every table, in the order of the chapters that teach them."""
    content = ctx.content
    ordered = sorted(
        content.tables.items(),
        key=lambda item: (content.page_rank(item[1].taught_in.partition("#")[0]), item[1].caption.casefold()),
    )
    out = []
    for table_id, table in ordered:
        out += [
            f"## {markdown_literal(table.caption)} {{#{table_id}}}",
            "",
            f'<div class="dp-table-wrap">\n{_table_html(ctx, table_id, table)}\n'
            f'<p class="dp-table__source">Taught in {ctx.section_link(table.taught_in)}</p>\n</div>',
            "",
        ]
    return "\n".join(out)


class _CellLabels(Treeprocessor):
    def run(self, root) -> None:
        for table in root.iter("table"):
            labels = [self._text(th) for th in table.iterfind("thead/tr/th")]
            for row in table.iterfind("tbody/tr"):
                for cell, label in list(zip(row, labels))[1:]:
                    cell.set("data-label", label)

    def _text(self, cell) -> str:
        """A header cell's words; code in it is still stashed HTML here."""
        stash = self.md.htmlStash.rawHtmlBlocks

        def unstash(placeholder: re.Match) -> str:
            block = stash[int(placeholder.group(1))]
            return html.unescape(re.sub(r"<[^>]+>", "", block)) if isinstance(block, str) else "".join(block.itertext())

        return " ".join(HTML_PLACEHOLDER_RE.sub(unstash, "".join(cell.itertext())).split())


class MarkdownTableLabels(Extension):
    """``data-label`` on each body cell of a Markdown table but the first."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline parsing (20), which fills the header cells.
        md.treeprocessors.register(_CellLabels(md), "dp100_table_labels", 15)
