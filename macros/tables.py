"""Comparison tables: accessible HTML tables from ``data/tables/<id>.yml``."""

from __future__ import annotations

from html import escape

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
            # On a narrow screen rows stack, and each cell shows its column's
            # label (dp100.css); the first cell heads the row.
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
