"""The macros a page may call, what each takes, and the calls a page makes.

Calls are read with Jinja's own parser from the page's ``{{ … }}`` expressions
(code and HTML comments left out), so they are checked when the content loads,
before any page renders, and every problem names the page and the call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2
from jinja2 import nodes

from .errors import ContentError


@dataclass(frozen=True)
class Arguments:
    """What a macro takes: quoted ids naming ``what``, exactly one or (with
    ``many``) one or more; an empty ``what`` takes nothing."""

    what: str = ""
    many: bool = False

    def check(self, page_src: str, macro: str, args: tuple, kwargs: dict) -> tuple:
        """``args`` when the call fits; otherwise a ContentError naming the
        page and the call as written."""
        written = ", ".join([*map(repr, args), *(f"{key}={value!r}" for key, value in kwargs.items())])

        def wrong(problem: str) -> ContentError:
            return ContentError(f"docs/{page_src}", f"{macro}({written})", "(arguments)", problem)

        expected = ("no arguments" if not self.what else
                    f"one or more {self.what}s in quotes" if self.many else f"one {self.what} in quotes")
        if kwargs:
            raise wrong(f"takes {expected}, not keyword arguments")
        fits = (len(args) == 1 or (self.many and len(args) > 1)) if self.what else not args
        if not fits:
            raise wrong(f"takes {expected}; got {len(args)}")
        for number, value in enumerate(args, start=1):
            if not isinstance(value, str):
                raise wrong(f"argument {number} must be a {self.what} in quotes, not {value!r}")
        return args


NO_ARGUMENTS = Arguments()
MACRO_ARGUMENTS = {
    "glossary_cards": Arguments("glossary term id", many=True),
    "comparison_table": Arguments("comparison table id"),
    "quiz": Arguments("quiz id"),
    "diagram": Arguments("diagram id"),
    "study_app": Arguments("study app name"),
    "exam_skills": NO_ARGUMENTS,
    "flashcards": NO_ARGUMENTS,
    "export_links": NO_ARGUMENTS,
    "study_tools": NO_ARGUMENTS,
    "glossary_index": NO_ARGUMENTS,
    "comparison_index": NO_ARGUMENTS,
    "exam_map": NO_ARGUMENTS,
}

EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_JINJA = jinja2.Environment()


class Expression:
    """An argument that is not a literal: its value is known only at render time."""

    def __repr__(self) -> str:
        return "an expression"


def _value(node):
    return node.value if isinstance(node, nodes.Const) else Expression()


def page_calls(prose: str) -> list[tuple[str, tuple, dict]]:
    """``(macro, args, kwargs)`` for each call of a page macro in ``prose``
    (page text without code), leaving out HTML comments, where a call
    would render and show nothing. An expression Jinja cannot parse is left
    to the render, which reports it."""
    calls = []
    for expression in EXPRESSION.findall(HTML_COMMENT.sub(" ", prose)):
        try:
            tree = _JINJA.parse("{{" + expression + "}}")
        except jinja2.TemplateSyntaxError:
            continue
        for call in tree.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name in MACRO_ARGUMENTS:
                calls.append((call.node.name, tuple(map(_value, call.args)),
                              {keyword.key: _value(keyword.value) for keyword in call.kwargs}))
    return calls
