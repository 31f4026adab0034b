"""The output check: generated pages that could run script, load from outside
the site or leave it are caught, whatever the spelling; the theme's own
scripts and links pass."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
from mkdocs.exceptions import PluginError

from macros import hooks
from macros.output_check import allowed_from_theme, check_page, report
from tests.conftest import REPO

THEME = [REPO / "overrides", Path(material.__file__).parent / "templates"]
SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def allowed():
    return allowed_from_theme(THEME, ["js/print-site.js"], SITE_URL)


def problems(allowed, html: str, page: str = "part/chapter/index.html") -> list[str]:
    return [str(finding) for finding in check_page(html, page, allowed)]


# Each of these is a way to run script, load from outside or leave the site.
UNSAFE = {
    "javascript link": ('<a href="javascript:alert(1)">x</a>', "a javascript: URL"),
    "entity-encoded scheme": ('<a href="&#106;ava&#x09;script&colon;alert(1)">x</a>', "a javascript: URL"),
    "unquoted, upper case": ("<A HREF=JavaScript:alert(1)>x</A>", "a javascript: URL"),
    "leading space and control": ('<a href=" \x01javascript:alert(1)">x</a>', "a javascript: URL"),
    "second href": ('<a href="https://learn.microsoft.com" href="javascript:alert(1)">x</a>', "a javascript: URL"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', "a vbscript: URL"),
    "data link": ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "a data: URL"),
    "data image": ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "a data: URL"),
    "svg link": ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "a javascript: URL"),
    "form action": ('<form action="javascript:alert(1)"><button>x</button></form>', "a javascript: URL"),
    "event handler": ('<img src="a.png" onerror="alert(1)">', "event-handler attribute 'onerror'"),
    "event handler, odd case": ("<p OnMouseOver=alert(1)>x</p>", "event-handler attribute 'onmouseover'"),
    "inline script": ("<script>alert(1)</script>", "an inline script the theme and overrides/ do not contain"),
    "script of another type": ('<script type="module">alert(1)</script>', "a script of a type the theme does not use"),
    "outside script file": ('<script src="https://cdn.example.org/x.js"></script>', "a script file the theme and overrides/ do not load"),
    "own file, not a theme script": ('<script src="../../assets/dp100/practice-exam.js"></script>', "do not load"),
    "theme script with a handler": ('<script src="../../assets/dp100/dp100.js" onload="alert(1)"></script>', "attributes the theme does not use"),
    "iframe": ('<iframe src="../../index.html"></iframe>', "<iframe> is not allowed"),
    "object": ('<object data="x.swf"></object>', "<object> is not allowed"),
    "embed": ('<embed src="x.swf">', "<embed> is not allowed"),
    "base": ('<base href="https://example.org/">', "<base> is not allowed"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://example.org">', "'http-equiv' is not allowed"),
    "svg animation": ('<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>', "<set> is not allowed"),
    "outside image": ('<img alt="t" src="https://example.org/t.png">', "outside the site"),
    "protocol-relative image": ('<img src="//example.org/t.png">', "outside the site"),
    "backslash image": ('<img src="/\\example.org/t.png">', "outside the site"),
    "srcset": ('<img src="a.png" srcset="a.png 1x, https://example.org/b.png 2x">', "outside the site"),
    "poster": ('<video poster="https://example.org/p.png"></video>', "outside the site"),
    "stylesheet": ('<link rel="stylesheet" href="https://example.org/s.css">', "outside the site"),
    "preconnect": ('<link rel="preconnect" href="https://example.org">', "outside the site"),
    "svg use": ('<svg><use href="https://example.org/i.svg#a"/></svg>', "outside the site"),
    "ping": ('<a href="#x" ping="https://example.org/track">x</a>', "outside the site"),
    "style url": ('<p style="background:url(https://example.org/t.png)">x</p>', "outside the site"),
    "style url, escaped": ('<p style="background:u\\72l(//example.org/t.png)">x</p>', "outside the site"),
    "style element import": ('<style>@import "https://example.org/s.css";</style>', "outside the site"),
    "style element image-set": ("<style>p{background:image-set('https://example.org/a.png' 1x)}</style>", "outside the site"),
    "tag after a short comment": ("<!--> <img src=x onerror=alert(1)> -->", "event-handler attribute 'onerror'"),
    "configuration naming an outside worker": (
        '<script id="__config" type="application/json">{"base": "../..", "search": "https://example.org/w.js"}</script>',
        "naming another search worker",
    ),
}


@pytest.mark.parametrize("case", UNSAFE.values(), ids=UNSAFE.keys())
def test_unsafe_output_is_caught(allowed, case):
    html, problem = case
    found = problems(allowed, html)
    assert found and problem in found[0], found


SAFE = {
    "documentation link": '<a href="https://learn.microsoft.com/en-us/azure/machine-learning/">Learn</a>',
    "page links": '<a href="../other/#anchor">x</a> <a href="#here">y</a> <a href="mailto:a@example.org">z</a>',
    "own image and style": '<img src="../../assets/images/favicon.png"> <p style="color: red">x</p>',
    "theme scripts": '<script defer src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
                     '<script defer src="../../assets/dp100/dp100.js"></script><script defer src="../../js/print-site.js"></script>',
    "material's share button": '<a href="javascript:void(0)" class="md-search__icon md-icon" title="Share">',
    "markup in a comment": "<!-- <script>alert(1)</script> --><p>after</p>",
    "markup as text": "<p>&lt;script&gt;alert(1)&lt;/script&gt; and javascript:alert(1) and onclick=x</p>",
    "code sample": '<pre><code><span class="nt">&lt;img</span> <span class="na">onerror=</span>x&gt;</code></pre>',
    "canonical link": '<link rel="canonical" href="https://example.org/elsewhere/">',
}


def test_only_one_configuration_block(allowed):
    """The bundle reads the first block on the page: a second, earlier one
    from content would take over the search worker's address."""
    block = '<script id="__config" type="application/json">{"base": "../..", "search": "../../assets/javascripts/workers/search.a7633da7.min.js"}</script>'
    assert problems(allowed, block) == []
    assert problems(allowed, block + block) == [
        '<script id="__config" type="application/json">: a second Material configuration block'
    ]


def scope_script(built_site) -> str:
    """Material's inline script that sets the storage scope, from the home page."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    start = home.index('<script>__md_scope=new URL(".",location)')
    return home[start: home.index("</script>", start) + len("</script>")]


def test_a_site_served_below_a_path_passes_its_404_page(built_site):
    """404.html names the site's root path instead of the way up to it."""
    allowed = allowed_from_theme(THEME, [], "https://example.github.io/dp100/")
    config = '<script id="__config" type="application/json">{{"base": "{}", "search": "{}"}}</script>'
    worker = "/dp100/assets/javascripts/workers/search.a7633da7.min.js"
    scope = scope_script(built_site)
    assert check_page(config.format("/dp100/", worker), "404.html", allowed) == []
    assert check_page(scope.replace('URL(".",', 'URL("/dp100/",'), "404.html", allowed) == []
    assert problems(allowed, config.format("https://example.org/", worker), "404.html")
    assert problems(allowed, scope.replace('URL(".",', 'URL("//example.org/",'), "404.html")


@pytest.mark.parametrize("html", SAFE.values(), ids=SAFE.keys())
def test_what_the_site_needs_passes(allowed, html):
    assert problems(allowed, html) == []


def test_inline_scripts_are_the_themes_exactly(allowed, built_site):
    """Material's inline scripts pass wherever the page sits (their one
    template expression is the page's base path); changed by a byte, they fail."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert check_page(home, "index.html", allowed) == []
    palette = home[home.index('<script>var palette='):]
    palette = palette[: palette.index("</script>") + len("</script>")]
    assert problems(allowed, palette) == []
    assert problems(allowed, palette.replace("var palette=", "alert(1);var palette="))
    block = scope_script(built_site).replace('URL(".",', 'URL("../..",')
    assert problems(allowed, block) == []
    assert problems(allowed, block.replace('URL("../..",', 'URL("x"+alert(1)+"",')), "a template value is a path, never code"


def test_the_built_site_passes(allowed, built_site):
    # Its cost (about 0.2 s for 6 MB of pages) is measured by benchmarks/run.py, not timed here.
    pages = [(path.relative_to(built_site).as_posix(), path.read_text(encoding="utf-8")) for path in built_site.rglob("*.html")]
    cache: dict = {}
    assert [(name, finding) for name, text in pages for finding in check_page(text, name, allowed, cache)] == []


def test_report_names_page_source_and_where_the_text_was_written(allowed, tmp_path):
    (tmp_path / "data").mkdir()
    data = tmp_path / "data" / "table.yml"
    data.write_text("caption: fine\nrows:\n  - cell: '[x](javascript:alert(document.domain))'\n")
    findings = check_page('<p><a href="javascript:alert(document.domain)">x</a></p>', "comparisons/index.html", allowed)
    message = report("comparisons/index.html", "docs/comparisons.md", findings, [data], tmp_path)
    assert message.splitlines() == [
        "Unsafe output: comparisons/index.html (from docs/comparisons.md):",
        '  <a href="javascript:alert(document.domain)">: a javascript: URL (written at data/table.yml:3)',
    ]


def test_html_in_the_exports_is_checked_and_an_unsafe_export_removed(tmp_path):
    """The practice exam and review queue put the exports' *_html fields into
    pages: the check reads them as it reads pages."""
    bank = tmp_path / "site" / "exports" / "questions.json"
    bank.parent.mkdir(parents=True)
    bank.write_text(json.dumps({"questions": [{"prompt_html": "<p>Fine</p>", "choices": [
        {"text_html": "<code>ok</code>"}, {"text_html": '<a href="javascript:alert(1)">x</a>'}]}]}))
    config = {"theme": SimpleNamespace(dirs=THEME, custom_dir=str(REPO / "overrides")), "extra_javascript": [],
              "site_url": SITE_URL, "site_dir": str(tmp_path / "site"), "docs_dir": str(tmp_path / "docs"),
              "config_file_path": str(tmp_path / "mkdocs.yml")}
    hooks.on_config(config)
    with pytest.raises(PluginError) as caught:
        hooks.on_post_build(config)
    assert str(caught.value) == ("Unsafe output: exports/questions.json: questions[0].choices[1].text_html:\n"
                                 '  <a href="javascript:alert(1)">: a javascript: URL')
    assert not bank.exists()
