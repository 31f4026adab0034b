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

from .output_check import url_scheme

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
# An inline code span, as Python-Markdown reads one: it may wrap onto the
# next lines of its paragraph, never across a blank line.
CODE_SPAN = re.compile(r"(?<![`\\])(?P<ticks>`+)(?P<code>(?:[^\n]|\n(?![ \t]*\n))+?)(?<!`)(?P=ticks)(?!`)")
JINJA_SYNTAX = re.compile(r"\{[{%#]")
# Every spelling that ends a Jinja raw block: whitespace control, spacing.
RAW_END = re.compile(r"\{%[-+]?\s*endraw\s*[-+]?%\}")


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


def _without_code_spans(text: str) -> str:
    """``text`` with each inline code span blanked, its line breaks kept."""
    return CODE_SPAN.sub(lambda span: re.sub(r"\S+", " ", span.group(0)), text)


def prose_lines(markdown: str) -> list[str]:
    """Lines outside fenced code, with inline code spans blanked out."""
    out: list[str] = []
    for is_code, lines in segments(markdown):
        if not is_code:
            out.extend(line.rstrip("\r\n") for line in _without_code_spans("".join(lines)).splitlines(keepends=True))
    return out


def _raw(text: str) -> str:
    """Wrap text in a Jinja raw block, keeping any literal endraw intact."""
    return "{% raw %}" + RAW_END.sub(lambda end: "{% endraw %}{{ " + repr(end.group(0)) + " }}{% raw %}", text) + "{% endraw %}"


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
COMMENT = re.compile(r"<!--.*?-->")
# Where a link or image names its address: `[text](address` and a reference
# definition `[label]: address`.
LINK_ADDRESS = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)|^[ ]{0,3}()\[[^\]]+\]:[ \t]*<?(\S*)")
# An attribute list, `{: #id .class key=value }`, and each key it sets.
ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")
ATTRIBUTE_KEY = re.compile(r"([^\s=}]+)\s*=")
JINJA_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:\s|$)")
# Below space but tab and line ends, DEL, and C1: they would reach the page.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
PAGE_LINK_SCHEMES = {"http", "https", "mailto"}


def _line_problems(text: str) -> list[str]:
    """What is wrong with one line of prose (code spans already blanked)."""
    found = []
    text = COMMENT.sub(" ", AUTOLINK.sub(" ", text))
    if RAW_HTML.search(text):
        found.append("raw HTML is not allowed in pages; use Markdown or a macro")
    for image, address, _, reference in LINK_ADDRESS.findall(text):
        scheme = url_scheme(address or reference)
        if scheme and scheme not in PAGE_LINK_SCHEMES:
            found.append(f"links must be http(s) or page links, not {scheme}: URLs")
        elif image and (scheme or address.startswith("//")):
            found.append("images must be files of the site: a page makes no request outside it")
    for attributes in ATTRIBUTE_LIST.findall(JINJA_CODE.sub(" ", text)):
        for key in ATTRIBUTE_KEY.findall(attributes):
            found.append("event-handler attributes (on...=) are not allowed" if key.lower().startswith("on")
                         else f"attribute lists may set only #id and .class, not '{key}'")
    if HEADING.match(text) and JINJA_CODE.search(text):
        found.append("a macro in a heading: the heading's anchor is worked out from its text as written; "
                     "write the heading as plain text")
    return found


def check_prose(markdown: str) -> list[tuple[int, str]]:
    """Problems in a page, as ``(line number, message)`` pairs: in prose,
    anything but Markdown; anywhere, control characters."""
    problems: list[tuple[int, str]] = []
    number = 0
    for is_code, lines in segments(markdown):
        checked = lines if is_code else _without_code_spans("".join(lines)).splitlines(keepends=True)
        for line, text in zip(lines, checked):
            number += 1
            control = CONTROL_CHARACTER.search(line)
            if control:
                problems.append((number, f"control character U+{ord(control.group()):04X} at column {control.start() + 1}"))
            if not is_code:
                problems += [(number, problem) for problem in _line_problems(text)]
    return problems
