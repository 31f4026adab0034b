"""The guarantee behind every input check: what the build writes cannot run
script, load anything from outside the site, or leave it on its own.

Input checks give precise messages, but a pattern on the input always misses a
spelling. This module reads the *output*: every generated page, tokenized the
way a browser tokenizes HTML, and reports

- a ``javascript:``, ``vbscript:`` or ``data:`` URL (or any scheme but http(s)
  and mailto in a link);
- an ``on*`` event-handler attribute;
- a ``<script>`` that the theme and our ``overrides/`` do not put there, and any
  ``<iframe>``, ``<object>``, ``<embed>``, ``<base>``, ``<meta http-equiv>`` or
  SVG animation element;
- a resource (``src``, ``srcset``, ``poster``, a stylesheet's ``href``, CSS
  ``url()`` or string) outside the site.

What the theme may emit is read from the theme's own templates (see
:func:`allowed_from_theme`), never "any script". Standard library only: MkDocs
loads ``hooks.py`` from its file path, and this module with it.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# -- tokenizing, as the HTML standard does it ----------------------------------
# Possessive quantifiers: a tokenizer never backtracks, and neither may these
# patterns, or an unclosed tag would cost exponential time.
_WS = r"\t\n\f\r "
_ATTRIBUTES = (
    rf"(?:[{_WS}/]++|[^{_WS}/>][^{_WS}/=>]*+"
    rf"(?:[{_WS}]*+=[{_WS}]*+(?:\"[^\"]*+\"|'[^']*+'|[^{_WS}>\"'][^{_WS}>]*+)?)?)*+"
)
ATTRIBUTE = re.compile(
    rf"([^{_WS}/>][^{_WS}/=>]*+)(?:[{_WS}]*+=[{_WS}]*+(?:\"([^\"]*+)\"|'([^']*+)'|([^{_WS}>\"'][^{_WS}>]*+)))?"
)
MARKUP = re.compile(
    # A script's content runs to the first "</script" (ours contain no "<!--").
    rf"<script(?=[{_WS}/>])({_ATTRIBUTES})>(.*?)(?:</script(?=[{_WS}/>])|\Z)"
    rf"|<([A-Za-z][^{_WS}/>]*+)({_ATTRIBUTES})>"
    rf"|</[A-Za-z][^{_WS}/>]*+{_ATTRIBUTES}>"
    r"|<!--(?:-?>|.*?(?:--!?>|\Z))"
    r"|<[!?][^>]*+>?|</[^A-Za-z>][^>]*+>?",
    re.S | re.I,
)
STYLE_END = re.compile(r"</style(?=[\t\n\f\r />])", re.I)

# -- what counts as what ---------------------------------------------------------
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe",
    "base",  # re-points every relative URL of the page
    # SVG elements that can rewrite a link's href or run script.
    "animate", "animatemotion", "animatetransform", "set", "handler", "listener",
}
SCRIPT_SCHEMES = {"javascript", "vbscript", "data"}
LINK_SCHEMES = {"http", "https", "mailto"}
# <link rel> values that name a page rather than load one.
NAVIGATION_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "bookmark",
                   "external", "nofollow", "noopener", "noreferrer", "me", "tag"}
LINK_ATTRIBUTES = {"action", "formaction", "cite", "longdesc"}
RESOURCE_ATTRIBUTES = {"src", "poster", "background", "lowsrc", "dynsrc", "manifest", "icon", "data",
                       "codebase", "archive", "classid"}
URL_LIST_ATTRIBUTES = {"srcset", "imagesrcset", "ping"}
HREF_ATTRIBUTES = {"href", "xlink:href"}
# A template expression inside one of the theme's inline scripts stands for a
# path or a name, never for code, a quote, a scheme or another host ("//").
TEMPLATE_VALUE = r"(?!//)[\w./-]*"
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
TEMPLATE_SCRIPT_FILE = re.compile(r"<script\b[^>]*\bsrc=\"\{\{-?\s*'([^']+)'\s*\|\s*url\s*-?\}\}\"")
TEMPLATE_SCRIPT_URL = re.compile(r"href=\"((?:javascript|vbscript|data):[^\"{}]*)\"", re.I)
TEMPLATE_WORKER = re.compile(r"\"search\":\s*\"([^\"]+)\"\s*\|\s*url")
# mkdocs-print-site-plugin writes this call into its page from Python
# (plugin.py, on_post_build), not from a template.
PRINT_SITE_SCRIPT = ("document.addEventListener('DOMContentLoaded', function () { "
                     "remove_material_navigation();remove_mkdocs_theme_navigation();generate_toc(); })")
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[\t\n\f\r ]?|\\(.)", re.S)
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
CSS_URLS = re.compile(r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)]*?))\s*\)|\"([^\"]*)\"|'([^']*)'", re.I)
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Allowed:
    """What the theme and our ``overrides/`` legitimately put on a page."""

    # Site paths of the script files pages may load.
    script_files: frozenset[str]
    # Inline scripts, whitespace collapsed, as full-match patterns.
    inline_scripts: tuple[re.Pattern, ...]
    # Script URLs written literally in the templates (Material's share button).
    script_urls: frozenset[str]
    # Site path of the search worker Material's configuration names.
    search_worker: str | None
    # Absolute URLs under this prefix are inside the site.
    site_url: str


@dataclass(frozen=True)
class Finding:
    tag: str
    problem: str
    # The value as written, to find where it came from.
    evidence: str

    def __str__(self) -> str:
        return f"{self.tag}: {self.problem}"


def _normalized_script(text: str) -> str:
    return SPACE.sub(" ", text).strip()


def _script_pattern(template_body: str) -> re.Pattern:
    """A template's inline script as a pattern: literal text stays literal,
    each template expression may only be a path or a name."""
    pieces, last = [], 0
    body = _normalized_script(template_body)
    for expression in JINJA.finditer(body):
        pieces += [re.escape(body[last:expression.start()]), TEMPLATE_VALUE]
        last = expression.end()
    pieces.append(re.escape(body[last:]))
    return re.compile("".join(pieces))


def allowed_from_theme(template_dirs, extra_javascript, site_url: str) -> Allowed:
    """The allow-list, read from the templates the theme renders pages with
    (Material's, and ours in ``overrides/`` which extend them), and from the
    configured ``extra_javascript``."""
    files, patterns, urls, worker = set(), [_script_pattern(PRINT_SITE_SCRIPT)], set(), None
    for folder in map(Path, template_dirs):
        for template in [*folder.glob("*.html"), *(folder / "partials").rglob("*.html")]:
            text = template.read_text(encoding="utf-8")
            files.update(TEMPLATE_SCRIPT_FILE.findall(text))
            urls.update(TEMPLATE_SCRIPT_URL.findall(text))
            worker = worker or next(iter(TEMPLATE_WORKER.findall(text)), None)
            # Scripts that branch or loop in the template are not derived:
            # none of the theme's inline scripts do.
            patterns += [_script_pattern(body) for body in TEMPLATE_SCRIPT.findall(text) if "{%" not in body]
    files.update(str(script) for script in extra_javascript)
    return Allowed(frozenset(files), tuple(patterns), frozenset(urls), worker, site_url or "")


# -- URLs ----------------------------------------------------------------------------


def _browser_url(value: str) -> str:
    """The URL a browser reads from an attribute value: character references
    decoded, tabs and newlines removed, C0 controls and spaces trimmed, and
    backslashes read as slashes (as browsers do for http URLs)."""
    url = html.unescape(value)
    url = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    return url.replace("\\", "/")


def url_scheme(value: str) -> str | None:
    """The scheme, lowercased, of the URL a browser reads from ``value``."""
    scheme = SCHEME.match(_browser_url(value))
    return scheme.group(1).lower() if scheme else None


def _site_path(url: str, page: str, allowed: Allowed) -> str | None:
    """The path inside the site ``url`` points at from ``page``, or None
    when it points outside."""
    if allowed.site_url and url.startswith(allowed.site_url):
        url = "/" + url[len(allowed.site_url):]
    if SCHEME.match(url) or url.startswith("//"):
        return None
    path = urlsplit(url).path
    if path.startswith("/"):
        root = urlsplit(allowed.site_url).path or "/"
        return path[len(root):] if path.startswith(root) else path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def link_problem(value: str, allowed: Allowed) -> str | None:
    """Why a link (something the reader follows) is not allowed, or None."""
    url = _browser_url(value)
    scheme = SCHEME.match(url)
    if not scheme or url in allowed.script_urls:
        return None
    name = scheme.group(1).lower()
    return None if name in LINK_SCHEMES else f"a {name}: URL"


def resource_problem(value: str, page: str, allowed: Allowed) -> str | None:
    """Why a resource (something the browser loads by itself) is not allowed."""
    url = _browser_url(value)
    scheme = SCHEME.match(url)
    if scheme and scheme.group(1).lower() in SCRIPT_SCHEMES:
        return f"a {scheme.group(1).lower()}: URL"
    if _site_path(url, page, allowed) is None:
        return "loads a resource from outside the site"
    return None


def css_problem(css: str, page: str, allowed: Allowed) -> tuple[str, str] | None:
    """(problem, URL) for the first URL or string in ``css`` that loads from
    outside the site; escapes are decoded and comments dropped first."""
    css = CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), css)
    for match in CSS_URLS.finditer(CSS_COMMENT.sub("", css)):
        url = next(group for group in match.groups() if group is not None)
        problem = resource_problem(url, page, allowed)
        if problem:
            return problem, url
    return None


# -- elements -------------------------------------------------------------------------


def attributes(text: str) -> list[tuple[str, str]]:
    """(lowercased name, value) pairs, every occurrence: browsers keep the
    first of a repeated attribute, the check looks at all of them."""
    return [(m.group(1).lower(), next((g for g in m.groups()[1:] if g is not None), ""))
            for m in ATTRIBUTE.finditer(text)]


def _tag_findings(tag: str, attrs: list[tuple[str, str]], page: str, allowed: Allowed) -> list[tuple[str, str]]:
    """(problem, evidence) pairs for one start tag other than <script>."""
    found = []
    if tag in FORBIDDEN_ELEMENTS:
        found.append((f"<{tag}> is not allowed on a page", tag))
    rel = {token.lower() for name, value in attrs if name == "rel" for token in value.split()}
    for name, value in attrs:
        problem = None
        if name.startswith("on"):
            problem = f"event-handler attribute '{name}'"
        elif name == "srcdoc" or (tag == "meta" and name == "http-equiv"):
            problem = f"attribute '{name}' is not allowed"
        elif name == "style":
            css = css_problem(value, page, allowed)
            problem, value = css if css else (None, value)
        elif name in HREF_ATTRIBUTES and (tag in {"a", "area"} or (tag == "link" and rel and rel <= NAVIGATION_RELS)):
            problem = link_problem(value, allowed)
        elif name in LINK_ATTRIBUTES:
            problem = link_problem(value, allowed)
        elif name in RESOURCE_ATTRIBUTES or name in HREF_ATTRIBUTES:
            problem = resource_problem(value, page, allowed)
        elif name in URL_LIST_ATTRIBUTES:
            # Every candidate, descriptors aside; splitting at commas too only
            # ever finds more to check.
            for url in re.split(r"[\s,]+", value):
                problem = None if re.fullmatch(r"(?:\d+(?:\.\d+)?[wxh])?", url) else resource_problem(url, page, allowed)
                if problem:
                    value = url
                    break
        if problem:
            found.append((problem, value))
    return found


def _script_problem(attrs: list[tuple[str, str]], content: str, page: str, allowed: Allowed,
                    seen_config: list[bool]) -> str | None:
    names = dict(attrs)
    if set(names) - {"src", "defer", "type", "id", "async"} or any(name.startswith("on") for name in names):
        return "a script with attributes the theme does not use"
    if "src" in names:
        if content.strip():
            return "a script with both a src and content"
        if _site_path(_browser_url(names["src"]), page, allowed) not in allowed.script_files:
            return "a script file the theme and overrides/ do not load"
        return None
    if names.get("type") == "application/json" and names.get("id") == "__config":
        return _config_problem(content, page, allowed, seen_config)
    if names.get("type", "text/javascript") != "text/javascript":
        return "a script of a type the theme does not use"
    code = _normalized_script(content)
    if not any(pattern.fullmatch(code) for pattern in allowed.inline_scripts):
        return "an inline script the theme and overrides/ do not contain"
    return None


def _config_problem(content: str, page: str, allowed: Allowed, seen: list[bool]) -> str | None:
    """Material's page configuration: data, not code, but it names the search
    worker the bundle starts, so it must be the theme's own and only one."""
    if seen:
        return "a second Material configuration block"
    seen.append(True)
    try:
        config = json.loads(content) if "<" not in content else None
    except ValueError:
        config = None
    # The base is the way up to the site's root, or (on 404.html) its path.
    base = str(config.get("base", "")) if isinstance(config, dict) else None
    if base is None or not (re.fullmatch(r"[./]*", base) or base == (urlsplit(allowed.site_url).path or "/")):
        return "a Material configuration block that is not the theme's"
    if _site_path(_browser_url(str(config.get("search", ""))), page, allowed) != allowed.search_worker:
        return "a Material configuration block naming another search worker"
    return None


def check_page(text: str, page: str, allowed: Allowed, cache: dict | None = None) -> list[Finding]:
    """Every problem in one generated page; ``page`` is its path in the site.
    ``cache`` (tag text -> findings; a tag other than a script reads the same
    on every page) may be shared between pages: their navigation repeats the
    same tags hundreds of times."""
    cache = {} if cache is None else cache
    findings: list[Finding] = []
    seen_config: list[bool] = []
    for match in MARKUP.finditer(text):
        script_attrs, script_content, tag, attrs_text = match.group(1, 2, 3, 4)
        if script_attrs is not None:
            source = match.group(0)[: match.start(2) - match.start(0)]
            problem = _script_problem(attributes(script_attrs), script_content, page, allowed, seen_config)
            if problem:
                findings.append(Finding(source, problem, script_content.strip()[:80] or source))
            continue
        if tag is None:
            continue
        source = match.group(0)
        if source not in cache:
            cache[source] = [Finding(_short(source), problem, evidence)
                             for problem, evidence in _tag_findings(tag.lower(), attributes(attrs_text), page, allowed)]
        findings += cache[source]
        if tag.lower() == "style":
            end = STYLE_END.search(text, match.end())
            css = css_problem(text[match.end(): end.start() if end else len(text)], page, allowed)
            if css:
                findings.append(Finding(source, css[0], css[1]))
    return findings


def html_fields(data, where: str = ""):
    """``(where, HTML)`` for each string of a JSON export under a key ending
    in ``_html``: the study tools put these into pages."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{where}.{key}" if where else key
            if key.endswith("_html") and isinstance(value, str):
                yield here, value
            else:
                yield from html_fields(value, here)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from html_fields(value, f"{where}[{index}]")


def _short(source: str, limit: int = 160) -> str:
    return source if len(source) <= limit else source[: limit - 1] + "…"


# -- where a finding came from --------------------------------------------------------


def trace(evidence: str, sources: list[Path], root: Path) -> str | None:
    """"file:line" of the first source file that contains ``evidence`` (as
    written, or HTML-escaped), or None."""
    needles = [needle for needle in {evidence, html.unescape(evidence), html.escape(evidence, quote=False)} if needle.strip()]
    for path in sources:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for needle in needles:
            at = text.find(needle)
            if at != -1:
                return f"{path.relative_to(root).as_posix()}:{text.count(chr(10), 0, at) + 1}"
    return None


def report(page: str, source: str | None, findings: list[Finding], sources: list[Path], root: Path, most: int = 5) -> str:
    """The build's error message: the page, its source, each problem and where
    its text was written when that can be found."""
    lines = [f"Unsafe output: {page}" + (f" (from {source})" if source else "") + ":"]
    for finding in findings[:most]:
        where = trace(finding.evidence, sources, root)
        lines.append(f"  {finding}" + (f" (written at {where})" if where else ""))
    if len(findings) > most:
        lines.append(f"  … and {len(findings) - most} more")
    return "\n".join(lines)
