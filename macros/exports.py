"""Machine-readable exports built with the site, under ``exports/``.

- ``questions.json``: every quiz question with its chapter, exam domain and
  answers (schema :class:`QuestionBank`, versioned).
- ``glossary.json``: every term (schema :class:`GlossaryExport`, versioned).
- ``*.schema.json``: the JSON Schemas of both (draft 2020-12), generated from
  these models; each JSON export names its schema in ``$schema``.
- ``dp100.apkg``: an Anki deck of glossary terms and questions.

The practice exam and the review queue read ``questions.json`` in the browser.
Links inside ``*_html`` fields are relative to the site root.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import string
import subprocess
import tempfile
import time
import zipfile
from contextlib import closing
from html import escape
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .content import GLOSSARY_PAGE, Content
from .rendering import RenderContext
from .safe_markdown import SafeMarkdown

SCHEMA_VERSION = 1
ROOT_PAGE = "index.md"  # links are rendered as seen from the site root
JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"  # the draft pydantic's schemas follow
# The exports' ``$schema`` field: written as "$schema", read by either name.
EXPORT_CONFIG = ConfigDict(serialize_by_alias=True, validate_by_name=True, validate_by_alias=True)
SCHEMA_FIELD = "This file's JSON Schema, relative to it"


class ChoiceExport(BaseModel):
    text: str
    text_html: str
    correct: bool
    explanation: str | None
    explanation_html: str | None


class QuestionExport(BaseModel):
    id: str
    quiz: str
    chapter_url: str
    domain: str | None
    multiple: bool
    prompt: str
    prompt_html: str
    choices: list[ChoiceExport]
    explanation: str
    explanation_html: str
    teaches: str
    teaches_url: str
    teaches_title: str
    skills: list[str]


class DomainExport(BaseModel):
    id: str
    name: str
    weight: tuple[int, int]


class ChapterExport(BaseModel):
    quiz: str
    title: str
    url: str
    domain: str | None


class QuestionBank(BaseModel):
    model_config = EXPORT_CONFIG
    schema_: str = Field("questions.schema.json", alias="$schema", description=SCHEMA_FIELD)
    kind: Literal["dp100-questions"] = "dp100-questions"
    schema_version: int = SCHEMA_VERSION
    domains: list[DomainExport]
    chapters: list[ChapterExport]
    questions: list[QuestionExport]


class TermExport(BaseModel):
    id: str
    term: str
    aliases: list[str]
    short: str
    details: str
    details_html: str
    related: list[str]
    taught_in: str
    taught_in_url: str
    glossary_url: str
    appears_in_urls: list[str]


class GlossaryExport(BaseModel):
    model_config = EXPORT_CONFIG
    schema_: str = Field("glossary.schema.json", alias="$schema", description=SCHEMA_FIELD)
    kind: Literal["dp100-glossary"] = "dp100-glossary"
    schema_version: int = SCHEMA_VERSION
    terms: list[TermExport]


def _url(content: Content, link: str) -> str:
    page, _, anchor = link.partition("#")
    return content.site.url(page) + (f"#{anchor}" if anchor else "")


def question_bank(content: Content, md: SafeMarkdown) -> QuestionBank:
    ctx = RenderContext(content, ROOT_PAGE, md)
    chapters, questions = [], []
    for quiz_id, page in sorted(content.quiz_pages.items(), key=lambda item: content.page_rank(item[1])):
        domain = content.page_domain(page)
        chapters.append(ChapterExport(quiz=quiz_id, title=content.site.pages[page].title, url=content.site.url(page), domain=domain))
        rel = content.origin[("quiz", quiz_id)]
        for question in content.quizzes[quiz_id].questions:
            entry = f"question '{question.id}'"
            questions.append(QuestionExport(
                id=question.id, quiz=quiz_id, chapter_url=content.site.url(page), domain=domain,
                multiple=question.multiple,
                prompt=question.prompt, prompt_html=ctx.markdown(question.prompt, (rel, entry, "prompt")),
                choices=[
                    ChoiceExport(
                        text=c.text, text_html=ctx.markdown(c.text, (rel, entry, f"choices[{i}].text"), inline=True),
                        correct=c.correct, explanation=c.explanation,
                        explanation_html=ctx.markdown(c.explanation, (rel, entry, f"choices[{i}].explanation"), inline=True)
                        if c.explanation else None,
                    )
                    for i, c in enumerate(question.choices)
                ],
                explanation=question.explanation,
                explanation_html=ctx.markdown(question.explanation, (rel, entry, "explanation")),
                teaches=question.teaches, teaches_url=_url(content, question.teaches),
                teaches_title=content.site.section_title(question.teaches), skills=list(question.skills),
            ))
    domains = [DomainExport(id=d.id, name=d.name, weight=d.weight) for d in content.outline.domains]
    return QuestionBank(domains=domains, chapters=chapters, questions=questions)


def glossary_export(content: Content, md: SafeMarkdown) -> GlossaryExport:
    ctx = RenderContext(content, ROOT_PAGE, md)
    terms = []
    for tid, term in sorted(content.terms.items(), key=lambda item: item[1].term.casefold()):
        rel = content.origin[("term", tid)]
        terms.append(TermExport(
            id=tid, term=term.term, aliases=list(term.aliases), short=term.short, details=term.details,
            details_html=ctx.markdown(term.details, (rel, f"term '{tid}'", "details")), related=list(term.related),
            taught_in=term.taught_in, taught_in_url=_url(content, term.taught_in),
            glossary_url=_url(content, f"{GLOSSARY_PAGE}#{tid}"),
            appears_in_urls=[content.site.url(src) for src in content.appears_in.get(tid, [])],
        ))
    return GlossaryExport(terms=terms)


# Stable ids: Anki updates notes and decks in place when these do not change.
ANKI_DECK_ID = 1_907_310_100
ANKI_TERM_MODEL_ID = 1_907_310_101
ANKI_QUESTION_MODEL_ID = 1_907_310_102
ANKI_CSS = ".card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; } code { font-size: 90%; }"

# Anki reads note and card ids as creation times (milliseconds since 1970) and
# a note's ``mod`` as its last change (seconds); re-importing updates a note
# (matched by its guid) only if the incoming ``mod`` is newer than the stored one.
# The deck takes all of these from one date, the "source epoch": ids count up
# from it, every ``mod`` is it. That date is SOURCE_DATE_EPOCH when set (the
# reproducible-builds convention), else the last commit that changed anything
# the deck is made from, else ANKI_PROJECT_EPOCH; never earlier than that (Nix
# sets SOURCE_DATE_EPOCH to 1980). So the same sources give the same bytes, and
# each newer version updates every note: edited notes change, unedited ones get
# the same fields back, and cards keep their scheduling either way. A date per
# note that grows only when that note changes would need the content's history,
# and per-file commit dates would miss changes that come from elsewhere (a
# renamed section, a new site URL).
ANKI_PROJECT_EPOCH = 1_795_478_400  # 2026-11-24T00:00:00Z, the day of the guide's first commit
ANKI_SOURCES = ("data", "docs", "macros", "mkdocs.yml")  # relative to the content root


def source_epoch(root: Path) -> int:
    """The date, in seconds since 1970, that the Anki deck built from ``root`` carries."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        if not value.isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {value!r}")
        return max(int(value), ANKI_PROJECT_EPOCH)
    try:
        git = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", *ANKI_SOURCES],
            cwd=root, capture_output=True, text=True, timeout=60, check=True,
        )
        return max(int(git.stdout.strip()), ANKI_PROJECT_EPOCH)
    except (OSError, subprocess.SubprocessError, ValueError):  # no git, not a checkout, no commit
        return ANKI_PROJECT_EPOCH


def anki_package(bank: QuestionBank, glossary: GlossaryExport, site_url: str):
    import genanki

    term_model = genanki.Model(
        ANKI_TERM_MODEL_ID, "DP-100 term",
        fields=[{"name": "Term"}, {"name": "Definition"}, {"name": "Link"}],
        templates=[{"name": "Term", "qfmt": "{{Term}}", "afmt": "{{FrontSide}}<hr id=answer>{{Definition}}<p>{{Link}}</p>"}],
        css=ANKI_CSS,
    )
    question_model = genanki.Model(
        ANKI_QUESTION_MODEL_ID, "DP-100 question",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Link"}],
        templates=[{"name": "Question", "qfmt": "{{Question}}", "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}<p>{{Link}}</p>"}],
        css=ANKI_CSS,
    )
    deck = genanki.Deck(ANKI_DECK_ID, "DP-100 Study Guide", description="Glossary terms and quiz questions of the DP-100 Study Guide.")

    def link(url: str, text: str) -> str:
        return f'<a href="{escape(site_url + url)}">{escape(text)}</a>'

    for term in glossary.terms:
        deck.add_note(genanki.Note(
            model=term_model, guid=genanki.guid_for("term", term.id), tags=["dp100", "glossary"],
            fields=[escape(term.term), f"<p><b>{escape(term.short)}</b></p>{term.details_html}", link(term.glossary_url, "Glossary entry")],
        ))
    letters = string.ascii_uppercase
    for question in bank.questions:
        choices = "".join(f"<li>{letters[i]}. {c.text_html}</li>" for i, c in enumerate(question.choices))
        answer = ", ".join(letters[i] for i, c in enumerate(question.choices) if c.correct)
        # Every option's verdict and explanation, as the chapter quiz's answer key gives them.
        verdicts = "".join(
            f"<li><b>{letters[i]}. {'Correct' if c.correct else 'Incorrect'}.</b>"
            f"{' ' + c.explanation_html if c.explanation_html else ''}</li>"
            for i, c in enumerate(question.choices)
        )
        deck.add_note(genanki.Note(
            model=question_model, guid=genanki.guid_for("question", question.id), tags=["dp100", question.quiz],
            fields=[f"{question.prompt_html}<ul style='list-style:none'>{choices}</ul>",
                    f"<p><b>Answer: {answer}</b></p><ul style='list-style:none'>{verdicts}</ul>{question.explanation_html}",
                    link(question.teaches_url, question.teaches_title)],
        ))
    return genanki.Package(deck)


def write_apkg(package, path: Path, epoch: int) -> None:
    """genanki's ``Package.write_to_file(path, timestamp=epoch)``, but with the
    zip entries dated ``epoch`` too (genanki dates them when it runs), so the
    same sources give the same bytes."""
    assert not package.media_files, "media files would need entries of their own"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "collection.anki2"
        with closing(sqlite3.connect(db)) as conn:
            package.write_to_db(conn.cursor(), epoch, itertools.count(epoch * 1000))  # note and card ids
            conn.commit()
        with zipfile.ZipFile(path, "w") as apkg:
            for name, data in (("collection.anki2", db.read_bytes()), ("media", b"{}")):
                entry = zipfile.ZipInfo(name, time.gmtime(epoch)[:6])
                entry.external_attr = 0o644 << 16
                apkg.writestr(entry, data)


def write_exports(content: Content, site_dir: Path, site_url: str, md: SafeMarkdown | None = None,
                  epoch: int | None = None) -> list[Path]:
    """Write every export into ``site_dir/exports``; return the files written.
    The Anki deck is dated ``epoch``, by default :func:`source_epoch`."""
    md = md or SafeMarkdown()
    out = site_dir / "exports"
    out.mkdir(parents=True, exist_ok=True)
    bank, glossary = question_bank(content, md), glossary_export(content, md)
    written = []
    for name, model, value in (("questions", QuestionBank, bank), ("glossary", GlossaryExport, glossary)):
        path = out / f"{name}.json"
        path.write_text(value.model_dump_json(indent=1), encoding="utf-8")
        schema = out / f"{name}.schema.json"
        schema_json = {"$schema": JSON_SCHEMA_DRAFT, **model.model_json_schema()}
        schema.write_text(json.dumps(schema_json, indent=1), encoding="utf-8")
        written += [path, schema]
    deck = out / "dp100.apkg"
    write_apkg(anki_package(bank, glossary, site_url), deck, source_epoch(content.root) if epoch is None else epoch)
    return written + [deck]
