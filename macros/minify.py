"""Our scripts and styles as a browser gets them: without the comments their
sources keep for contributors, about a quarter of the gzipped weight every
page loads (``benchmarks/run.py`` reports it). Pure functions, text in and
text out; :func:`minify_folder` applies them to the built site (hooks.py).

Nothing that is code is rewritten: scripts lose only the lines that hold
nothing but a comment, found with a scan that knows template literals, and
styles their comments and indentation. General minifiers from PyPI broke
this code: rjsmin nested template literals, rcssmin the space before ``:is(``
inside ``@container``.
"""

from __future__ import annotations

from pathlib import Path


def js_without_comment_lines(source: str) -> str:
    """``source`` without its comment-only lines; a line counts only when it
    starts in code, not inside a template literal or a block comment."""
    kept: list[str] = []
    templates: list[int] = []
    in_comment = False
    for line in source.split("\n"):
        text = line.strip()
        if in_comment:
            if "*/" not in line:
                continue
            in_comment = False
            line = line.split("*/", 1)[1]
            if not line.strip():
                continue
        elif not templates and text.startswith("//"):
            continue
        elif not templates and text.startswith("/*"):
            if "*/" not in text:
                in_comment = True
                continue
            if not text.split("*/", 1)[1].strip():
                continue
        kept.append(line)
        templates = _templates_after(line, templates)
    return "\n".join(kept)


def _templates_after(line: str, templates: list[int]) -> list[int]:
    """The template literals open after ``line``: one entry per template, -1
    while in its text, else the braces open in its current ``${ }``."""
    templates = list(templates)
    i = 0
    while i < len(line):
        char = line[i]
        if templates and templates[-1] == -1:  # template text
            if char == "\\":
                i += 1
            elif char == "`":
                templates.pop()
            elif line.startswith("${", i):
                templates[-1] = 0
                i += 1
        elif char in "'\"":  # a string ends on its line
            i += 1
            while i < len(line) and line[i] != char:
                i += 2 if line[i] == "\\" else 1
        elif line.startswith("//", i):
            break
        elif char == "`":
            templates.append(-1)
        elif templates and char == "{":
            templates[-1] += 1
        elif templates and char == "}":
            templates[-1] = -1 if templates[-1] == 0 else templates[-1] - 1
        i += 1
    return templates


def css_without_comments(source: str) -> str:
    """``source`` without comments, indentation and blank lines; strings kept."""
    kept, i = [], 0
    while i < len(source):
        if source[i] in "'\"":
            end = i + 1
            while end < len(source) and source[end] != source[i]:
                end += 2 if source[end] == "\\" else 1
            kept.append(source[i:end + 1])
            i = end + 1
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i = len(source) if end < 0 else end + 2
        else:
            kept.append(source[i])
            i += 1
    return "\n".join(line.strip() for line in "".join(kept).split("\n") if line.strip()) + "\n"


def minify_folder(folder: Path) -> None:
    """Every script and stylesheet in ``folder``, rewritten minified."""
    for pattern, minify in (("*.js", js_without_comment_lines), ("*.css", css_without_comments)):
        for path in sorted(folder.glob(pattern)):
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
