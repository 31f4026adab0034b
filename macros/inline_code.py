"""Long inline code wraps between its parts, never inside an identifier.

Material lets inline code break at any character, which turns
``sampling_algorithm`` into "sampli / ng_alg / orithm" in narrow table cells,
on desktops too. dp100.css takes that licence away; this Markdown extension
gives long code spans somewhere to wrap instead: a ``<wbr>`` (a line-break
opportunity that adds no character, so copied code is unchanged) after a path
separator, an opening bracket, a comma or an operator, and before a dot that
starts a member name. ``ml_client.jobs.create_or_update(job)`` may wrap as
``ml_client`` / ``.jobs`` / ``.create_or_update(`` / ``job)``, and an
``azureml://`` path after each ``/``. A name too long for a phone's line
wraps between its words, never inside one.
"""

from __future__ import annotations

import html
import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

# Shorter spans fit on any line; breaking them would only split them needlessly.
MIN_LENGTH = 20
BREAK = re.compile(
    r"(?<=/)(?!/)"                     # after a run of slashes: azureml:// | registries/ | ...
    r"|(?<=[(\[])(?![(\[)\]])"          # after an opening bracket, unless it closes at once: create( | job)
    r"|(?<=[,;=&?|])(?![=&|])(?=.)"   # after a separator or an operator: a=, | b
    r"|(?<=:)(?![:/])(?=.)"            # after a colon, but not inside :: or ://
    r"|(?<=[\w>)\]])(?=\.[^\W\d])"      # before a member or a domain part: ml_client | .jobs
    r"|(?=@)"                          # before an at sign: <file-system> | @<account>
)
# A name longer than this (a quiz choice on a phone holds about 29 characters)
# may also wrap between its words: max_concurrent_ | requests_per_instance.
LONG_NAME = 28
WITHIN_NAME = re.compile(r"(?<=_)(?=[^\W_])|(?<=[a-z])(?=[A-Z])")
# Inline code in the finished HTML: no attributes, no markup. Code blocks
# open with <pre> or, highlighted, <pre><span></span>; highlighted inline
# code holds spans.
INLINE_CODE = re.compile(r"(?<!<pre>)(?<!</span>)<code>([^<]{%d,})</code>" % MIN_LENGTH)


def break_points(code: str) -> list[str]:
    """``code`` cut where a line may wrap; one piece when it is short."""
    if len(code) < MIN_LENGTH:
        return [code]
    return [piece for part in _cut(code, BREAK) for piece in (_cut(part, WITHIN_NAME) if len(part) > LONG_NAME else [part])]


def _cut(text: str, where: re.Pattern) -> list[str]:
    cuts = [match.start() for match in where.finditer(text) if 0 < match.start() < len(text)]
    return [text[start:end] for start, end in zip([0, *cuts], [*cuts, len(text)])]


def with_breaks(match: re.Match) -> str:
    pieces = break_points(html.unescape(match.group(1)))
    return "<code>" + "<wbr>".join(html.escape(piece, quote=False) for piece in pieces) + "</code>"


class _CodeBreaks(Postprocessor):
    def run(self, text: str) -> str:
        return INLINE_CODE.sub(with_breaks, text)


class InlineCodeBreaks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the stashed HTML is back in place (30): pymdownx.inlinehilite
        # stashes inline code, so it is only text again here.
        md.postprocessors.register(_CodeBreaks(md), "dp100_code_breaks", 25)
