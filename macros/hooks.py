"""MkDocs hooks (``hooks:`` in mkdocs.yml): steps that must run after every
plugin, which a mkdocs-macros module cannot do: the print page's last touch,
a linear-time workaround for print-site, the output check on everything the
build writes (:mod:`output_check`), and, in ``mkdocs serve``, the edit loop
(:mod:`edit_loop`) in place of a full rebuild on every save.

MkDocs loads this file on its own, not as part of the ``macros`` package,
with this folder on ``sys.path``: it uses :mod:`output_check`, which needs
nothing but the standard library, and, when serving, the edit loop from the
package mkdocs-macros has loaded by then.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import mkdocs_print_site_plugin.urls as print_site_urls
from mkdocs.exceptions import PluginError

try:
    from . import output_check
    from .minify import minify_folder
except ImportError:  # loaded by MkDocs from its file path
    import output_check
    from minify import minify_folder

# Where macros/exports.py writes the exports.
EXPORTS = "exports"
# Our own scripts and styles in the site (from overrides/assets/dp100).
OWN_ASSETS = "assets/dp100"
# print-site's default name for the page, which mkdocs.yml keeps.
PRINT_PAGE = Path("print_page") / "index.html"
# The stylesheet a quiz with item kinds links (macros/quiz.py), relative to
# its chapter; the print page holds every quiz and lives elsewhere.
QUIZ_KINDS_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*assets/dp100/quiz-kinds\.css">\n?')
PRINT_PAGE_KINDS_LINK = '<link rel="stylesheet" href="../assets/dp100/quiz-kinds.css">\n'
# A glossary tooltip as Python-Markdown's abbr extension writes it.
TOOLTIP = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
# mkdocs-print-site-plugin 2.9 rewrites each page for the print page with
# patterns run over the whole page: update_anchor_ids'
# `<([^\s]+).*?id="([^"]*?)".*?>` scans from every tag to the end of its line,
# and fix_href_links replaces each link it finds in the whole page again. A
# 200 KB line took minutes. Each step runs on the tags it rewrites instead.
PRINT_SITE_TAGS = {
    "update_anchor_ids": re.compile(r"<(?:h[1-6]|sup|li)\s[^>]*>"),
    "fix_href_links": re.compile(r"<a\s[^>]*>", re.I),
}
# Files a browser opens as a document, which can hold markup and script.
MARKUP_FILES = ("*.html", "*.htm", "*.xhtml", "*.svg")
# The edit loop's name among the plugins of a `mkdocs serve` build.
EDIT_LOOP = "dp100/edit-loop"


def without_tooltips(html: str) -> str:
    """``html`` with each glossary tooltip replaced by the term's plain text."""
    return TOOLTIP.sub(r"\1", html)


def one_kinds_stylesheet(html: str) -> str:
    """The print page's quizzes each link quiz-kinds.css relative to their
    chapter: one link instead, in the head, relative to the print page."""
    if not QUIZ_KINDS_LINK.search(html):
        return html
    return QUIZ_KINDS_LINK.sub("", html).replace("</head>", PRINT_PAGE_KINDS_LINK + "</head>", 1)


def tag_by_tag(step, tags: re.Pattern):
    """print-site's ``step(page_html, ...)`` applied to each tag ``tags``
    matches instead of to the whole page at once: the same result, in time
    linear in the page (see PRINT_SITE_TAGS)."""
    step = getattr(step, "__wrapped__", step)  # `mkdocs serve` loads this file again

    @functools.wraps(step)
    def linear(page_html: str, *args) -> str:
        return tags.sub(lambda tag: step(tag.group(0), *args), page_html)

    return linear


class _Build:
    """What the output check needs during one build (``mkdocs serve`` runs many)."""

    allowed: output_check.Allowed
    # Output path -> source file ("docs/..."), for pages and copied files.
    source_of: dict[str, str] = {}
    checked: set[str] = set()
    cache: dict = {}
    # `mkdocs serve`, live-reloading, with every save rebuilding what it changed.
    edit_loop = None
    serving = False


def on_startup(command, dirty, **kwargs):
    # `--dirty` asks for MkDocs' own partial rebuilds instead.
    _Build.serving = command == "serve" and not dirty


def on_config(config, **kwargs):
    # print-site's fix_internal_links looks these up at each call.
    for name, tags in PRINT_SITE_TAGS.items():
        setattr(print_site_urls, name, tag_by_tag(getattr(print_site_urls, name), tags))
    _Build.allowed = output_check.allowed_from_theme(config["theme"].dirs, config["extra_javascript"], config["site_url"] or "")
    _Build.checked, _Build.cache = set(), {}
    if _Build.serving:
        if _Build.edit_loop is None:
            from macros.edit_loop import EditLoop  # the package mkdocs-macros loaded (module_name: macros)

            _Build.edit_loop = EditLoop({PRINT_PAGE.as_posix(): make_print_page, f"{EXPORTS}/": make_exports})
        # Each build has new plugins; the loop follows them all (after this file).
        config.plugins[EDIT_LOOP] = _Build.edit_loop
    return config


def on_files(files, config, **kwargs):
    docs = Path(config["docs_dir"])
    _Build.source_of = {
        file.dest_uri: f"docs/{file.src_uri}" for file in files
        if file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs)
    }
    return files


def _check(text: str, page: str, config, name: str = "") -> None:
    """Stop the build when ``text``, shown at ``page`` in the site, is
    unsafe; ``name`` names it when it is not the page itself."""
    findings = output_check.check_page(text, page, _Build.allowed, _Build.cache)
    _Build.checked.add(page)
    if not findings:
        return
    source = None if name else _Build.source_of.get(page)
    root = Path(config["config_file_path"]).parent
    own = [root / source] if source else []
    candidates = own + sorted((root / "data").rglob("*.yml")) + sorted(Path(config["docs_dir"]).rglob("*.md"))
    candidates += sorted(Path(config["theme"].custom_dir or root).rglob("*.html"))
    raise PluginError(output_check.report(name or page, source, findings, candidates, root))


def on_post_page(output, page, config, **kwargs):
    # Before MkDocs writes the page: an unsafe page never reaches the site.
    _check(output, page.file.dest_uri, config)
    return output


def on_post_build(config, **kwargs) -> None:
    site = Path(config["site_dir"])
    minify_folder(site / OWN_ASSETS)
    finish_print_page(config)
    # Then every document written without passing on_post_page: 404.html,
    # and files copied from docs/ as they are.
    for path in sorted(path for pattern in MARKUP_FILES for path in site.rglob(pattern)):
        name = path.relative_to(site).as_posix()
        if name not in _Build.checked:
            _check_file(path, lambda text: _check(text, name, config))
    check_exports(config)


def finish_print_page(config) -> None:
    """Paper has no hover: the print page, written by print-site's own
    post-build step just before this one, drops its tooltips (a twentieth of
    its weight), and links the item kinds' stylesheet once. Then the output
    check."""
    page = Path(config["site_dir"]) / PRINT_PAGE
    if page.is_file():
        page.write_text(one_kinds_stylesheet(without_tooltips(page.read_text(encoding="utf-8"))), encoding="utf-8")
        _check_file(page, lambda text: _check(text, PRINT_PAGE.as_posix(), config))


def check_exports(config) -> None:
    """The question bank and glossary exports hold HTML the study tools show;
    their links are relative to the site root."""
    site = Path(config["site_dir"])
    for path in sorted((site / EXPORTS).glob("*.json")):
        name = path.relative_to(site).as_posix()
        _check_file(path, lambda text: _check_export(text, name, config))


def make_print_page(config) -> None:
    """For the edit loop: the print page again, from the pages as they are now."""
    config.plugins["print-site"].on_post_build(config)
    finish_print_page(config)


def make_exports(config) -> None:
    """For the edit loop: the exports and Anki deck again, from the content as it is now."""
    config.plugins["macros"].on_post_build(config)
    check_exports(config)


def _check_export(text: str, name: str, config) -> None:
    for where, html in output_check.html_fields(json.loads(text)):
        _check(html, "index.html", config, f"{name}: {where}")


def _check_file(path: Path, check) -> None:
    """``check(text of path)``; an unsafe file is removed before the build
    stops, so that `mkdocs serve` does not serve it meanwhile."""
    try:
        check(path.read_text(encoding="utf-8", errors="replace"))
    except PluginError:
        path.unlink()
        raise
