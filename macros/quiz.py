"""Self-check quizzes from ``data/quizzes/<chapter-id>.yml``.

The HTML works without JavaScript: every question shows with its choices, and
the answer, the explanations and the section that teaches it sit in a
``<details>`` the reader opens. ``dp100.js`` adds checking, live feedback, a
score kept in localStorage, and a reset.
"""

from __future__ import annotations

import string
from html import escape

from .rendering import NOT_SEARCHED, RenderContext

LETTERS = string.ascii_uppercase


def quiz_anchor(quiz_id: str) -> str:
    """The quiz's id on its page: the target of the page's "Skip to the quiz"
    link (overrides/main.html). Quiz ids are unique site-wide, so the print
    page, which holds every quiz, has no duplicate."""
    return f"dp-quiz-{quiz_id}"


def _question_html(ctx: RenderContext, rel: str, number: int, question) -> str:
    qid = f"dp-q-{question.id}"
    entry = f"question '{question.id}'"
    correct = [i for i, choice in enumerate(question.choices) if choice.correct]
    kind = "checkbox" if question.multiple else "radio"
    hint = (
        f"Choose {len(correct)} answers." if question.multiple else "Choose one answer."
    )
    choices, explained = [], []
    for i, choice in enumerate(question.choices):
        text = ctx.markdown(choice.text, (rel, entry, f"choices[{i}].text"), inline=True)
        choices.append(
            f'<li class="dp-choice"><label><input type="{kind}" name="{qid}" value="{i}"> '
            f'<span class="dp-choice__letter">{LETTERS[i]}.</span> <span class="dp-choice__text">{text}</span></label></li>'
        )
        verdict = "Correct" if choice.correct else "Incorrect"
        why = ""
        if choice.explanation:
            why = " " + ctx.markdown(choice.explanation, (rel, entry, f"choices[{i}].explanation"), inline=True)
        explained.append(
            f'<li class="dp-answer__choice dp-answer__choice--{verdict.lower()}">'
            f"<strong>{LETTERS[i]}. {verdict}.</strong>{why}</li>"
        )
    answer = ", ".join(LETTERS[i] for i in correct)
    explanation = ctx.markdown(question.explanation, (rel, entry, "explanation"))
    return f"""<li class="dp-question" id="{qid}" data-dp-question="{escape(question.id)}" data-dp-correct="{','.join(map(str, correct))}">
<div role="group" aria-labelledby="{qid}-prompt">
<div class="dp-question__prompt" id="{qid}-prompt"><span class="dp-question__number">Question {number}.</span> {ctx.markdown(question.prompt, (rel, entry, "prompt"))}</div>
<p class="dp-question__hint">{hint}</p>
<ul class="dp-choices">
{chr(10).join(choices)}
</ul>
<p class="dp-question__actions"><button type="button" class="md-button dp-check" hidden>Check answer</button></p>
<p class="dp-question__feedback" role="status" aria-live="polite"></p>
<details class="dp-answer">
<summary>Answer key: show the answer and explanation</summary>
<p class="dp-answer__key"><strong>Answer: {answer}</strong></p>
<ul class="dp-answer__choices">
{chr(10).join(explained)}
</ul>
<div class="dp-answer__why">{explanation}</div>
<p class="dp-answer__review">Review: {ctx.section_link(question.teaches)}</p>
</details>
</div>
</li>"""


def render_quiz(ctx: RenderContext, quiz_id: str) -> str:
    quiz = ctx.lookup(ctx.content.quizzes, quiz_id, "quiz")
    rel = ctx.content.origin[("quiz", quiz_id)]
    questions = "\n".join(_question_html(ctx, rel, n, q) for n, q in enumerate(quiz.questions, start=1))
    total = len(quiz.questions)
    # Out of search: results would show the answers and explanations. The
    # region's name carries the page title: the print page holds every quiz,
    # and landmarks need names of their own (axe: landmark-unique).
    name = f"{quiz.title}: {ctx.content.site.section_title(ctx.page_src)}"
    return f"""<section class="dp-quiz" id="{escape(quiz_anchor(quiz_id))}" {NOT_SEARCHED} data-dp-quiz="{escape(quiz_id)}" aria-label="{escape(name)}">
<p class="dp-quiz__title"><strong>{escape(quiz.title)}</strong> · {total} questions</p>
<p class="dp-quiz__score" role="status" aria-live="polite" hidden></p>
<ol class="dp-quiz__questions">
{questions}
</ol>
<p class="dp-quiz__actions"><button type="button" class="md-button dp-reset" hidden>Reset quiz</button> <span class="dp-quiz__total" hidden></span></p>
</section>"""
