"""The exam map (skills outline against the guide) and each chapter's skills."""

from __future__ import annotations

from html import escape

from .rendering import RenderContext, markdown_literal

EXAM_MAP_PAGE = "study/exam-map.md"


def domain_coverage(content, domain) -> tuple[int, int]:
    """(skills taught, skills in the domain)."""
    ids = [skill.id for group in domain.groups for skill in group.skills]
    return sum(1 for sid in ids if content.coverage.get(sid)), len(ids)


def render_exam_map(ctx: RenderContext) -> str:
    """Per-domain coverage, every skill with the sections teaching it, then the gaps."""
    content = ctx.content
    rows = []
    for domain in content.outline.domains:
        taught, total = domain_coverage(content, domain)
        rows.append(
            f'<tr>\n<th scope="row"><a href="#{escape(domain.id)}">{escape(domain.name)}</a></th>\n'
            f"<td>{domain.weight[0]}–{domain.weight[1]}%</td>\n<td>{taught} of {total}</td>\n"
            f'<td><meter min="0" max="{total}" value="{taught}" aria-label="{escape(domain.name)}: {taught} of {total} skills">'
            f"</meter> {round(100 * taught / total)}%</td>\n</tr>"
        )
    out = [
        '<table class="dp-table"><caption>Coverage of the skills measured, by domain</caption>',
        '<thead><tr>\n<th scope="col">Domain</th>\n<th scope="col">Exam weight</th>\n'
        '<th scope="col">Skills taught</th>\n<th scope="col">Coverage</th>\n</tr></thead>',
        "<tbody>\n" + "\n".join(rows) + "\n</tbody></table>",
        "",
    ]
    for domain in content.outline.domains:
        out += [f"## {markdown_literal(domain.name)} {{#{domain.id}}}", "", f"Exam weight: {domain.weight[0]}–{domain.weight[1]}%.", ""]
        for group in domain.groups:
            items = []
            for skill in group.skills:
                links = content.coverage.get(skill.id, [])
                where = ", ".join(ctx.section_link(link) for link in links) if links else "<em>Not taught yet.</em>"
                items.append(f'<li id="skill-{escape(skill.id)}"><strong>{escape(skill.name)}</strong>: {where}</li>')
            out += [f'<p class="dp-skill-group">{escape(group.name)}</p>', '<ul class="dp-skills">\n' + "\n".join(items) + "\n</ul>", ""]
    missing = [(d, s) for sid, (d, _, s) in content.skills.items() if not content.coverage.get(sid)]
    out += ["## Not taught yet {#not-taught-yet}", ""]
    if missing:
        out.append("These skills of the outline have no section in the guide yet:")
        out.append("")
        out += [f"- {markdown_literal(skill.name)} ({markdown_literal(domain.name)})" for domain, skill in missing]
    else:
        out.append("Every skill of the outline is taught somewhere in the guide.")
    return "\n".join(out)


def render_exam_skills(ctx: RenderContext) -> str:
    """An admonition listing the exam skills the current page teaches."""
    content = ctx.content
    skills = content.page_skills(ctx.page_src)
    if not skills:
        return ""
    items = []
    for sid in skills:
        domain, _, skill = content.skills[sid]
        items.append(
            f'<li><a href="{ctx.href(EXAM_MAP_PAGE)}#skill-{escape(sid)}">{escape(skill.name)}</a>'
            f" ({escape(domain.name)})</li>"
        )
    # Material's admonition markup, so it looks like the page's other boxes.
    return (
        '<div class="admonition info dp-exam-skills"><p class="admonition-title">Exam skills this chapter serves</p>\n'
        '<ul>\n' + "\n".join(items) + "\n</ul></div>"
    )
