"""Schemas of the data files under ``data/``.

One model per file kind. Unknown fields are errors (``extra="forbid"``) so a
typo never silently drops content. Cross-file rules (a related term exists, a
link resolves) live in :mod:`macros.content`, which knows every file.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Field, StrictBool, StringConstraints, Tag,
                      field_validator, model_validator)

from .markdown_text import CONTROL_CHARACTER


def _no_control_characters(value: str) -> str:
    # A YAML escape such as "\e" puts one into a string; it would reach the page.
    found = CONTROL_CHARACTER.search(value)
    if found:
        raise ValueError(f"control character U+{ord(found.group()):04X} at position {found.start() + 1}; remove it")
    return value


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_no_control_characters)]
# A link to a section: "part/chapter.md#anchor" (the anchor may be omitted).
SectionLink = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md(?:#[A-Za-z0-9_-]+)?$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------
# Glossary: data/glossary/*.yml
# ---------------------------------------------------------------------------
# Words too common to carry a tooltip: as a term or alias, every "the" or
# "a" in the guide would get one.
STOP_WORDS = frozenset("""
a about after all also an and any are as at be been but by can do does for from has have how if in into is it
its may more no not of on one or other our out over so such than that the their them then there these they
this to too up use used uses using was we were what when where which while who will with you your
""".split())


class Term(Strict):
    id: Slug
    term: Text
    aliases: list[Text] = Field(default_factory=list)
    short: Text
    details: Text
    related: list[Slug] = Field(default_factory=list)
    taught_in: SectionLink

    @field_validator("term", "aliases")
    @classmethod
    def _plain_name(cls, value):
        # Names become headings and `*[name]: short` abbreviation definitions,
        # so they are plain words: no markup, brackets or line breaks.
        for name in [value] if isinstance(value, str) else value:
            if not re.fullmatch(r"[\w .,'’/()+&:@-]+", name):
                raise ValueError(f"'{name}' may use letters, digits, spaces and . , ' / ( ) + & : @ - only")
            if len(name) < 2 or name.casefold() in STOP_WORDS:
                raise ValueError(f"'{name}' is too common a word to get a tooltip wherever it appears; use a longer name")
        return value

    @field_validator("short")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value:
            raise ValueError("must be a single line (it is shown as a tooltip)")
        return value


class GlossaryFile(Strict):
    terms: list[Term] = Field(min_length=1)


# ---------------------------------------------------------------------------
# Comparison tables: data/tables/<table-id>.yml
# ---------------------------------------------------------------------------
class Column(Strict):
    id: Slug
    label: Text


class ComparisonTable(Strict):
    caption: Text
    taught_in: SectionLink
    columns: list[Column] = Field(min_length=2)
    # Each row maps column id -> inline Markdown. The first column heads the row.
    rows: list[dict[str, Text]] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_match_columns(self):
        ids = [c.id for c in self.columns]
        if len(set(ids)) != len(ids):
            raise ValueError(f"columns: duplicate column id in {ids}")
        for index, row in enumerate(self.rows):
            unknown = sorted(set(row) - set(ids))
            if unknown:
                raise ValueError(f"rows[{index}]: unknown column {unknown[0]!r} (columns are {ids})")
            missing = [c for c in ids if c not in row]
            if missing:
                raise ValueError(f"rows[{index}]: no cell for column {missing[0]!r}")
        return self


# ---------------------------------------------------------------------------
# Quizzes: data/quizzes/<chapter-id>.yml
# ---------------------------------------------------------------------------
# The exam shows at most a handful; choices are lettered A, B, C...
MAX_CHOICES = 8


class Choice(Strict):
    text: Text
    # True or false only: YAML's "yes", "on" or a quoted "true" is a mistake.
    correct: StrictBool = False
    explanation: Text | None = None


def _distinct(texts: list[str], field: str, what: str) -> None:
    seen: set[str] = set()
    for index, text in enumerate(texts):
        if text in seen:
            raise ValueError(f"{field}[{index}]: two {what} have the same text {text!r}")
        seen.add(text)


class ItemBase(Strict):
    """What every exam item has, whatever its kind."""

    id: Slug
    prompt: Text
    explanation: Text
    teaches: SectionLink
    skills: list[Slug] = Field(default_factory=list)

    def markdown_fields(self) -> list[tuple[str, str]]:
        """(field, Markdown) of every text the item shows, for link checks."""
        return [("prompt", self.prompt), ("explanation", self.explanation)]


class Question(ItemBase):
    """Single or multiple choice: ``kind: choice``, the default."""

    kind: Literal["choice"] = "choice"
    choices: list[Choice] = Field(min_length=2, max_length=MAX_CHOICES)

    @model_validator(mode="after")
    def _answerable(self):
        right = sum(choice.correct for choice in self.choices)
        if right == 0:
            raise ValueError("choices: no choice is marked correct: true")
        if right == len(self.choices):
            raise ValueError("choices: every choice is correct; a question needs a wrong choice")
        texts = [choice.text for choice in self.choices]
        if len(set(texts)) != len(texts):
            raise ValueError("choices: two choices have the same text")
        return self

    @property
    def multiple(self) -> bool:
        """Multiple-answer questions are those with more than one correct choice."""
        return sum(choice.correct for choice in self.choices) > 1

    def markdown_fields(self):
        return super().markdown_fields() + [
            (f"choices[{i}].{name}", text) for i, c in enumerate(self.choices)
            for name, text in (("text", c.text), ("explanation", c.explanation or ""))]


# Where a blank sits in a code sample: [[blank-id]]. Slugs only, so that
# Python's df[["col"]] or YAML's [[1, 2]] is never taken for one.
BLANK_MARKER = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")


class Option(Strict):
    """An option of a blank, a solution or anything else with one right answer:
    each option says why it is right or wrong."""

    text: Text
    correct: StrictBool = False
    explanation: Text


class Blank(Strict):
    id: Slug
    options: list[Option] = Field(min_length=2, max_length=MAX_CHOICES)

    @model_validator(mode="after")
    def _one_right(self):
        right = sum(option.correct for option in self.options)
        if right != 1:
            raise ValueError(f"options: exactly one option must be correct: true ({right} are)")
        _distinct([o.text for o in self.options], "options", "options")
        return self


class CodeQuestion(ItemBase):
    """Code with blanks (``kind: code``): a sample with [[blank-id]] gaps, each
    answered by picking one option from a drop-down."""

    kind: Literal["code"]
    language: Literal["python", "yaml", "bash"]
    code: Text
    blanks: list[Blank] = Field(min_length=1, max_length=6)

    @model_validator(mode="after")
    def _blanks_match_code(self):
        used = BLANK_MARKER.findall(self.code)
        ids = [blank.id for blank in self.blanks]
        for marker in used:
            if marker not in ids:
                raise ValueError(f"code: [[{marker}]] names no blank (blanks are {ids})")
        for blank_id in ids:
            if used.count(blank_id) != 1:
                raise ValueError(f"code: blank '{blank_id}' must appear exactly once as [[{blank_id}]] "
                                 f"(it appears {used.count(blank_id)} times)")
        if used != ids:
            raise ValueError(f"blanks: list them in the order they appear in the code ({used})")
        return self

    def markdown_fields(self):
        return super().markdown_fields() + [
            (f"blanks[{b}].options[{o}].{name}", text) for b, blank in enumerate(self.blanks)
            for o, option in enumerate(blank.options) for name, text in (("text", option.text), ("explanation", option.explanation))]


class Step(Strict):
    text: Text
    explanation: Text


class OrderQuestion(ItemBase):
    """Build list (``kind: order``): ``steps`` in the right order, and
    ``extra_steps`` that belong nowhere in the answer."""

    kind: Literal["order"]
    steps: list[Step] = Field(min_length=3, max_length=MAX_CHOICES)
    extra_steps: list[Step] = Field(default_factory=list, max_length=4)

    @model_validator(mode="after")
    def _each_step_once(self):
        _distinct([s.text for s in [*self.steps, *self.extra_steps]], "steps", "steps (extra steps included)")
        return self

    def markdown_fields(self):
        return super().markdown_fields() + [
            (f"{group}[{i}].{name}", text) for group, steps in (("steps", self.steps), ("extra_steps", self.extra_steps))
            for i, step in enumerate(steps) for name, text in (("text", step.text), ("explanation", step.explanation))]


class Pair(Strict):
    item: Text
    target: Text
    explanation: Text


class MatchQuestion(ItemBase):
    """Matching (``kind: match``, drag and drop on the exam): each item of
    ``pairs`` goes with one of ``targets``; a target may fit several items or
    none."""

    kind: Literal["match"]
    targets: list[Text] = Field(min_length=2, max_length=MAX_CHOICES)
    pairs: list[Pair] = Field(min_length=2, max_length=MAX_CHOICES)

    @model_validator(mode="after")
    def _pairs_complete(self):
        _distinct(self.targets, "targets", "targets")
        _distinct([p.item for p in self.pairs], "pairs", "items")
        for index, pair in enumerate(self.pairs):
            if pair.target not in self.targets:
                raise ValueError(f"pairs[{index}]: target {pair.target!r} is not one of targets {self.targets}")
        return self

    def markdown_fields(self):
        return super().markdown_fields() + [(f"targets[{i}]", t) for i, t in enumerate(self.targets)] + [
            (f"pairs[{i}].{name}", text) for i, pair in enumerate(self.pairs)
            for name, text in (("item", pair.item), ("explanation", pair.explanation))]


class Solution(Strict):
    text: Text
    meets_goal: StrictBool
    explanation: Text


class SeriesQuestion(ItemBase):
    """Yes/no problem-solution series (``kind: series``): one scenario and goal
    in ``prompt``, a different proposed solution per item. On the exam each is
    answered once and cannot be revisited."""

    kind: Literal["series"]
    solutions: list[Solution] = Field(min_length=2, max_length=5)

    @model_validator(mode="after")
    def _distinct_solutions(self):
        _distinct([s.text for s in self.solutions], "solutions", "solutions")
        return self

    def markdown_fields(self):
        return super().markdown_fields() + [
            (f"solutions[{i}].{name}", text) for i, s in enumerate(self.solutions)
            for name, text in (("text", s.text), ("explanation", s.explanation))]


def _item_kind(value) -> str:
    if isinstance(value, dict):
        return value.get("kind", "choice")
    return getattr(value, "kind", "choice")


# A question of a case study: any kind but a series or another case study.
CaseItem = Annotated[
    Annotated[Question, Tag("choice")] | Annotated[CodeQuestion, Tag("code")]
    | Annotated[OrderQuestion, Tag("order")] | Annotated[MatchQuestion, Tag("match")],
    Discriminator(_item_kind),
]


class CaseSection(Strict):
    title: Text
    text: Text


class CaseStudy(Strict):
    """Case study (``kind: case``): a long scenario in titled sections, and
    questions about it that may teach from several chapters."""

    kind: Literal["case"]
    id: Slug
    title: Text
    scenario: list[CaseSection] = Field(min_length=2)
    questions: list[CaseItem] = Field(min_length=3)

    @model_validator(mode="after")
    def _distinct_titles(self):
        _distinct([s.title for s in self.scenario], "scenario", "sections")
        return self


ITEM_KINDS = ("choice", "code", "order", "match", "series", "case")
Item = Annotated[
    Annotated[Question, Tag("choice")] | Annotated[CodeQuestion, Tag("code")]
    | Annotated[OrderQuestion, Tag("order")] | Annotated[MatchQuestion, Tag("match")]
    | Annotated[SeriesQuestion, Tag("series")] | Annotated[CaseStudy, Tag("case")],
    Discriminator(_item_kind),
]


class QuizFile(Strict):
    title: Text = "Check your knowledge"
    questions: list[Item] = Field(min_length=1)

    def answerable(self) -> list[ItemBase]:
        """Every item that is answered and scored: a case study's questions in its place."""
        return [q for item in self.questions for q in (item.questions if isinstance(item, CaseStudy) else [item])]


# ---------------------------------------------------------------------------
# Diagrams: data/diagrams/<diagram-id>.yml
# ---------------------------------------------------------------------------
class Stage(Strict):
    label: Text
    items: list[Text] = Field(default_factory=list)


class Diagram(Strict):
    title: Text
    # The text alternative: what the picture says, for readers who cannot see it.
    description: Text
    stages: list[Stage] = Field(min_length=2)
    # True when the last stage feeds back into an earlier one (a cycle):
    # the first, or the stage whose label ``loop_to`` names.
    loop: StrictBool = False
    loop_to: Text | None = None

    @model_validator(mode="after")
    def _loop_target_exists(self):
        labels = [stage.label for stage in self.stages]
        if self.loop_to is not None:
            if not self.loop:
                raise ValueError("loop_to: set 'loop: true' as well")
            if self.loop_to not in labels:
                raise ValueError(f"loop_to: no stage is labelled {self.loop_to!r} (stages: {labels})")
        return self


# ---------------------------------------------------------------------------
# Exam outline and coverage: data/exam/outline.yml, data/exam/coverage.yml
# ---------------------------------------------------------------------------
class Skill(Strict):
    id: Slug
    name: Text


class SkillGroup(Strict):
    name: Text
    skills: list[Skill] = Field(min_length=1)


class Domain(Strict):
    id: Slug
    name: Text
    # Percentage range of the exam, as published: [low, high].
    weight: tuple[int, int]
    groups: list[SkillGroup] = Field(min_length=1)

    @property
    def mid_weight(self) -> float:
        return sum(self.weight) / 2


class Outline(Strict):
    exam: Text
    domains: list[Domain] = Field(min_length=1)


class Coverage(Strict):
    # Skill id -> the sections that teach it. A skill absent here is "not taught yet".
    coverage: dict[Slug, list[SectionLink]]
