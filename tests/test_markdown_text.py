"""Code shielding from Jinja, and the Markdown-only rule for pages."""

import jinja2
import pytest

from macros.markdown_text import check_prose, prose_lines, shield_code


def render(markdown: str) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.from_string(shield_code(markdown)).render(answer=42)


@pytest.mark.parametrize(
    "markdown",
    [
        '```python\ncommand="python train.py --reg ${{inputs.reg_rate}}"\n```\n',
        "Inline `${{outputs.model}}` code.\n",
        "!!! tip\n    ```yaml\n    command: python x.py ${{inputs.a}}\n    ```\n",
        "=== \"CLI\"\n\n    ~~~bash\n    echo '{% if x %}{# c #}'\n    ~~~\n",
        "```jinja\n{% for m in messages %}{{ m.role }}{% endfor %}\n```\n",
        "```text\nliteral {% endraw %} inside code {{ x }}\n```\n",
        "Two spans: `{{a}}` and ``{% b %}`` here.\n",
        "### The `automl.classification()` function {#automl-classification-function}\n",
        "A paragraph with attributes.\n{#para-id .note}\n",
        "```text\n{%- endraw %} and {% endraw -%} and {%+endraw+%} {{ x }}\n```\n",
        "Inline `{%- endraw %}` and `{%endraw%}` code.\n",
        "A span that wraps `ml_client.jobs\n.create({{ job }})` onto its second line.\n",
    ],
)
def test_code_reaches_reader_unchanged(markdown):
    assert render(markdown) == markdown


def test_macros_in_prose_still_render():
    assert render("Answer: {{ answer }}.\n\n```\n{{ answer }}\n```\n") == "Answer: 42.\n\n```\n{{ answer }}\n```\n"


def test_unclosed_fence_is_code_to_the_end():
    assert render("```\n${{inputs.x}}\n") == "```\n${{inputs.x}}\n"


def test_prose_lines_skip_code():
    lines = prose_lines("Text `code` end\n```\nhidden\n```\nafter\n")
    assert lines == ["Text   end", "after"]


@pytest.mark.parametrize(
    "markdown, line, fragment",
    [
        ("Hello <script>alert(1)</script>\n", 1, "raw HTML"),
        ('<div class="x">boxed</div>\n', 1, "raw HTML"),
        ("A line break<br>here\n", 1, "raw HTML"),
        ("[click](javascript:alert(1))\n", 1, "not javascript: URLs"),
        ("[img](data:text/html;base64,xx)\n", 1, "not data: URLs"),
        ("[x](java&#x09;script&#58;alert(1))\n", 1, "not javascript: URLs"),
        ("See [the docs][evil].\n\n[evil]: javascript:alert(1)\n", 3, "not javascript: URLs"),
        ('[x](https://a.b){ onclick="alert(1)" }\n', 1, "event-handler"),
        ('[x](https://a.b){ href="javascript:alert(1)" }\n', 1, "attribute lists may set only #id and .class, not 'href'"),
        ('## Intro {: style="background:url(https://example.org/t.png)" }\n', 1, "not 'style'"),
        ("![t](https://example.org/t.png)\n", 1, "images must be files of the site"),
        ("Text\n\n## Compute {{ \"x\" }}\n", 3, "a macro in a heading"),
        ("Bell \x07 here\n", 1, "control character U+0007 at column 6"),
        ("```\nprint('\x1b[31m red')\n```\n", 2, "control character U+001B at column 8"),
    ],
)
def test_unsafe_prose_is_reported_with_line(markdown, line, fragment):
    problems = check_prose("# Title\n\n" + markdown)
    assert problems and problems[0][0] == line + 2 and fragment in problems[0][1], problems


@pytest.mark.parametrize(
    "markdown",
    [
        "Use `<div>` in code spans.\n",
        "```html\n<script>ok in code</script>\n```\n",
        "An autolink <https://learn.microsoft.com> is fine.\n",
        "Comparisons like a < b and b > a are text.\n",
        "<!-- a comment for contributors -->\n",
        "[Learn](https://learn.microsoft.com){ .md-button }\n",
        "## A heading {#with-an-id}\n",
        "Code may say `{x=1}`, `[a](javascript:b)` or `<b>`, even when\nit wraps: `a <b\n=c>` here.\n",
        '{{ glossary_cards("compute-cluster", "compute-instance") }}\n',
        "![Diagram](../assets/diagram.png)\n",
    ],
)
def test_markdown_only_pages_pass(markdown):
    assert check_prose(markdown) == []
