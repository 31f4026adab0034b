"""Load every data file once, validate it, and check that data and pages agree.

Layout (one source of truth each):

- ``data/glossary/*.yml``: glossary terms, grouped by the chapter that teaches them
- ``data/tables/<table-id>.yml``: one comparison table per file
- ``data/quizzes/<chapter-id>.yml``: one quiz per chapter
- ``data/diagrams/<diagram-id>.yml``: one diagram per file
- ``data/exam/outline.yml``: the official skills outline (domains, weights, skills)
- ``data/exam/coverage.yml``: which sections teach each skill

Any problem raises :class:`~macros.errors.ContentError` naming file, entry and field.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from pydantic import BaseModel, ValidationError

from .calls import MACRO_ARGUMENTS, page_calls
from .errors import ContentError, load_yaml_mapping, read_text
from .schema import ITEM_KINDS, CaseStudy, ComparisonTable, Coverage, Diagram, Domain, GlossaryFile, Outline, QuizFile, Skill, Term
from .site_index import SiteIndex, scan_docs

# Where the data files live, under the project root.
DATA_DIR = "data"
GLOSSARY_PAGE = "glossary.md"
COMPARISONS_PAGE = "comparisons.md"
# Pages that list everything; they are not "appears in" backlinks.
INDEX_PAGES = {GLOSSARY_PAGE, COMPARISONS_PAGE}
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")

Model = TypeVar("Model", bound=BaseModel)
Made = TypeVar("Made")


class LoadMemo:
    """What :func:`load_content` made of each file, by the file's text.

    ``mkdocs serve`` loads the content again on every save. Given the same
    memo, a load parses, validates and scans only the files whose text
    changed; the rest it takes from the load before. It keeps what the latest
    successful load used, nothing older, and results only (a file in error is
    read again). Everything it hands out is shared, so nothing may change it.
    """

    def __init__(self) -> None:
        self._kept: dict[tuple, object] = {}
        self._used: dict[tuple, object] = {}

    def __call__(self, key: tuple, make: Callable[[], Made]) -> Made:
        """``make()``, or what it gave for ``key`` in the last load."""
        if key not in self._used:
            self._used[key] = self._kept[key] if key in self._kept else make()
        return self._used[key]

    def start(self) -> None:
        self._used = {}

    def keep(self) -> None:
        """The load succeeded: what it used serves the next one."""
        self._kept, self._used = self._used, {}


@dataclass
class Content:
    root: Path
    site: SiteIndex
    # Page order of the navigation, used to sort backlinks and tables.
    page_order: list[str]
    terms: dict[str, Term] = field(default_factory=dict)
    tables: dict[str, ComparisonTable] = field(default_factory=dict)
    quizzes: dict[str, QuizFile] = field(default_factory=dict)
    diagrams: dict[str, Diagram] = field(default_factory=dict)
    # Where each entry was defined, for error messages: (kind, id) -> data file.
    origin: dict[tuple[str, str], str] = field(default_factory=dict)
    # Term id -> pages (nav order) whose prose mentions the term.
    appears_in: dict[str, list[str]] = field(default_factory=dict)
    outline: Outline | None = None
    coverage: dict[str, list[str]] = field(default_factory=dict)
    # Skill id -> (domain, group name, skill), in outline order.
    skills: dict[str, tuple[Domain, str, Skill]] = field(default_factory=dict)
    # Quiz id -> the page that shows it.
    quiz_pages: dict[str, str] = field(default_factory=dict)

    def page_skills(self, src: str) -> list[str]:
        """Skills with at least one teaching section on page ``src``, in outline order."""
        return [sid for sid in self.skills if any(link.partition("#")[0] == src for link in self.coverage.get(sid, []))]

    def page_domain(self, src: str) -> str | None:
        """The domain most of a page's skills belong to (ties: outline order)."""
        domains = [self.skills[sid][0].id for sid in self.page_skills(src)]
        return max(dict.fromkeys(domains), key=domains.count) if domains else None

    def page_rank(self, src: str) -> int:
        return self.page_order.index(src) if src in self.page_order else len(self.page_order)


def flatten_nav(nav) -> list[str]:
    """Page sources of an mkdocs ``nav`` setting, in reading order."""
    pages: list[str] = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            pages.extend(flatten_nav(value))
        elif isinstance(value, str) and value.endswith(".md"):
            pages.append(value)
    return pages


def _read_yaml(path: Path, root: Path, memo: LoadMemo) -> tuple[str, str, dict]:
    """The file's name relative to ``root``, its text, and the mapping it holds."""
    rel = path.relative_to(root).as_posix()
    text = read_text(path, rel)
    return rel, text, memo(("yaml", rel, text), lambda: load_yaml_mapping(text, rel, "YAML"))


def _entry_name(data, loc: tuple) -> tuple[str, str]:
    """Turn a pydantic error location into ("questions[2] (id 'x')", "choices")."""
    entry_parts, node = [], data
    fields = list(loc)
    while fields and isinstance(fields[0], (int, str)) and isinstance(node, (dict, list)):
        key = fields[0]
        if isinstance(node, dict) and key in ITEM_KINDS and (key not in node or node.get("kind", "choice") == key):
            # The tag pydantic puts in the path of an item of that kind (a
            # code item's tag is "code", the name of one of its fields too).
            fields.pop(0)
            continue
        if isinstance(node, list) and isinstance(key, int):
            node = node[key] if key < len(node) else None
            label = f"[{key}]"
            if isinstance(node, dict) and "id" in node:
                label += f" (id '{node['id']}')"
            entry_parts.append(label)
            fields.pop(0)
        elif isinstance(node, dict) and isinstance(node.get(key), list) and len(fields) > 1 and isinstance(fields[1], int):
            entry_parts.append(key)
            node = node[key]
            fields.pop(0)
        else:
            break
    entry = "".join(part if part.startswith("[") else f".{part}" for part in entry_parts).lstrip(".")
    return entry or "file", ".".join(str(part) for part in fields) or "(entry)"


def _validate(model: type[Model], rel: str, data) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        entry, fieldname = _entry_name(data, tuple(first["loc"]))
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "union_tag_invalid":
            tag = first["ctx"]["tag"]
            fieldname, message = "kind", f"unknown kind {tag!r}; the kinds are {', '.join(ITEM_KINDS)}"
            if tag in ITEM_KINDS:  # a kind that may not stand here: a series or a case study inside a case study
                allowed = " or ".join(first["ctx"]["expected_tags"].replace("'", "").rsplit(", ", 1))
                message = f"a case study's questions may be of kind {allowed}, not {tag!r}"
        if first["type"] == "missing":
            message = "this required field is missing"
            # A misspelled field is both unknown and missing: name the spelling used.
            unknown = [str(e["loc"][-1]) for e in error.errors()
                       if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == tuple(first["loc"][:-1])]
            if unknown:
                message += f"; the entry has an unknown field '{unknown[0]}' instead (a misspelling?)"
        elif first["type"] == "extra_forbidden":
            message = "unknown field (check the spelling against CONTRIBUTING.md)"
        # Row and column problems are reported by the table model with their own location.
        located = re.match(r"^(\w+(?:\[\d+\])?): (.*)$", message, re.S)
        if located and fieldname == "(entry)":
            fieldname, message = located.groups()
        raise ContentError(rel, entry, fieldname, message) from None


def _files(folder: Path) -> list[Path]:
    stray = sorted(p.name for p in folder.glob("*") if p.is_file() and p.suffix != ".yml")
    if stray:
        raise ContentError(f"{folder.name}/{stray[0]}", "file", "(name)", "data files must end in .yml")
    return sorted(folder.glob("*.yml"))


def _valid(model: type[Model], rel: str, text: str, data, memo: LoadMemo) -> Model:
    return memo(("valid", model, rel, text), lambda: _validate(model, rel, data))


def load_content(root: Path, docs_dir: Path, nav=None, use_directory_urls: bool = True,
                 memo: LoadMemo | None = None) -> Content:
    """Read ``root/data`` and ``docs_dir``; return validated, cross-checked
    content. With the ``memo`` of an earlier load, files whose text has not
    changed since are not parsed again."""
    memo = memo or LoadMemo()
    memo.start()
    site = scan_docs(docs_dir, use_directory_urls, memo)
    content = Content(root=root, site=site, page_order=flatten_nav(nav) or sorted(site.pages))
    data_dir = root / DATA_DIR

    for path in _files(data_dir / "glossary"):
        rel, text, data = _read_yaml(path, root, memo)
        glossary = _valid(GlossaryFile, rel, text, data, memo)
        for index, term in enumerate(glossary.terms):
            if term.id in content.terms:
                other = content.origin[("term", term.id)]
                raise ContentError(rel, f"terms[{index}] (id '{term.id}')", "id", f"duplicate term id, first defined in {other}")
            content.terms[term.id] = term
            content.origin[("term", term.id)] = rel

    for kind, folder, model, store in (
        ("table", "tables", ComparisonTable, content.tables),
        ("quiz", "quizzes", QuizFile, content.quizzes),
        ("diagram", "diagrams", Diagram, content.diagrams),
    ):
        for path in _files(data_dir / folder):
            rel, text, data = _read_yaml(path, root, memo)
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", path.stem):
                raise ContentError(rel, "file", "(name)", "file names are lowercase-with-hyphens ids")
            store[path.stem] = _valid(model, rel, text, data, memo)
            content.origin[(kind, path.stem)] = rel

    _load_exam(content, data_dir / "exam", memo)
    _register_generated_sections(content)
    _check_cross_references(content, memo)
    memo.keep()
    return content


def _load_exam(content: Content, folder: Path, memo: LoadMemo) -> None:
    rel, text, data = _read_yaml(folder / "outline.yml", content.root, memo)
    content.outline = _valid(Outline, rel, text, data, memo)
    for domain in content.outline.domains:
        for group in domain.groups:
            for skill in group.skills:
                if skill.id in content.skills:
                    raise ContentError(rel, f"domain '{domain.id}'", "skills", f"duplicate skill id '{skill.id}'")
                content.skills[skill.id] = (domain, group.name, skill)
    rel, text, data = _read_yaml(folder / "coverage.yml", content.root, memo)
    content.coverage = dict(_valid(Coverage, rel, text, data, memo).coverage)
    content.origin[("coverage", "")] = rel


def _register_generated_sections(content: Content) -> None:
    """Sections that macros generate from data, so links to them validate."""
    if GLOSSARY_PAGE in content.site.pages:
        content.site.add_anchors(GLOSSARY_PAGE, {t.id: t.term for t in content.terms.values()})
        content.site.add_anchors(GLOSSARY_PAGE, {f"glossary-{letter_of(t.term).lower()}": letter_of(t.term) for t in content.terms.values()})
    if COMPARISONS_PAGE in content.site.pages:
        content.site.add_anchors(COMPARISONS_PAGE, {tid: t.caption for tid, t in content.tables.items()})


def letter_of(term: str) -> str:
    first = term.strip()[0].upper()
    return first if first.isalpha() else "0-9"


def _check_link(content: Content, rel: str, entry: str, fieldname: str, link: str) -> None:
    problem = content.site.check_link(link)
    if problem:
        raise ContentError(rel, entry, fieldname, f"link '{link}' does not resolve: {problem}")


def check_href(content: Content, href: str) -> str | None:
    """Why an href written in data is not allowed, or None when it is fine."""
    if href.startswith("https://"):
        return None
    if href.startswith("http://"):
        return "use https://, not http://"
    if href.startswith("#"):
        # Data shows on several pages: a bare anchor would point at whichever one it is on.
        return "a section link names its page too: 'part/chapter.md" + href + "'"
    if re.match(r"^[a-z0-9][a-z0-9/_-]*\.md(#[A-Za-z0-9_-]+)?$", href):
        return content.site.check_link(href)
    return "links in data must be https:// addresses or site sections like 'part/chapter.md#anchor'"


def _check_markdown_links(content: Content, rel: str, entry: str, fieldname: str, text: str) -> None:
    for href in MARKDOWN_LINK.findall(text):
        problem = check_href(content, href)
        if problem:
            raise ContentError(rel, entry, fieldname, f"link '{href}': {problem}")


def _check_cross_references(content: Content, memo: LoadMemo) -> None:
    terms_by_name: dict[str, str] = {}
    for tid, term in content.terms.items():
        rel, entry = content.origin[("term", tid)], f"term '{tid}'"
        for name in [term.term, *term.aliases]:
            key = name.casefold()
            if key in terms_by_name and terms_by_name[key] != tid:
                raise ContentError(rel, entry, "term/aliases", f"'{name}' is already used by term '{terms_by_name[key]}'")
            terms_by_name[key] = tid
        for related in term.related:
            if related not in content.terms:
                raise ContentError(rel, entry, "related", f"unknown glossary term '{related}'{suggest(related, content.terms)}")
            if related == tid:
                raise ContentError(rel, entry, "related", "a term cannot be related to itself")
        _check_link(content, rel, entry, "taught_in", term.taught_in)
        _check_markdown_links(content, rel, entry, "details", term.details)

    for table_id, table in content.tables.items():
        rel = content.origin[("table", table_id)]
        _check_link(content, rel, f"table '{table_id}'", "taught_in", table.taught_in)
        for index, row in enumerate(table.rows):
            for column, cell in row.items():
                _check_markdown_links(content, rel, f"rows[{index}]", column, cell)

    rel = content.origin[("coverage", "")]
    for skill_id, links in content.coverage.items():
        if skill_id not in content.skills:
            raise ContentError(rel, f"coverage.{skill_id}", "(skill id)", f"not a skill of data/exam/outline.yml{suggest(skill_id, content.skills)}")
        for index, link in enumerate(links):
            _check_link(content, rel, f"coverage.{skill_id}[{index}]", "section", link)

    seen_questions: dict[str, str] = {}

    def check_item(rel: str, entry: str, item) -> None:
        if item.id in seen_questions:
            raise ContentError(rel, entry, "id", f"duplicate question id, first used in {seen_questions[item.id]}")
        seen_questions[item.id] = rel
        if isinstance(item, CaseStudy):
            for number, section in enumerate(item.scenario):
                _check_markdown_links(content, rel, entry, f"scenario[{number}].text", section.text)
            for number, question in enumerate(item.questions):
                check_item(rel, f"{entry}.questions[{number}] (id '{question.id}')", question)
            return
        _check_link(content, rel, entry, "teaches", item.teaches)
        for skill_id in item.skills:
            if skill_id not in content.skills:
                raise ContentError(rel, entry, "skills", f"unknown skill '{skill_id}'{suggest(skill_id, content.skills)}")
        for field_name, text in item.markdown_fields():
            _check_markdown_links(content, rel, entry, field_name, text)

    for quiz_id, quiz in content.quizzes.items():
        rel = content.origin[("quiz", quiz_id)]
        for index, item in enumerate(quiz.questions):
            check_item(rel, f"questions[{index}] (id '{item.id}')", item)

    for diagram_id, diagram in content.diagrams.items():
        rel = content.origin[("diagram", diagram_id)]
        for index, stage in enumerate(diagram.stages):
            for number, item in enumerate(stage.items):
                _check_markdown_links(content, rel, f"stages[{index}]", f"items[{number}]", item)

    # Every macro call on a page fits its macro and names data that exists;
    # nothing is silently dropped: every quiz and diagram is shown on a page.
    stores = {"quiz": content.quizzes, "diagram": content.diagrams,
              "comparison_table": content.tables, "glossary_cards": content.terms}
    shown_on: dict[tuple[str, str], list[str]] = {}
    for src, page in content.site.pages.items():
        for macro, args, kwargs in memo(("calls", page.prose), lambda: page_calls(page.prose)):
            for item_id in MACRO_ARGUMENTS[macro].check(src, macro, args, kwargs):
                if macro not in stores:
                    continue
                if item_id not in stores[macro]:
                    raise unknown_id(src, macro, stores[macro], item_id)
                if macro == "quiz" and src in shown_on.get((macro, item_id), []):
                    raise ContentError(f"docs/{src}", f'quiz("{item_id}")', "id",
                                       "this quiz is already on the page; its questions' element ids would repeat")
                shown_on.setdefault((macro, item_id), []).append(src)
    for kind, store in (("quiz", content.quizzes), ("diagram", content.diagrams)):
        for item_id in store:
            pages = shown_on.get((kind, item_id))
            if not pages:
                rel = content.origin[(kind, item_id)]
                raise ContentError(rel, f"{kind} '{item_id}'", "(file)", f"not shown on any page; add {{{{ {kind}(\"{item_id}\") }}}} to a chapter")
            if kind == "quiz":
                content.quiz_pages[item_id] = pages[0]
    content.appears_in = _backlinks(content, shown_on, memo)


def suggest(name: str, known) -> str:
    """" (did you mean 'a', 'b' or 'c'?)" for the closest few of ``known``."""
    close = [f"'{match}'" for match in difflib.get_close_matches(name, list(known), n=3)]
    if not close:
        return ""
    return f" (did you mean {' or '.join([', '.join(close[:-1]), close[-1]] if len(close) > 1 else close)}?)"


def unknown_id(page_src: str, macro: str, store: dict, item_id: str) -> ContentError:
    """The error for a macro call on a page naming an id the data lacks."""
    return ContentError(
        f"docs/{page_src}", f'{macro}("{item_id}")', "id",
        f"unknown {MACRO_ARGUMENTS[macro].what.removesuffix(' id')} '{item_id}'{suggest(item_id, store)}; {len(store)} are defined",
    )


def _backlinks(content: Content, shown_on: dict[tuple[str, str], list[str]], memo: LoadMemo) -> dict[str, list[str]]:
    """Pages whose prose names a term, or that show its card."""
    pages = sorted((src for src in content.site.pages if src not in INDEX_PAGES), key=content.page_rank)
    term_of = {name.casefold(): tid for tid, term in content.terms.items() for name in [term.term, *term.aliases]}
    backlinks: dict[str, list[str]] = {tid: [] for tid in content.terms}
    if not term_of:
        return backlinks
    names = "\n".join(term_of)
    for src in pages:
        prose = content.site.pages[src].prose
        matches = memo(("term names", prose, names), lambda: _term_names_in(prose, term_of))
        used = {term_of[match.casefold()] for match in matches}
        used |= {tid for tid in backlinks if src in shown_on.get(("glossary_cards", tid), [])}
        for tid in used & backlinks.keys():
            backlinks[tid].append(src)
    return backlinks


def _term_names_in(text: str, names: Iterable[str]) -> list[str]:
    """The glossary names ``text`` uses, case-insensitive and whole words (a
    hyphen joins words); where names overlap, the longest wins. The pattern is
    built from the names a substring test finds: one alternation of every
    name, tried at every position, costs more than the rest of the load."""
    folded = text.casefold()
    present = sorted((name for name in names if name in folded), key=len, reverse=True)
    if not present:
        return []
    pattern = r"(?<![\w-])(?:" + "|".join(map(re.escape, present)) + r")(?![\w-])"
    return re.findall(pattern, text, re.I)
