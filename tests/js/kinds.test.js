// Unit tests for the item kinds beyond choice questions: scoring per part,
// saved answers checked, shuffles from the exam code, case-study sections and
// the yes/no series' no-revisit rule (node --test; run from pytest).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const ui = require("../../overrides/assets/dp100/study-ui.js");
const exam = require("../../overrides/assets/dp100/practice-exam.js");
const progress = require("../../overrides/assets/dp100/progress.js");

// Items shaped as exports/questions.json has them (only the fields the logic reads).
const option = (correct) => ({ text_html: correct ? "right" : "wrong", correct });
const code = (id, domain, extra = {}) => ({ id, kind: "code", domain, case: null,
  blanks: [{ id: "one", options: [option(false), option(true), option(false)] }, { id: "two", options: [option(true), option(false)] }], ...extra });
const order = (id, domain, extra = {}) => ({ id, kind: "order", domain, case: null,
  steps: [{ text_html: "s1" }, { text_html: "s2" }, { text_html: "s3" }], extra_steps: [{ text_html: "x" }], ...extra });
const match = (id, domain, extra = {}) => ({ id, kind: "match", domain, case: null,
  targets: [{ text: "T0" }, { text: "T1" }, { text: "T2" }],
  pairs: [{ item: "a", target: "T1" }, { item: "b", target: "T1" }, { item: "c", target: "T0" }], ...extra });
const series = (id, domain, extra = {}) => ({ id, kind: "series", domain, case: null,
  solutions: [{ meets_goal: true }, { meets_goal: false }, { meets_goal: false }], ...extra });
const choice = (id, domain, extra = {}) => ({ id, kind: "choice", domain, case: null, multiple: false,
  choices: [{ correct: true }, { correct: false }, { correct: false }], ...extra });

const domains = [{ id: "a", name: "A", weight: [40, 60] }, { id: "b", name: "B", weight: [40, 60] }];

/** Forty questions a domain of every kind, and three case studies of four questions. */
function mixedBank() {
  const makers = [choice, code, order, match, series, choice, choice, choice];
  const questions = [];
  for (const domain of ["a", "b"]) {
    for (let i = 0; i < 40; i += 1) questions.push(makers[i % makers.length](`${domain}-${i}`, domain));
  }
  const cases = ["alpha", "beta", "gamma"].map((name) => {
    const qs = [choice, code, order, match].map((make, i) => make(`${name}-${i}`, i % 2 ? "a" : "b", { case: name }));
    questions.push(...qs);
    return { id: name, title: name, scenario: [{ title: "Overview", text_html: "<p>x</p>" }], questions: qs.map((q) => q.id) };
  });
  return { domains, questions, cases };
}

test("each kind scores a point per right part", () => {
  const c = code("c", "a");
  assert.deepEqual(ui.KINDS.code.marks(c, [1, 0]), [true, true]);
  assert.deepEqual(ui.KINDS.code.marks(c, [1, null]), [true, false]);
  assert.deepEqual(ui.KINDS.code.marks(c, [0, 1]), [false, false]);
  assert.deepEqual(ui.pointsOf(c, [1, null]), { earned: 1, possible: 2 });
  assert.ok(ui.isCorrect(c, [1, 0]) && !ui.isCorrect(c, [1, null]) && !ui.isCorrect(c, null));

  const m = match("m", "a");
  assert.deepEqual(ui.KINDS.match.marks(m, [1, 1, 0]), [true, true, true]);
  assert.deepEqual(ui.KINDS.match.marks(m, [1, 0, null]), [true, false, false]);  // a target may fit two items

  const s = series("s", "a");
  assert.deepEqual(ui.KINDS.series.marks(s, [true, false, null]), [true, true, false]);
  assert.deepEqual(ui.KINDS.series.marks(s, [false, true, false]), [false, false, true]);

  const o = order("o", "a");
  assert.deepEqual(ui.KINDS.order.marks(o, [0, 1, 2]), [true, true, true]);
  assert.deepEqual(ui.KINDS.order.marks(o, [0, 2, 1]), [true, false, false]);
  assert.deepEqual(ui.KINDS.order.marks(o, [3, 1]), [false, true, false]);      // the extra step belongs nowhere
  assert.deepEqual(ui.KINDS.order.marks(o, [0, 1, 2, 3]), [true, true, true]);  // positions of the right sequence count
  assert.deepEqual(ui.pointsOf(o, []), { earned: 0, possible: 3 });

  // A choice question is one part, right only with exactly the correct choices.
  const q = choice("q", "a", { choices: [{ correct: true }, { correct: false }, { correct: true }], multiple: true });
  assert.deepEqual(ui.pointsOf(q, [0]), { earned: 0, possible: 1 });
  assert.deepEqual(ui.pointsOf(q, [2, 0]), { earned: 1, possible: 1 });
});

test("a saved answer of each kind is checked against its question", () => {
  const fits = (q, answer) => ui.kindOf(q).fits(q, answer);
  assert.ok(fits(code("c"), [null, null]) && fits(code("c"), [2, 1]));
  for (const bad of [[3, 0], [0], [0, 0, 0], ["1", 0], [0.5, 0], null, "x"]) assert.ok(!fits(code("c"), bad), JSON.stringify(bad));
  assert.ok(fits(match("m"), [2, 2, null]));
  for (const bad of [[3, 0, 0], [0, 0], [-1, 0, 0], {}]) assert.ok(!fits(match("m"), bad), JSON.stringify(bad));
  assert.ok(fits(series("s"), [true, null, false]));
  for (const bad of [[1, 0, 0], ["yes", null, null], [true, true]]) assert.ok(!fits(series("s"), bad), JSON.stringify(bad));
  assert.ok(fits(order("o"), []) && fits(order("o"), [3, 0, 1]));
  // Longer than the right sequence: every step listed, the extra one last, would score every place.
  for (const bad of [[0, 0], [4], [0, 1, 2, 3], [0, 1, 2, 3, 3], [null]]) assert.ok(!fits(order("o"), bad), JSON.stringify(bad));
  // Every kind's empty answer fits and is not yet answered.
  for (const q of [choice("q"), code("c"), match("m"), series("s"), order("o")]) {
    const kind = ui.kindOf(q);
    assert.ok(kind.fits(q, kind.empty(q)) && !kind.answered(kind.empty(q)), q.kind);
  }
});

test("display orders come from the exam code: the same code, the same order", () => {
  for (const q of [code("c"), match("m"), series("s"), order("o")]) {
    const kind = ui.kindOf(q);
    const one = kind.order(q, "team-7");
    assert.deepEqual(one, kind.order(q, "team-7"));
    assert.ok(kind.orderFits(q, one), q.kind);
    const many = new Set(Array.from({ length: 40 }, (_, i) => JSON.stringify(kind.order(q, `code-${i}`))));
    assert.ok(many.size > 1, `${q.kind} orders are shuffled`);
  }
  assert.ok(!ui.KINDS.code.orderFits(code("c"), [[0, 1, 2]]));
  assert.ok(!ui.KINDS.order.orderFits(order("o"), [0, 1, 2]));  // the extra step must be shown too
  // The review queue shows a build list shuffled, never as its answer.
  assert.notDeepEqual(ui.studyOrder(order("o")), [0, 1, 2, 3]);
  assert.deepEqual(ui.studyOrder(series("s")), [0, 1, 2]);
});

test("case studies come first, whole, one section each; series count a question per solution", () => {
  const bank = mixedBank();
  for (const size of exam.SIZES) {
    const drawn = exam.drawExam(bank, size, "team-7");
    assert.deepEqual(drawn.map((q) => q.id), exam.drawExam(bank, size, "team-7").map((q) => q.id));
    const caseIds = [...new Set(drawn.filter((q) => q.case).map((q) => q.case))];
    assert.equal(caseIds.length, exam.CASE_STUDIES[size]);
    // Whole and in order, at the start.
    const expected = caseIds.flatMap((id) => bank.cases.find((c) => c.id === id).questions);
    assert.deepEqual(drawn.slice(0, expected.length).map((q) => q.id), expected);
    assert.ok(drawn.slice(expected.length).every((q) => !q.case));
    const { screens, sections } = exam.layout(drawn, drawn.map((q) => ui.kindOf(q).order(q, "team-7")));
    assert.equal(screens.length, size, `a ${size}-question exam has ${size} questions, a series one per solution`);
    assert.equal(sections.length, caseIds.length + 1);
    assert.deepEqual(sections.map((s) => s.case), [...caseIds, null]);
  }
  // Case questions count towards their domains: the whole exam follows the weights.
  for (const size of exam.SIZES) {
    const perDomain = {};
    for (const q of exam.drawExam(bank, size, "w")) perDomain[q.domain] = (perDomain[q.domain] || 0) + (q.kind === "series" ? 3 : 1);
    assert.deepEqual(perDomain, exam.allocate(size, domains, { a: 100, b: 100 }), `size ${size}`);
  }
  const other = exam.drawExam(bank, 40, "team-8").map((q) => q.id);
  assert.notDeepEqual(exam.drawExam(bank, 40, "team-7").map((q) => q.id), other);
  // A case study never takes more than a third of the exam.
  const big = mixedBank();
  big.cases = [{ id: "huge", questions: big.questions.filter((q) => q.domain === "a" && q.kind === "choice").slice(0, 8).map((q) => q.id) }];
  assert.ok(exam.drawExam(big, 20, "x").every((q) => !big.cases[0].questions.includes(q.id) || q.case));
});

function started(bank, size, seed) {
  const one = exam.newExam(bank, size, seed, false);
  return { ...one, questions: one.ids.map((id) => bank.questions.find((q) => q.id === id)) };
}

test("an answered series screen cannot be revisited once left, nor a section once left", () => {
  const bank = mixedBank();
  let state = started(bank, 40, "team-7");
  const { screens, sections } = exam.layout(state.questions, state.orders);
  const caseEnd = sections[0].to;
  // Inside the case section: free movement, back and forth.
  assert.equal(exam.neighbour(state, -1), null);
  state = exam.move(state, 1);
  state = exam.move(state, 0);
  assert.equal(state.index, 0);
  // Into the next section: the case section is closed behind.
  state = exam.move(state, caseEnd + 1);
  assert.equal(state.section, 1);
  assert.equal(exam.move(state, 0), null);
  assert.equal(exam.neighbour(state, -1), null);
  // A series screen: unanswered, it may be left and visited again.
  const first = screens.findIndex((s) => s.part !== null);
  const seriesScreens = screens.flatMap((s, i) => (s.q === screens[first].q ? [i] : []));
  assert.equal(seriesScreens.length, 3);
  state = exam.move(state, first);
  state = exam.move(state, first + 1);
  assert.ok(exam.move(state, first));
  state = exam.move(state, first);
  // Answered and left, it is locked.
  state.answers = state.answers.slice();
  state.answers[screens[first].q] = state.answers[screens[first].q].slice();
  state.answers[screens[first].q][screens[first].part] = false;
  assert.ok(exam.screenAnswered(state, screens[first]));
  state = exam.move(state, first + 1);
  assert.deepEqual(state.locked, [first]);
  assert.equal(exam.move(state, first), null);
  assert.notEqual(exam.neighbour(state, -1), first);
  // Staying on a screen never locks it.
  assert.equal(exam.move(state, state.index), state);
  assert.equal(caseEnd + 1 <= first, true);
});

test("a saved exam with every kind resumes; one that breaks a rule does not", () => {
  const bank = mixedBank();
  let state = started(bank, 40, "team-7");
  const { screens } = exam.layout(state.questions, state.orders);
  const seriesScreen = screens.findIndex((s) => s.part !== null);
  const leave = exam.layout(state.questions, state.orders).sections[0].to + 1;
  state = exam.move(state, leave);
  state = exam.move(state, seriesScreen);
  state.answers = state.questions.map((q) => {
    if (q.kind === "code") return [1, null];
    if (q.kind === "match") return [0, 2, null];
    if (q.kind === "series") return [true, false, false];
    if (q.kind === "order") return [3, 0];
    return [0];
  });
  state = exam.move(state, seriesScreen + 1);
  const { questions, ...saved } = state;
  const text = JSON.parse(JSON.stringify(saved));
  const back = exam.checkSession(text, bank);
  assert.ok(back);
  assert.deepEqual(back.locked, [seriesScreen]);
  assert.equal(back.index, seriesScreen + 1);
  const codeAt = state.questions.findIndex((q) => q.kind === "code");
  const orderAt = state.questions.findIndex((q) => q.kind === "order");
  const choiceAt = state.questions.findIndex((q) => q.kind === "choice" && !q.case);
  const replace = (list, at, value) => list.map((x, i) => (i === at ? value : x));
  for (const [why, broken] of [
    ["an old version", { ...text, version: 1 }],
    ["a blank with no such option", { ...text, answers: replace(text.answers, codeAt, [7, null]) }],
    ["a step placed twice", { ...text, answers: replace(text.answers, orderAt, [0, 0]) }],
    ["a build list shown without its extra step", { ...text, orders: replace(text.orders, orderAt, [0, 1, 2]) }],
    ["a code order for one blank only", { ...text, orders: replace(text.orders, codeAt, [[0, 1, 2]]) }],
    ["a locked screen that is not a series", { ...text, locked: [choiceAt] }],
    ["the current screen locked", { ...text, locked: [text.index] }],
    ["a screen locked twice", { ...text, locked: [seriesScreen, seriesScreen] }],
    ["a section that is not the current screen's", { ...text, section: 0 }],
    ["no lock list", { ...text, locked: undefined }],
  ]) assert.equal(exam.checkSession(broken, bank), null, why);
});

test("the exam score is a point per right part, per domain too", () => {
  const bank = mixedBank();
  const state = started(bank, 20, "s");
  state.answers = state.questions.map((q) => {
    if (q.kind === "code") return [1, 1];       // 1 of 2
    if (q.kind === "match") return [1, 1, 0];   // 3 of 3
    if (q.kind === "series") return [true, true, null];  // 1 of 3
    if (q.kind === "order") return [0, 2, 1];   // 1 of 3
    return [0];                                 // 1 of 1
  });
  const result = exam.score(state, bank.domains);
  const expected = { code: [1, 2], match: [3, 3], series: [1, 3], order: [1, 3], choice: [1, 1] };
  let earned = 0;
  let possible = 0;
  for (const r of result.results) {
    assert.deepEqual([r.earned, r.possible], expected[r.q.kind], r.q.kind);
    assert.equal(r.right, r.earned === r.possible);
    earned += r.earned;
    possible += r.possible;
  }
  assert.deepEqual([result.earned, result.possible], [earned, possible]);
  assert.equal(result.byDomain.reduce((n, d) => n + d.possible, 0), possible);
  assert.equal(result.byDomain.reduce((n, d) => n + d.earned, 0), earned);
  assert.equal(result.right, result.results.filter((r) => ["match", "choice"].includes(r.q.kind)).length);
});

test("the review queue and progress files keep questions of every kind", () => {
  const bank = { chapters: [{ quiz: "q", url: "c/" }], questions: [code("c1"), order("o1"), match("m1"), series("s1"), choice("ch1")]
    .map((q) => ({ ...q, quiz: "q" })) };
  const now = Date.UTC(2026, 5, 1);
  const items = Object.fromEntries(bank.questions.map((q) => [q.id, { box: 1, due: now }]));
  const text = JSON.stringify({ kind: "dp100-progress", version: 1, data: { "dp100:review": JSON.stringify({ version: 1, items }) } });
  const { entries, dropped } = progress.parseProgress(text, bank, now);
  assert.deepEqual(Object.keys(entries["dp100:review"].items).sort(), ["c1", "ch1", "m1", "o1", "s1"]);
  assert.deepEqual(dropped, []);
});
