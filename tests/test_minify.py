"""Our scripts and styles ship without their comments (macros/minify.py)."""

from __future__ import annotations

import subprocess

import pytest

from macros.minify import css_without_comments, js_without_comment_lines
from tests.conftest import REPO

OWN = REPO / "overrides" / "assets" / "dp100"


@pytest.mark.parametrize(("source", "shipped"), [
    ("// why\nconst a = 1;  // kept: code comes first\n", "const a = 1;  // kept: code comes first\n"),
    ("/* a block\n   over lines */\nrun();\n/* one line */\n", "run();\n"),
    ("/** doc */ const b = 2;\n", "/** doc */ const b = 2;\n"),
    # Inside a template literal, "//" and "/*" are text.
    ("t = `first\n// text\n/* text */\n`;\n// gone\n", "t = `first\n// text\n/* text */\n`;\n"),
    # A template inside a ${ } of another, and a brace in a string within it.
    ("t = `${x ? `a` : '}'}\n// text still\n`;\n", "t = `${x ? `a` : '}'}\n// text still\n`;\n"),
    # A backtick in a string or after // opens no template.
    ("s = '`'; // `\n// gone\n", "s = '`'; // `\n"),
])
def test_only_comment_lines_go(source, shipped):
    assert js_without_comment_lines(source) == shipped


def test_every_script_still_parses_and_keeps_its_code(tmp_path):
    for path in sorted(OWN.glob("*.js")):
        source = path.read_text(encoding="utf-8")
        shipped = js_without_comment_lines(source)
        assert len(shipped) < len(source), path.name
        # Only whole lines go, so every line shipped is a line of the source, in order.
        lines = iter(source.split("\n"))
        assert all(line in lines for line in shipped.split("\n")), path.name
        out = tmp_path / path.name
        out.write_text(shipped, encoding="utf-8")
        assert subprocess.run(["node", "--check", str(out)], capture_output=True).returncode == 0, path.name


def test_styles_lose_comments_and_indentation_only():
    css = ('/* why */\n.a::before { content: "/* kept */ ⚑ " / ""; }\n\n'
           "@container t (max-width: 30rem) {\n  .b :is(.c, .d) { margin : 0 } /* how */\n}\n")
    assert css_without_comments(css) == ('.a::before { content: "/* kept */ ⚑ " / ""; }\n'
                                         "@container t (max-width: 30rem) {\n.b :is(.c, .d) { margin : 0 }\n}\n")
