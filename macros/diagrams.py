"""Flow diagrams from ``data/diagrams/<id>.yml``, drawn with HTML and CSS.

A diagram is an ordered list of stages styled as boxes joined by arrows: it
needs no image or script, follows the light and dark palettes, reflows on
small screens, and reads in order to a screen reader. The figure caption
carries the text alternative.
"""

from __future__ import annotations

from html import escape

from .rendering import RenderContext


def render_diagram(ctx: RenderContext, diagram_id: str) -> str:
    diagram = ctx.lookup(ctx.content.diagrams, diagram_id, "diagram")
    rel = ctx.content.origin[("diagram", diagram_id)]
    stages = []
    for index, stage in enumerate(diagram.stages):
        items = "\n".join(
            f"<li>{ctx.markdown(item, (rel, f'stages[{index}]', f'items[{n}]'), inline=True)}</li>"
            for n, item in enumerate(stage.items)
        )
        stages.append(
            f'<li class="dp-diagram__stage"><span class="dp-diagram__label">{escape(stage.label)}</span>'
            + (f'\n<ul class="dp-diagram__items">\n{items}\n</ul>' if items else "")
            + "</li>"
        )
    loop = ""
    if diagram.loop:
        loop = f'<p class="dp-diagram__loop">↻ Then back to “{escape(diagram.loop_to or diagram.stages[0].label)}”.</p>\n'
    return (
        f'<figure class="dp-diagram" data-dp-diagram="{escape(diagram_id)}">\n'
        # A stage per line: long lines of many tags are slow for the
        # print page's plugin, which scans them with regular expressions.
        '<ol class="dp-diagram__stages">\n' + "\n".join(stages) + f"\n</ol>\n{loop}"
        f"<figcaption><strong>{escape(diagram.title)}.</strong> {escape(diagram.description)}</figcaption>\n"
        "</figure>"
    )
