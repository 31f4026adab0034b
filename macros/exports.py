"""Machine-readable exports built with the site, under ``exports/``.

- ``questions.json``: every quiz question of every kind with its chapter, exam
  domain and answers, and the case studies' scenarios (schema
  :class:`QuestionBank`, versioned).
- ``glossary.json``: every term (schema :class:`GlossaryExport`, versioned).
- ``*.schema.json``: the JSON Schemas of both (draft 2020-12), generated from
  these models; each JSON export names its schema in ``$schema``.
- ``dp100.apkg``: an Anki deck of glossary terms and questions, every kind as
  plain HTML (a note per solution of a yes/no series).

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
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .content import GLOSSARY_PAGE, Content
from .quiz import display_order
from .rendering import RenderContext
from .safe_markdown import SafeMarkdown
from .schema import BLANK_MARKER, CaseStudy, CodeQuestion, MatchQuestion, OrderQuestion, Question, SeriesQuestion

# 2: questions of every kind, told apart by 'kind'; case studies in 'cases'.
QUESTIONS_SCHEMA_VERSION = 2
GLOSSARY_SCHEMA_VERSION = 1
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


class OptionExport(BaseModel):
    text: str
    text_html: str
    correct: bool
    explanation: str
    explanation_html: str


class BlankExport(BaseModel):
    id: str
    options: list[OptionExport]


class StepExport(BaseModel):
    text: str
    text_html: str
    explanation: str
    explanation_html: str


class TargetExport(BaseModel):
    text: str
    text_html: str


class PairExport(BaseModel):
    item: str
    item_html: str
    target: str = Field(description="The text of the target this item goes with, one of the question's targets")
    explanation: str
    explanation_html: str


class SolutionExport(BaseModel):
    text: str
    text_html: str
    meets_goal: bool
    explanation: str
    explanation_html: str


class ItemExport(BaseModel):
    """What every question has, whatever its kind. Each question is scored in
    parts (see the kinds): one part for a choice question, one per blank,
    pair, solution, or position of the right sequence."""

    kind: str  # each kind narrows it to its own name
    id: str
    quiz: str
    chapter_url: str
    domain: str | None
    case: str | None = Field(description="The id of the case study (in 'cases') this question belongs to, or null")
    prompt: str
    prompt_html: str
    explanation: str
    explanation_html: str
    teaches: str
    teaches_url: str
    teaches_title: str
    skills: list[str]


class QuestionExport(ItemExport):
    """Single or multiple choice: one part, right when exactly the correct choices are chosen."""

    kind: Literal["choice"] = "choice"
    multiple: bool
    choices: list[ChoiceExport]


class CodeQuestionExport(ItemExport):
    """Code with blanks: ``code`` holds a [[blank-id]] marker per blank, in the order of ``blanks``."""

    kind: Literal["code"] = "code"
    language: str
    code: str
    blanks: list[BlankExport]


class OrderQuestionExport(ItemExport):
    """Build list: ``steps`` in the right order; ``extra_steps`` belong nowhere in it."""

    kind: Literal["order"] = "order"
    steps: list[StepExport]
    extra_steps: list[StepExport]


class MatchQuestionExport(ItemExport):
    """Matching: each pair's item goes with one of ``targets``; a target may fit several items or none."""

    kind: Literal["match"] = "match"
    targets: list[TargetExport]
    pairs: list[PairExport]


class SeriesQuestionExport(ItemExport):
    """Yes/no series: one scenario (the prompt) and a proposed solution per part; on the exam each is answered once."""

    kind: Literal["series"] = "series"
    solutions: list[SolutionExport]


AnyQuestionExport = Annotated[
    QuestionExport | CodeQuestionExport | OrderQuestionExport | MatchQuestionExport | SeriesQuestionExport,
    Field(discriminator="kind"),
]


class CaseSectionExport(BaseModel):
    title: str
    text: str
    text_html: str


class CaseStudyExport(BaseModel):
    """A case study: its scenario, and the ids of its questions (entries of
    'questions' whose ``case`` is this id), in order."""

    kind: Literal["case"] = "case"
    id: str
    quiz: str
    chapter_url: str
    title: str
    scenario: list[CaseSectionExport]
    questions: list[str]


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
    schema_version: int = QUESTIONS_SCHEMA_VERSION
    domains: list[DomainExport]
    chapters: list[ChapterExport]
    questions: list[AnyQuestionExport]
    cases: list[CaseStudyExport]


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
    schema_version: int = GLOSSARY_SCHEMA_VERSION
    terms: list[TermExport]


def _url(content: Content, link: str) -> str:
    page, _, anchor = link.partition("#")
    return content.site.url(page) + (f"#{anchor}" if anchor else "")


def _question_export(ctx: RenderContext, rel: str, question, common: dict) -> BaseModel:
    """The export of one question of any kind (not a case study), its
    Markdown fields rendered from the site root."""
    entry = f"question '{question.id}'"

    def html(text: str, field: str, inline: bool = True) -> str:
        return ctx.markdown(text, (rel, entry, field), inline=inline)

    common = dict(common, prompt=question.prompt, prompt_html=html(question.prompt, "prompt", inline=False),
                  explanation=question.explanation, explanation_html=html(question.explanation, "explanation", inline=False))
    if isinstance(question, Question):
        return QuestionExport(**common, multiple=question.multiple, choices=[
            ChoiceExport(text=c.text, text_html=html(c.text, f"choices[{i}].text"), correct=c.correct, explanation=c.explanation,
                         explanation_html=html(c.explanation, f"choices[{i}].explanation") if c.explanation else None)
            for i, c in enumerate(question.choices)])
    if isinstance(question, CodeQuestion):
        return CodeQuestionExport(**common, language=question.language, code=question.code, blanks=[
            BlankExport(id=blank.id, options=[
                OptionExport(text=o.text, text_html=html(o.text, f"blanks[{b}].options[{i}].text"), correct=o.correct,
                             explanation=o.explanation, explanation_html=html(o.explanation, f"blanks[{b}].options[{i}].explanation"))
                for i, o in enumerate(blank.options)])
            for b, blank in enumerate(question.blanks)])
    if isinstance(question, OrderQuestion):
        def steps(group: str, items) -> list[StepExport]:
            return [StepExport(text=s.text, text_html=html(s.text, f"{group}[{i}].text"), explanation=s.explanation,
                               explanation_html=html(s.explanation, f"{group}[{i}].explanation")) for i, s in enumerate(items)]
        return OrderQuestionExport(**common, steps=steps("steps", question.steps), extra_steps=steps("extra_steps", question.extra_steps))
    if isinstance(question, MatchQuestion):
        return MatchQuestionExport(
            **common, targets=[TargetExport(text=t, text_html=html(t, f"targets[{i}]")) for i, t in enumerate(question.targets)],
            pairs=[PairExport(item=p.item, item_html=html(p.item, f"pairs[{i}].item"), target=p.target, explanation=p.explanation,
                              explanation_html=html(p.explanation, f"pairs[{i}].explanation")) for i, p in enumerate(question.pairs)])
    if isinstance(question, SeriesQuestion):
        return SeriesQuestionExport(**common, solutions=[
            SolutionExport(text=s.text, text_html=html(s.text, f"solutions[{i}].text"), meets_goal=s.meets_goal,
                           explanation=s.explanation, explanation_html=html(s.explanation, f"solutions[{i}].explanation"))
            for i, s in enumerate(question.solutions)])
    raise TypeError(f"{rel}: {entry}: no export for kind {question.kind!r}")


def question_bank(content: Content, md: SafeMarkdown) -> QuestionBank:
    """Every question of every quiz, in chapter order. A case study's
    questions are entries of their own (each with the domain of the chapter
    its ``teaches`` link points to, and ``case`` naming the study), and the
    study itself, scenario and question ids, is an entry of ``cases``."""
    ctx = RenderContext(content, ROOT_PAGE, md)
    chapters, questions, cases = [], [], []
    for quiz_id, page in sorted(content.quiz_pages.items(), key=lambda item: content.page_rank(item[1])):
        domain, chapter_url = content.page_domain(page), content.site.url(page)
        chapters.append(ChapterExport(quiz=quiz_id, title=content.site.pages[page].title, url=chapter_url, domain=domain))
        rel = content.origin[("quiz", quiz_id)]

        def common(question, case: str | None, domain: str | None) -> dict:
            return dict(id=question.id, quiz=quiz_id, chapter_url=chapter_url, domain=domain, case=case,
                        teaches=question.teaches, teaches_url=_url(content, question.teaches),
                        teaches_title=content.site.section_title(question.teaches), skills=list(question.skills))

        for item in content.quizzes[quiz_id].questions:
            if not isinstance(item, CaseStudy):
                questions.append(_question_export(ctx, rel, item, common(item, None, domain)))
                continue
            entry = f"case study '{item.id}'"
            cases.append(CaseStudyExport(
                id=item.id, quiz=quiz_id, chapter_url=chapter_url, title=item.title,
                scenario=[CaseSectionExport(title=s.title, text=s.text, text_html=ctx.markdown(s.text, (rel, entry, f"scenario[{i}].text")))
                          for i, s in enumerate(item.scenario)],
                questions=[q.id for q in item.questions]))
            for question in item.questions:
                teaching_domain = content.page_domain(question.teaches.partition("#")[0])
                questions.append(_question_export(ctx, rel, question, common(question, item.id, teaching_domain)))
    domains = [DomainExport(id=d.id, name=d.name, weight=d.weight) for d in content.outline.domains]
    return QuestionBank(domains=domains, chapters=chapters, questions=questions, cases=cases)


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


LETTERS = string.ascii_uppercase
PLAIN_LIST = "<ul style='list-style:none'>{}</ul>"


def genanki_guid(*values: str) -> str:
    import genanki

    return genanki.guid_for(*values)


def _verdicts(options) -> str:
    """Every option's letter, verdict and explanation, as the chapter quiz's answer key gives them."""
    return PLAIN_LIST.format("".join(
        f"<li><b>{LETTERS[i]}. {'Correct' if o.correct else 'Incorrect'}.</b>{' ' + o.explanation_html if o.explanation_html else ''}</li>"
        for i, o in enumerate(options)))


def _lettered(options) -> str:
    return PLAIN_LIST.format("".join(f"<li>{LETTERS[i]}. {o.text_html}</li>" for i, o in enumerate(options)))


def _code_with(question: CodeQuestionExport, fill) -> str:
    """The code sample, escaped, each [[blank]] replaced by ``fill(number, blank)``."""
    by_id = {blank.id: (number, blank) for number, blank in enumerate(question.blanks, start=1)}
    parts = BLANK_MARKER.split(question.code)  # text, blank id, text, ...
    return "<pre><code>" + "".join(escape(part) if i % 2 == 0 else fill(*by_id[part]) for i, part in enumerate(parts)) + "</code></pre>"


def anki_cards(question) -> list[tuple[str, str, str]]:
    """(guid, front, back) of each Anki note of a question: one, or one per
    solution of a yes/no series. Plain HTML, no script: Anki shows it on
    every client."""
    explanation = question.explanation_html
    guid = genanki_guid("question", question.id)  # a series' notes have guids of their own
    if isinstance(question, QuestionExport):
        answer = ", ".join(LETTERS[i] for i, c in enumerate(question.choices) if c.correct)
        return [(guid, question.prompt_html + _lettered(question.choices),
                 f"<p><b>Answer: {answer}</b></p>{_verdicts(question.choices)}{explanation}")]
    if isinstance(question, CodeQuestionExport):
        front = question.prompt_html + _code_with(question, lambda n, blank: f"<b>[{n}]</b>") + "".join(
            f"<p><b>Gap [{n}]</b></p>{_lettered(blank.options)}" for n, blank in enumerate(question.blanks, start=1))
        right = {blank.id: next(i for i, o in enumerate(blank.options) if o.correct) for blank in question.blanks}
        filled = _code_with(question, lambda n, blank: f"<mark>[{n}] {blank.options[right[blank.id]].text_html}</mark>")
        keys = "".join(f"<p><b>Gap [{n}]: {LETTERS[right[blank.id]]}</b></p>{_verdicts(blank.options)}"
                       for n, blank in enumerate(question.blanks, start=1))
        return [(guid, front, f"<p><b>Answer:</b></p>{filled}{keys}{explanation}")]
    if isinstance(question, OrderQuestionExport):
        every = [*question.steps, *question.extra_steps]
        hint = (f"Put {len(question.steps)} of these {len(every)} steps in order; the others belong nowhere."
                if question.extra_steps else "Put these steps in order.")
        shown = display_order(question.id, len(question.steps), len(question.extra_steps))  # as the chapter quiz shows them
        front = f"{question.prompt_html}<p><i>{hint}</i></p>" + PLAIN_LIST.format(
            "".join(f"<li>{LETTERS[n]}. {every[i].text_html}</li>" for n, i in enumerate(shown)))
        letter = {i: LETTERS[n] for n, i in enumerate(shown)}
        sequence = "<ol>" + "".join(f"<li><b>{letter[i]}. {s.text_html}</b> {s.explanation_html}</li>"
                                    for i, s in enumerate(question.steps)) + "</ol>"
        extra = ("<p><b>Not in the sequence:</b></p>" + PLAIN_LIST.format("".join(
            f"<li><b>{letter[len(question.steps) + i]}. {s.text_html}</b> {s.explanation_html}</li>"
            for i, s in enumerate(question.extra_steps)))) if question.extra_steps else ""
        order = ", ".join(letter[i] for i in range(len(question.steps)))
        return [(guid, front, f"<p><b>Answer: {order}</b></p>{sequence}{extra}{explanation}")]
    if isinstance(question, MatchQuestionExport):
        front = (question.prompt_html + "<p><b>Items</b></p><ol>" + "".join(f"<li>{p.item_html}</li>" for p in question.pairs)
                 + "</ol><p><b>Targets</b> (one may fit several items, or none)</p>" + _lettered(question.targets))
        letter = {t.text: LETTERS[i] for i, t in enumerate(question.targets)}
        html = {t.text: t.text_html for t in question.targets}
        pairs = "<ol>" + "".join(f"<li>{p.item_html} → <b>{letter[p.target]}. {html[p.target]}</b>. {p.explanation_html}</li>"
                                 for p in question.pairs) + "</ol>"
        return [(guid, front, f"<p><b>Answer:</b></p>{pairs}{explanation}")]
    if isinstance(question, SeriesQuestionExport):
        return [(genanki_guid("series", question.id, str(n)),
                 f"{question.prompt_html}<p><b>Proposed solution {n + 1} of {len(question.solutions)}:</b></p><p>{solution.text_html}</p>"
                 "<p><b>Does this meet the goal?</b> Yes or No.</p>",
                 f"<p><b>Answer: {'Yes' if solution.meets_goal else 'No'}</b></p><p>{solution.explanation_html}</p>{explanation}")
                for n, solution in enumerate(question.solutions)]
    raise TypeError(f"no Anki card for kind {question.kind!r}")


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
    cases = {case.id: case for case in bank.cases}
    for question in bank.questions:
        link_field = link(question.teaches_url, question.teaches_title)
        case = cases.get(question.case)
        # A case question names its study and links to the scenario, which is too long for a card.
        where = (f"<p><i>Case study: {link(case.chapter_url, case.title)}. Read its scenario first.</i></p>" if case else "")
        for guid, front, back in anki_cards(question):
            deck.add_note(genanki.Note(
                model=question_model, guid=guid, tags=["dp100", question.quiz, question.kind],
                fields=[where + front, back, link_field],
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
