"""Data and prose agree across the real site (pydantic-docs style checks)."""

from __future__ import annotations

import re

import pytest

from tests.test_site_build import CHAPTERS


SCENARIO = re.compile(
    r"\b(needs?|wants?|must|should you|you are|your|you will|you submit|you select|colleague|team|"
    r"organi[sz]ation|company|migrating|old code|customer)\b", re.I,
)


def stem(src: str) -> str:
    return src.rsplit("/", 1)[-1][: -len(".md")]


@pytest.mark.parametrize("src", CHAPTERS)
def test_chapter_quiz_is_exam_sized_and_teaches_from_its_page(site_content, src):
    quiz = site_content.quizzes[stem(src)]
    items = quiz.answerable()
    assert site_content.quiz_pages[stem(src)] == src
    assert len(items) >= 8
    assert sum(q.multiple for q in items if q.kind == "choice") >= 2, "needs multiple-answer questions"
    assert all(q.teaches.partition("#")[0] == src for q in items)
    # Exam questions mostly describe a situation; pure recall must not take over.
    scenario = [q for q in items if SCENARIO.search(q.prompt)]
    assert len(scenario) >= len(items) / 3, "needs more scenario questions ('You need to ...')"


@pytest.mark.parametrize("src", [c for c in CHAPTERS if c != "legacy.md"])
def test_chapter_serves_exam_skills(site_content, src):
    assert site_content.page_skills(src), f"{src} teaches no skill in data/exam/coverage.yml"
    assert "{{ exam_skills() }}" in site_content.site.pages[src].source


def test_every_term_is_used_somewhere(site_content):
    unused = [tid for tid, pages in site_content.appears_in.items() if not pages]
    assert not unused, f"terms no page mentions or shows: {unused}"


def test_every_table_is_taught_in_a_chapter(site_content):
    shown = {
        table for src in CHAPTERS for table in re.findall(r'comparison_table\("([a-z0-9-]+)"\)', site_content.site.pages[src].source)
    }
    assert set(site_content.tables) <= shown, f"tables only on the comparisons page: {set(site_content.tables) - shown}"


def test_correct_answers_are_spread_over_positions(site_content):
    """A quiz whose answer is always B teaches the letter, not the topic."""
    for quiz_id, quiz in site_content.quizzes.items():
        positions = {i for q in quiz.answerable() if q.kind == "choice" for i, c in enumerate(q.choices) if c.correct}
        assert len(positions) >= 3, f"{quiz_id}: correct answers only at positions {sorted(positions)}"
