"""Code-aware scanning of page Markdown.

Pages are Jinja templates (mkdocs-macros) *and* Markdown. Code samples must reach
the reader exactly as written, so before Jinja runs, :func:`shield_code` wraps
every fenced block and inline code span that contains Jinja syntax in
``{% raw %}``. Azure ML's ``${{inputs.x}}``, GitHub Actions expressions and
prompt-flow templates therefore need no escaping by contributors.

:func:`check_prose` enforces that pages contain Markdown only: no raw HTML, no
``javascript:`` links, no event-handler attributes. Pages never need HTML;
macros produce it from validated data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)")
JINJA_SYNTAX = re.compile(r"\{[{%#]")
RAW_END = "{% endraw %}"


def segments(markdown: str) -> Iterator[tuple[bool, list[str]]]:
    """Yield ``(is_code, lines)`` runs: fenced code blocks versus everything else."""
    prose: list[str] = []
    lines = markdown.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            prose.append(lines[i])
            i += 1
            continue
        if prose:
            yield False, prose
            prose = []
        fence = opening.group("fence")
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        block = [lines[i]]
        i += 1
        while i < len(lines):
            block.append(lines[i])
            i += 1
            if closing.match(block[-1].rstrip("\r\n")):
                break
        yield True, block
    if prose:
        yield False, prose


def prose_lines(markdown: str) -> list[str]:
    """Lines outside fenced code, with inline code spans blanked out."""
    out: list[str] = []
    for is_code, lines in segments(markdown):
        if not is_code:
            out.extend(CODE_SPAN.sub(" ", line.rstrip("\r\n")) for line in lines)
    return out


def _raw(text: str) -> str:
    """Wrap text in a Jinja raw block, keeping any literal endraw intact."""
    return "{% raw %}" + text.replace(RAW_END, RAW_END + "{{ '" + RAW_END + "' }}{% raw %}") + RAW_END


def shield_code(markdown: str) -> str:
    """Protect code samples from Jinja without changing a single rendered line."""
    out: list[str] = []
    for is_code, lines in segments(markdown):
        text = "".join(lines)
        if is_code:
            if JINJA_SYNTAX.search(text):
                # Keep the fence's indentation in front, so admonitions and tabs still nest.
                indent = FENCE.match(lines[0]).group("indent")
                body = text[len(indent):]
                newline = body[len(body.rstrip("\r\n")):]
                text = indent + _raw(body.rstrip("\r\n")) + newline
            out.append(text)
        else:
            out.append(_shield_prose(text))
    return "".join(out)


def _shield_prose(text: str) -> str:
    """Shield inline code, and attribute lists such as ``## Title {#my-id}``.

    Markdown's ``{#id}`` would open a Jinja comment; pages never use Jinja
    comments, so ``{#`` in prose is always meant literally.
    """
    pieces, last = [], 0
    for span in CODE_SPAN.finditer(text):
        pieces.append(text[last:span.start()].replace("{#", "{{ '{#' }}"))
        code = span.group(0)
        pieces.append(_raw(code) if JINJA_SYNTAX.search(code) else code)
        last = span.end()
    pieces.append(text[last:].replace("{#", "{{ '{#' }}"))
    return "".join(pieces)


RAW_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])")
AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
SCRIPT_URL = re.compile(r"\]\(\s*<?\s*(?:javascript|data|vbscript):", re.I)
EVENT_ATTR = re.compile(r"\{[^}]*\bon[a-z]+\s*=", re.I)


def check_prose(markdown: str) -> list[tuple[int, str]]:
    """Problems in page prose, as ``(line number, message)`` pairs."""
    problems: list[tuple[int, str]] = []
    number = 0
    for is_code, lines in segments(markdown):
        for line in lines:
            number += 1
            if is_code:
                continue
            text = AUTOLINK.sub(" ", CODE_SPAN.sub(" ", line))
            text = re.sub(r"<!--.*?-->", " ", text)
            if RAW_HTML.search(text):
                problems.append((number, "raw HTML is not allowed in pages; use Markdown or a macro"))
            if SCRIPT_URL.search(text):
                problems.append((number, "links must be http(s) or page links, not script or data URLs"))
            if EVENT_ATTR.search(text):
                problems.append((number, "event-handler attributes (on...=) are not allowed"))
    return problems
