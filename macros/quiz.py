"""Self-check quizzes from ``data/quizzes/<chapter-id>.yml``, every item kind.

The HTML works without JavaScript: every question shows with its choices,
drop-downs or Yes/No buttons (native form controls), and the answer, each
option's verdict and explanation and the section that teaches it sit in a
``<details>`` the reader opens. ``dp100.js`` adds checking, live feedback, a
score kept in localStorage, and a reset; ``quiz-kinds.js`` and
``quiz-kinds.css``, loaded only on a page whose quiz has a kind other than
choice, check and style those kinds and turn a build list's drop-downs into an
answer area with buttons.

Each item has parts, each right or wrong and worth a point (see "Scoring" in
CONTRIBUTING.md): a choice question one, code a part per blank, matching a
part per pair, a series a part per solution, a build list a part per step of
the right sequence. ``data-dp-correct`` lists the right answer of each part
(a choice question's: its correct choices), ``data-dp-sizes`` how many
values each part may take, so stored answers are checked against the page.
"""

from __future__ import annotations

import random
import re
import string
from html import escape, unescape

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name

from .rendering import NOT_SEARCHED, RenderContext
from .schema import BLANK_MARKER, CaseStudy

LETTERS = string.ascii_uppercase
TAG = re.compile(r"<[^>]*>")
# Stands for a blank while the code is highlighted: one identifier, in every
# language a name Pygments leaves whole.
GAP_PLACEHOLDER = "DPGAP{}X"
_CODE = HtmlFormatter(nowrap=True)
KINDS_CSS = "assets/dp100/quiz-kinds.css"


def quiz_anchor(quiz_id: str) -> str:
    """The quiz's id on its page: the target of the page's "Skip to the quiz"
    link (overrides/main.html). Quiz ids are unique site-wide, so the print
    page, which holds every quiz, has no duplicate."""
    return f"dp-quiz-{quiz_id}"


def plain_text(html: str) -> str:
    """The text of our own rendered Markdown, escaped again: for an
    ``<option>``, which holds text only."""
    return escape(unescape(TAG.sub("", html)).strip())


def display_order(item_id: str, steps: int, extra_steps: int = 0) -> list[int]:
    """A build list's steps as shown (indices over steps, then extra steps):
    shuffled from the item's id, the same on every build, and never with the
    right steps in their right order, which is the answer. The chapter quiz
    and the Anki deck both show this order."""
    order = list(range(steps + extra_steps))
    random.Random(item_id).shuffle(order)
    right = [at for at, index in enumerate(order) if index < steps]
    if [order[at] for at in right] == list(range(steps)):
        first, second = right[:2]
        order[first], order[second] = order[second], order[first]
    return order


class _Item:
    """What one question's HTML is made of; ``rel`` and ``entry`` name it in errors."""

    def __init__(self, ctx: RenderContext, rel: str, question):
        self.ctx, self.rel, self.q = ctx, rel, question
        self.qid = f"dp-q-{question.id}"
        self.entry = f"question '{question.id}'"

    def md(self, text: str, field: str, inline: bool = True) -> str:
        return self.ctx.markdown(text, (self.rel, self.entry, field), inline=inline)

    def select(self, name: str, label: str, options: list[tuple[int, str]], part: int, prompt: str = "Choose…") -> str:
        """A native drop-down, answerable without JavaScript: ``options`` are
        (value, escaped text) pairs; ``label`` is its accessible name."""
        choices = "".join(f'<option value="{value}">{text}</option>' for value, text in options)
        return (f'<select class="dp-select" id="{self.qid}-{name}" name="{self.qid}-{name}" data-dp-part="{part}" '
                f'aria-label="{escape(label)}"><option value="">{prompt}</option>{choices}</select>')

    def verdicts(self, options, field: str) -> str:
        """Every option with its verdict and why, lettered as shown."""
        rows = []
        for i, option in enumerate(options):
            verdict = "Correct" if option.correct else "Incorrect"
            rows.append(f'<li class="dp-answer__choice dp-answer__choice--{verdict.lower()}"><strong>{LETTERS[i]}. '
                        f'{verdict}.</strong> {self.md(option.text, f"{field}[{i}].text")}: '
                        f'{self.md(option.explanation, f"{field}[{i}].explanation")}</li>')
        return '<ul class="dp-answer__choices">\n' + "\n".join(rows) + "\n</ul>"


def _choice(item: _Item):
    q = item.q
    correct = [i for i, choice in enumerate(q.choices) if choice.correct]
    kind = "checkbox" if q.multiple else "radio"
    hint = f"Choose {len(correct)} answers." if q.multiple else "Choose one answer."
    choices, explained = [], []
    for i, choice in enumerate(q.choices):
        text = item.md(choice.text, f"choices[{i}].text")
        choices.append(
            f'<li class="dp-choice"><label><input type="{kind}" name="{item.qid}" value="{i}"> '
            f'<span class="dp-choice__letter">{LETTERS[i]}.</span> <span class="dp-choice__text">{text}</span></label></li>'
        )
        verdict = "Correct" if choice.correct else "Incorrect"
        why = " " + item.md(choice.explanation, f"choices[{i}].explanation") if choice.explanation else ""
        explained.append(f'<li class="dp-answer__choice dp-answer__choice--{verdict.lower()}">'
                         f"<strong>{LETTERS[i]}. {verdict}.</strong>{why}</li>")
    body = '<ul class="dp-choices">\n' + "\n".join(choices) + "\n</ul>"
    key = ('<ul class="dp-answer__choices">\n' + "\n".join(explained) + "\n</ul>")
    return hint, body, ", ".join(LETTERS[i] for i in correct), key, correct, [len(q.choices)]


def _code(item: _Item):
    q = item.q
    count = len(q.blanks)
    options = [[item.md(o.text, f"blanks[{b}].options[{i}].text") for i, o in enumerate(blank.options)]
               for b, blank in enumerate(q.blanks)]
    numbers = {blank.id: b for b, blank in enumerate(q.blanks)}
    source = BLANK_MARKER.sub(lambda marker: GAP_PLACEHOLDER.format(numbers[marker.group(1)]), q.code)
    code = highlight(source, get_lexer_by_name(q.language), _CODE).rstrip("\n")

    def gap(b: int) -> str:
        label = f"Gap {b + 1} of {count}"
        select = item.select(f"gap-{b + 1}", label, [(i, plain_text(text)) for i, text in enumerate(options[b])], b,
                             f"[{b + 1}] Choose…")
        return f'<span class="dp-gap"><span class="dp-gap__number" aria-hidden="true">[{b + 1}]</span>{select}</span>'

    for b in range(count):
        code = code.replace(GAP_PLACEHOLDER.format(b), gap(b), 1)
    # no-copy: Material's copy button would copy the drop-downs' every option.
    # On paper the drop-downs are gone: each gap's options are listed under the code.
    printed = "".join(f'<li>[{b + 1}] ' + " · ".join(f"{LETTERS[i]}. {text}" for i, text in enumerate(texts)) + "</li>"
                      for b, texts in enumerate(options))
    body = (f'<div class="language-{q.language} highlight dp-code-blanks no-copy"><pre><code>{code}</code></pre></div>\n'
            f'<ul class="dp-gap-options">{printed}</ul>')
    right = [next(i for i, o in enumerate(blank.options) if o.correct) for blank in q.blanks]
    answer = "; ".join(f"gap {b + 1}, {LETTERS[right[b]]} ({plain_text(options[b][right[b]])})" for b in range(count))
    key = "\n".join(f'<div class="dp-answer__part"><p>Gap {b + 1}:</p>\n{item.verdicts(blank.options, f"blanks[{b}].options")}</div>'
                    for b, blank in enumerate(q.blanks))
    hint = f"Choose an option for each of the {count} gaps in the code." if count > 1 else "Choose an option for the gap in the code."
    return hint, body, answer, key, right, [len(blank.options) for blank in q.blanks]


def _match(item: _Item):
    q = item.q
    targets = [item.md(t, f"targets[{i}]") for i, t in enumerate(q.targets)]
    listed = "".join(f'<li><span class="dp-choice__letter">{LETTERS[i]}.</span> {t}</li>' for i, t in enumerate(targets))
    rows, explained, right = [], [], []
    for p, pair in enumerate(q.pairs):
        target = q.targets.index(pair.target)
        right.append(target)
        text = item.md(pair.item, f"pairs[{p}].item")
        options = [(i, f"{LETTERS[i]}. {plain_text(t)}") for i, t in enumerate(targets)]
        select = item.select(f"item-{p + 1}", f"Target for item {p + 1}: {unescape(plain_text(text))}", options, p, "Choose a target…")
        rows.append(f'<li class="dp-pair" data-dp-part-row="{p}"><span class="dp-pair__item">{text}</span> {select}</li>')
        explained.append(f'<li class="dp-answer__choice"><strong>{p + 1}. {LETTERS[target]}.</strong> {text} → '
                         f'{targets[target]}. {item.md(pair.explanation, f"pairs[{p}].explanation")}</li>')
    body = (f'<p class="dp-match__label">Targets:</p>\n<ul class="dp-match__targets">{listed}</ul>\n'
            f'<p class="dp-match__label">Items:</p>\n<ol class="dp-pairs">\n' + "\n".join(rows) + "\n</ol>")
    answer = ", ".join(f"{p + 1} {LETTERS[t]}" for p, t in enumerate(right))
    key = '<ul class="dp-answer__choices">\n' + "\n".join(explained) + "\n</ul>"
    hint = "Choose a target for each item. A target may fit more than one item, or none."
    return hint, body, answer, key, right, [len(q.targets)] * len(q.pairs)


def _series(item: _Item):
    q = item.q
    fields, explained = [], []
    for s, solution in enumerate(q.solutions):
        text = item.md(solution.text, f"solutions[{s}].text")
        name = f"{item.qid}-solution-{s + 1}"
        buttons = "".join(f'<label class="dp-yesno"><input type="radio" name="{name}" value="{value}"> {label}</label> '
                          for value, label in (("yes", "Yes"), ("no", "No")))
        fields.append(f'<fieldset class="dp-solution" data-dp-part="{s}"><legend><span class="dp-solution__number">'
                      f'Proposed solution {s + 1}:</span> {text}</legend>\n<p class="dp-solution__ask">Does this solution meet the goal? '
                      f"{buttons.rstrip()}</p></fieldset>")
        verdict = "Yes" if solution.meets_goal else "No"
        explained.append(f'<li class="dp-answer__choice"><strong>Solution {s + 1}: {verdict}.</strong> '
                         f'{text} {item.md(solution.explanation, f"solutions[{s}].explanation")}</li>')
    body = "\n".join(fields)
    answer = ", ".join(f"{s + 1} {'Yes' if solution.meets_goal else 'No'}" for s, solution in enumerate(q.solutions))
    key = '<ul class="dp-answer__choices">\n' + "\n".join(explained) + "\n</ul>"
    right = [1 if solution.meets_goal else 0 for solution in q.solutions]
    hint = "For each proposed solution, answer Yes if it meets the goal, No if it does not."
    return hint, body, answer, key, right, [2] * len(q.solutions)


def _order(item: _Item):
    q = item.q
    # Indices run over steps, then extra steps, as in the answer model.
    steps = [(f"steps[{i}]", step) for i, step in enumerate(q.steps)] + [
        (f"extra_steps[{i}]", step) for i, step in enumerate(q.extra_steps)]
    texts = [item.md(step.text, f"{field}.text") for field, step in steps]
    shown = display_order(q.id, len(q.steps), len(q.extra_steps))
    letter = {index: LETTERS[at] for at, index in enumerate(shown)}
    listed = "".join(f'<li class="dp-step" data-dp-step="{index}"><span class="dp-choice__letter">{letter[index]}.</span> '
                     f'<span class="dp-step__text">{texts[index]}</span></li>' for index in shown)
    # Without JavaScript, a drop-down per position of the sequence; with it,
    # quiz-kinds.js puts an answer area with buttons in their place.
    options = [(index, f"{letter[index]}. {plain_text(texts[index])}") for index in shown]
    count = len(q.steps)
    positions = "".join(f'<li class="dp-position">{item.select(f"position-{n + 1}", f"Step {n + 1} of {count}", options, n, "Choose a step…")}</li>'
                        for n in range(count))
    body = (f'<p class="dp-order__label" id="{item.qid}-steps">Steps:</p>\n'
            f'<ul class="dp-steps" aria-labelledby="{item.qid}-steps">{listed}</ul>\n'
            f'<p class="dp-order__label" id="{item.qid}-sequence">Your sequence:</p>\n'
            f'<ol class="dp-positions" aria-labelledby="{item.qid}-sequence">{positions}</ol>')
    explained = [f'<li class="dp-answer__choice"><strong>{letter[index]}.</strong> {texts[index]}. '
                 f'{item.md(step.explanation, f"{field}.explanation")}</li>' for index, (field, step) in enumerate(steps)]
    key = '<ol class="dp-answer__choices">\n' + "\n".join(explained[:count]) + "\n</ol>"
    if q.extra_steps:
        key += '\n<p>Not in the sequence:</p>\n<ul class="dp-answer__choices">\n' + "\n".join(explained[count:]) + "\n</ul>"
    hint = (f"Put {count} of the {len(steps)} steps in order: not every step belongs in the sequence." if q.extra_steps
            else f"Put the {count} steps in order.")
    return hint, body, ", ".join(letter[n] for n in range(count)), key, list(range(count)), [len(steps)] * count


KINDS = {"choice": _choice, "code": _code, "match": _match, "series": _series, "order": _order}


def _question_html(ctx: RenderContext, rel: str, number: int, question, case: CaseStudy | None = None) -> str:
    item = _Item(ctx, rel, question)
    hint, body, answer, key, right, sizes = KINDS[question.kind](item)
    qid = item.qid
    scenario = ""
    if case is not None:
        scenario = (f'<p class="dp-case__back">Case study: <a href="#dp-case-{escape(case.id)}">'
                    f"{escape(case.title)}, the scenario</a></p>\n")
    return f"""<li class="dp-question dp-question--{question.kind}" id="{qid}" data-dp-question="{escape(question.id)}" data-dp-kind="{question.kind}" data-dp-correct="{','.join(map(str, right))}" data-dp-sizes="{','.join(map(str, sizes))}">
<div role="group" aria-labelledby="{qid}-prompt">
{scenario}<div class="dp-question__prompt" id="{qid}-prompt"><span class="dp-question__number">Question {number}.</span> {item.md(question.prompt, "prompt", inline=False)}</div>
<p class="dp-question__hint">{hint}</p>
{body}
<p class="dp-question__actions"><button type="button" class="md-button dp-check" hidden>Check answer</button></p>
<p class="dp-question__feedback" role="status" aria-live="polite"></p>
<details class="dp-answer">
<summary>Answer key: show the answer and explanation</summary>
<p class="dp-answer__key"><strong>Answer: {answer}</strong></p>
{key}
<div class="dp-answer__why">{item.md(question.explanation, "explanation", inline=False)}</div>
<p class="dp-answer__review">Review: {ctx.section_link(question.teaches)}</p>
</details>
</div>
</li>"""


def _case_html(ctx: RenderContext, rel: str, first: int, case: CaseStudy) -> str:
    """A case study: its scenario, in a panel the reader can fold away, then
    its questions, each with a link back to the scenario."""
    entry = f"case study '{case.id}'"
    sections = "\n".join(
        f'<h4 class="dp-case__section">{escape(section.title)}</h4>\n'
        f"{ctx.markdown(section.text, (rel, entry, f'scenario[{i}].text'))}" for i, section in enumerate(case.scenario))
    questions = "\n".join(_question_html(ctx, rel, first + n, q, case) for n, q in enumerate(case.questions))
    last = first + len(case.questions) - 1
    return f"""<li class="dp-case" id="dp-case-{escape(case.id)}" data-dp-case="{escape(case.id)}">
<h3 class="dp-case__title">Case study: {escape(case.title)} <span class="dp-case__range">(questions {first} to {last})</span></h3>
<details class="dp-case__scenario" open>
<summary>Scenario: {escape(case.title)}</summary>
<div class="dp-case__sections">
{sections}
</div>
</details>
<ol class="dp-case__questions">
{questions}
</ol>
</li>"""


def render_quiz(ctx: RenderContext, quiz_id: str) -> str:
    quiz = ctx.lookup(ctx.content.quizzes, quiz_id, "quiz")
    rel = ctx.content.origin[("quiz", quiz_id)]
    parts, number = [], 1
    for item in quiz.questions:
        if isinstance(item, CaseStudy):
            parts.append(_case_html(ctx, rel, number, item))
            number += len(item.questions)
        else:
            parts.append(_question_html(ctx, rel, number, item))
            number += 1
    total = number - 1
    kinds = sorted({q.kind for q in quiz.answerable()} - {"choice"})
    # Out of search: results would show the answers and explanations. The
    # region's name carries the page title: the print page holds every quiz,
    # and landmarks need names of their own (axe: landmark-unique).
    name = f"{quiz.title}: {ctx.content.site.section_title(ctx.page_src)}"
    # The kinds' styles, on screen and in print, only where a quiz has them:
    # linked here, they apply without JavaScript too.
    styles = f'<link rel="stylesheet" href="{escape(ctx.href_to_file(KINDS_CSS))}">\n' if kinds else ""
    return styles + f"""<section class="dp-quiz" id="{escape(quiz_anchor(quiz_id))}" {NOT_SEARCHED} data-dp-quiz="{escape(quiz_id)}" data-dp-kinds="{' '.join(kinds)}" aria-label="{escape(name)}">
<p class="dp-quiz__title"><strong>{escape(quiz.title)}</strong> · {total} questions</p>
<p class="dp-quiz__score" role="status" aria-live="polite" hidden></p>
<ol class="dp-quiz__questions">
{chr(10).join(parts)}
</ol>
<p class="dp-quiz__actions"><button type="button" class="md-button dp-reset" hidden>Reset quiz</button> <span class="dp-quiz__total" hidden></span></p>
</section>"""
