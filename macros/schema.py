"""Schemas of the data files under ``data/``.

One model per file kind. Unknown fields are errors (``extra="forbid"``) so a
typo never silently drops content. Cross-file rules (a related term exists, a
link resolves) live in :mod:`macros.content`, which knows every file.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator, model_validator

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


class Question(Strict):
    id: Slug
    prompt: Text
    choices: list[Choice] = Field(min_length=2, max_length=MAX_CHOICES)
    explanation: Text
    teaches: SectionLink
    skills: list[Slug] = Field(default_factory=list)

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


class QuizFile(Strict):
    title: Text = "Check your knowledge"
    questions: list[Question] = Field(min_length=1)


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
