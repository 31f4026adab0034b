// Unit tests for the study tools' pure logic (node --test; run from pytest).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const ui = require("../../overrides/assets/dp100/study-ui.js");
const store = require("../../overrides/assets/dp100/store.js");
const exam = require("../../overrides/assets/dp100/practice-exam.js");
const progress = require("../../overrides/assets/dp100/progress.js");

const domains = [
  { id: "a", name: "A", weight: [20, 25] },
  { id: "b", name: "B", weight: [20, 25] },
  { id: "c", name: "C", weight: [25, 30] },
  { id: "d", name: "D", weight: [25, 30] },
];

function bank(perDomain) {
  const questions = [];
  for (const [domain, count] of Object.entries(perDomain)) {
    for (let i = 0; i < count; i += 1) {
      questions.push({ id: `${domain}-${i}`, domain, choices: [{ correct: true }, { correct: false }] });
    }
  }
  questions.push({ id: "legacy-1", domain: null, choices: [] });
  return { domains, questions };
}

test("seeded random is reproducible and seed-sensitive", () => {
  const first = ui.seededRandom("abc");
  const again = ui.seededRandom("abc");
  const other = ui.seededRandom("abd");
  const a = [first(), first(), first()];
  assert.deepEqual(a, [again(), again(), again()]);
  assert.notDeepEqual(a, [other(), other(), other()]);
  assert.ok(a.every((x) => x >= 0 && x < 1));
});

test("allocation follows the domain weights", () => {
  const counts = exam.allocate(40, domains, { a: 50, b: 50, c: 50, d: 50 });
  assert.deepEqual(counts, { a: 9, b: 9, c: 11, d: 11 });
  assert.equal(Object.values(exam.allocate(60, domains, { a: 50, b: 50, c: 50, d: 50 })).reduce((x, y) => x + y), 60);
});

test("allocation uses the middle of each weight range", () => {
  // The same middle, different lower bounds: equal shares only if the middle counts.
  const ranges = [{ id: "a", name: "A", weight: [10, 30] }, { id: "b", name: "B", weight: [20, 20] }];
  for (const size of [20, 40, 60]) {
    assert.deepEqual(exam.allocate(size, ranges, { a: 50, b: 50 }), { a: size / 2, b: size / 2 });
  }
});

test("a small domain gives up its share to the others", () => {
  const counts = exam.allocate(40, domains, { a: 3, b: 50, c: 50, d: 50 });
  assert.equal(counts.a, 3);
  assert.equal(counts.a + counts.b + counts.c + counts.d, 40);
  assert.ok(counts.c >= counts.b);
});

test("an exam never exceeds the bank", () => {
  const counts = exam.allocate(60, domains, { a: 2, b: 2, c: 2, d: 2 });
  assert.deepEqual(counts, { a: 2, b: 2, c: 2, d: 2 });
});

test("the draw is reproducible from the seed, without repeats or legacy questions", () => {
  const questions = bank({ a: 30, b: 30, c: 30, d: 30 });
  const one = exam.drawExam(questions, 40, "team-7").map((q) => q.id);
  const two = exam.drawExam(questions, 40, "team-7").map((q) => q.id);
  const three = exam.drawExam(questions, 40, "team-8").map((q) => q.id);
  assert.deepEqual(one, two);
  assert.notDeepEqual(one, three);
  assert.equal(new Set(one).size, 40);
  assert.ok(!one.includes("legacy-1"));
  const perDomain = {};
  for (const id of one) perDomain[id[0]] = (perDomain[id[0]] || 0) + 1;
  assert.deepEqual(perDomain, { a: 9, b: 9, c: 11, d: 11 });
});

test("answers are right only when exactly the correct choices are chosen", () => {
  const q = { choices: [{ correct: true }, { correct: false }, { correct: true }] };
  assert.ok(ui.isCorrect(q, [2, 0]));
  assert.ok(!ui.isCorrect(q, [0]));
  assert.ok(!ui.isCorrect(q, [0, 1, 2]));
  assert.ok(!ui.isCorrect(q, []));
});

test("Leitner schedule: wrong resets, right climbs, the last box graduates", () => {
  const now = 1_000_000;
  const day = 24 * 60 * 60 * 1000;
  assert.deepEqual(store.schedule(null, false, now), { box: 1, due: now, at: now });
  assert.deepEqual(store.schedule({ box: 1, due: now }, true, now), { box: 2, due: now + day, at: now });
  assert.deepEqual(store.schedule({ box: 2, due: now }, true, now), { box: 3, due: now + 3 * day, at: now });
  assert.equal(store.schedule({ box: 3, due: now }, true, now), null);
  assert.deepEqual(store.schedule({ box: 3, due: now }, false, now), { box: 1, due: now, at: now });
});

test("only due items come back, oldest first", () => {
  const queue = { items: { late: { box: 2, due: 50 }, early: { box: 1, due: 10 }, future: { box: 3, due: 500 } } };
  assert.deepEqual(store.dueItems(queue, 100), ["early", "late"]);
  assert.deepEqual(store.dueItems({ items: {} }, 100), []);
});

// A small bank: two chapters' quizzes, as exports/questions.json has them.
const progressBank = {
  chapters: [{ quiz: "compute", url: "workspace/compute/" }, { quiz: "mlflow", url: "experiment/mlflow/" }],
  questions: [
    { id: "ct-a", quiz: "compute", choices: [{}, {}, {}] },
    { id: "ct-b", quiz: "compute", choices: [{}, {}] },
    { id: "constructor", quiz: "mlflow", choices: [{}, {}] },
  ],
};
const NOW = Date.UTC(2026, 5, 1);
const file = (data) => JSON.stringify({ kind: "dp100-progress", version: 1, data });
const stored = (value) => JSON.stringify(value);
const plain = (value) => JSON.parse(JSON.stringify(value));  // prototype-free maps compare as plain objects

test("progress import accepts only our own files", () => {
  const good = file({ "dp100:visits": stored({ "workspace/compute/": NOW - 1000 }) });
  const { entries, dropped } = progress.parseProgress(good, progressBank, NOW);
  assert.deepEqual(JSON.parse(JSON.stringify(entries)), { "dp100:visits": { "workspace/compute/": NOW - 1000 } });
  assert.deepEqual(dropped, []);
  for (const bad of ["not json", "{}", "[]", JSON.stringify({ kind: "dp100-progress", version: 2, data: {} }),
    JSON.stringify({ kind: "dp100-progress", version: 1, data: [] }), "x".repeat(progress.MAX_PROGRESS_BYTES + 1)]) {
    assert.throws(() => progress.parseProgress(bad, progressBank, NOW));
  }
});

test("progress import keeps what fits the question bank and reports the rest", () => {
  const text = file({
    "dp100:review": stored({ version: 1, items: {
      "ct-a": { box: 2, due: NOW }, constructor: { box: 1, due: NOW }, toString: { box: 1, due: NOW },
      ["__proto__"]: { box: 1, due: NOW }, "ct-b": { box: 9, due: NOW }, "gone-1": { box: 1, due: NOW } } }),
    "dp100:quiz:compute": stored({ version: 1, best: { correct: 999, total: 3 }, answers: {
      "ct-a": { choices: [2], at: NOW }, "ct-b": { choices: [5], at: NOW }, constructor: { choices: [0], at: NOW } } }),
    "dp100:visits": stored({ "workspace/compute/": NOW, "experiment/mlflow/": "yesterday", "<script>": NOW, "x/": 1e20 }),
    "dp100:quiz:nope": stored({ version: 1, answers: {} }),
    "dp100:settings": stored({ theme: "dark" }),
    "dp100:review-old": "{broken",
  });
  const { entries, dropped } = progress.parseProgress(text, progressBank, NOW);
  assert.equal(Object.getPrototypeOf(entries), null);
  // The review queue keeps known ids only: "constructor" is a question of this bank, "toString" is not.
  assert.deepEqual(plain(entries["dp100:review"]),
    { version: 1, items: { "ct-a": { box: 2, due: NOW }, constructor: { box: 1, due: NOW } } });
  assert.deepEqual(plain(entries["dp100:quiz:compute"]), { version: 1, answers: { "ct-a": { choices: [2], at: NOW } } });
  assert.deepEqual(plain(entries["dp100:visits"]), { "workspace/compute/": NOW });
  assert.deepEqual(Object.keys(entries).sort(), ["dp100:quiz:compute", "dp100:review", "dp100:visits"]);
  assert.deepEqual(dropped, [
    '"dp100:review": 4 items that do not fit',
    '"dp100:quiz:compute": 3 items that do not fit',
    '"dp100:visits": 3 items that do not fit',
    '"dp100:quiz:nope" is not an entry this guide keeps',
    '"dp100:settings" is not an entry this guide keeps',
    '"dp100:review-old" is not an entry this guide keeps',
  ]);
  const notJson = progress.parseProgress(file({ "dp100:review": "{broken" }), progressBank, NOW);
  assert.deepEqual(notJson.dropped, ['"dp100:review" is not in the form the guide writes']);
});

test("a progress import is written whole or not at all", () => {
  // Storage that holds three values, like a full quota.
  const storage = new Map([["dp100:visits", "old"]]);
  const limited = {
    getItem: (key) => (storage.has(key) ? storage.get(key) : null),
    setItem: (key, value) => {
      if (!storage.has(key) && storage.size >= 3) throw new Error("QuotaExceededError");
      storage.set(key, value);
    },
    removeItem: (key) => storage.delete(key),
  };
  progress.writeProgress(limited, { "dp100:visits": "new", "dp100:review": "r" });
  assert.deepEqual([...storage], [["dp100:visits", "new"], ["dp100:review", "r"]]);
  const before = [...storage];
  assert.throws(() => progress.writeProgress(limited, { "dp100:visits": "newer", "dp100:quiz:a": "a", "dp100:quiz:b": "b" }),
    /storage is full: nothing was imported/);
  assert.deepEqual([...storage].sort(), before.sort());
});

// -- practice exam: choice shuffle, saved sessions, scoring ---------------------

const choiceBank = () => {
  const b = bank({ a: 10, b: 10, c: 10, d: 10 });
  for (const q of b.questions) q.choices = [{ correct: true }, { correct: false }, { correct: false }, { correct: false }];
  return b;
};

test("choices are shuffled from the exam code: same code, same order", () => {
  const q = { id: "q-1", choices: [{}, {}, {}, {}, {}] };
  const order = ui.KINDS.choice.order(q, "team-7");
  assert.deepEqual(order, ui.KINDS.choice.order(q, "team-7"));
  assert.ok(ui.isPermutation(order, 5));
  // Over many codes every position comes first: the order really is shuffled.
  const firsts = new Set(Array.from({ length: 50 }, (_, i) => ui.KINDS.choice.order(q, `code-${i}`)[0]));
  assert.equal(firsts.size, 5);
});

test("a new exam is fully determined by its code; a saved one is checked against the bank", () => {
  const b = choiceBank();
  const one = exam.newExam(b, 20, "team-7", true);
  assert.deepEqual(one, exam.newExam(b, 20, "team-7", true));
  assert.equal(one.timeLeft, 20 * 2 * 60000);
  assert.equal(exam.newExam(b, 20, "team-7", false).timeLeft, null);
  const saved = JSON.parse(JSON.stringify({ ...one, answers: one.answers.map((a, i) => (i === 0 ? [2] : a)), index: 3 }));
  const back = exam.checkSession(saved, b);
  assert.deepEqual(back.ids, one.ids);
  assert.equal(back.questions[0].id, one.ids[0]);
  for (const broken of [
    { ...saved, ids: saved.ids.slice(1) },                       // lengths disagree
    { ...saved, ids: ["gone", ...saved.ids.slice(1)] },           // a question left the bank
    { ...saved, orders: [[0, 0, 1, 2], ...saved.orders.slice(1)] },  // not a permutation
    { ...saved, answers: [[9], ...saved.answers.slice(1)] },      // no such choice
    { ...saved, index: 20 }, { ...saved, timeLeft: -1 }, { ...saved, seed: "<b>" }, { ...saved, size: 7 }, null, "x",
  ]) assert.equal(exam.checkSession(broken, b), null, JSON.stringify(broken && broken.index));
});

test("exam score counts right answers per domain, and unanswered as wrong", () => {
  const b = choiceBank();
  const one = { ...exam.newExam(b, 20, "s", false) };
  one.questions = one.ids.map((id) => b.questions.find((q) => q.id === id));
  one.answers = one.questions.map((q, i) => (i < 5 ? [0] : i < 8 ? [1] : []));
  one.flagged = one.questions.map((q, i) => i === 6);
  const result = exam.score(one, b.domains);
  assert.equal(result.right, 5);
  assert.equal(result.byDomain.reduce((n, d) => n + d.total, 0), 20);
  assert.equal(result.byDomain.reduce((n, d) => n + d.right, 0), 5);
  assert.deepEqual(result.results.filter((r) => r.flagged).map((r) => r.number), [7]);
  assert.equal(result.results.filter((r) => !r.answered).length, 12);
  assert.equal(exam.clock(61000), "1:01");
});

// -- review queue: missed items come back in the same session -------------------

test("a review session asks missed items again until right; only the first answer counts", () => {
  const review = require("../../overrides/assets/dp100/review.js");
  const s = review.session(["a", "b"]);
  assert.equal(s.current, "a");
  assert.equal(s.answer(false), true);   // a missed: first answer
  assert.equal(s.current, "b");
  assert.equal(s.answer(true), true);
  assert.equal(s.current, "a");           // asked again
  assert.ok(s.isRepeat("a"));
  assert.equal(s.position, 3);
  assert.equal(s.total, 3);
  assert.equal(s.answer(false), false);  // not the first answer: the box stays
  assert.equal(s.answer(true), false);
  assert.equal(s.current, null);
  assert.equal(s.total, 4);
});

// -- flash cards ----------------------------------------------------------------

test("flash-card decks: all, per domain and per chapter; tallies add up", () => {
  const flashcards = require("../../overrides/assets/dp100/flashcards.js");
  const cards = [
    { id: "t1", chapter: "c1.md", chapterTitle: "C1", domain: "d1", domainName: "D1" },
    { id: "t2", chapter: "c2.md", chapterTitle: "C2", domain: "d1", domainName: "D1" },
    { id: "t3", chapter: "c3.md", chapterTitle: "C3", domain: "d2", domainName: "D2" },
  ];
  const decks = flashcards.decks(cards);
  assert.deepEqual(decks.map((d) => [d.id, d.label, d.cards.map((c) => c.id)]), [
    ["all", "All cards", ["t1", "t2", "t3"]],
    ["domain:d1", "D1", ["t1", "t2"]], ["domain:d2", "D2", ["t3"]],
    ["chapter:c1.md", "C1", ["t1"]], ["chapter:c2.md", "C2", ["t2"]], ["chapter:c3.md", "C3", ["t3"]],
  ]);
  let stats = flashcards.tally(null, "t1", true, NOW);
  stats = flashcards.tally(stats, "t1", false, NOW + 1);
  assert.deepEqual(plain(stats), { version: 1, terms: { t1: { known: 1, missed: 1, at: NOW + 1 } } });
});

// -- progress import merges -------------------------------------------------------

test("progress import keeps flash-card entries and review cards of known terms only", () => {
  const text = file({
    "dp100:review": stored({ version: 1, items: { "term:abfss": { box: 1, due: NOW }, "term:gone": { box: 1, due: NOW } } }),
    "dp100:cards": stored({ version: 1, terms: { abfss: { known: 2, missed: 1, at: NOW }, gone: { known: 1, missed: 0, at: NOW },
      uri: { known: -1, missed: 0, at: NOW } } }),
  });
  const { entries, dropped } = progress.parseProgress(text, progressBank, NOW, ["abfss", "uri"]);
  assert.deepEqual(plain(entries["dp100:review"]).items, { "term:abfss": { box: 1, due: NOW } });
  assert.deepEqual(plain(entries["dp100:cards"]).terms, { abfss: { known: 2, missed: 1, at: NOW } });
  assert.deepEqual(dropped, ['"dp100:review": 1 item that does not fit', '"dp100:cards": 2 items that do not fit']);
});

test("merging a progress file: newest answer wins, counts add up, best score is the higher", () => {
  const quiz = progress.mergeEntry("dp100:quiz:compute",
    { version: 1, answers: { "ct-a": { choices: [1], at: NOW }, "ct-b": { choices: [0], at: NOW } }, best: { correct: 2, total: 2 } },
    { version: 1, answers: { "ct-a": { choices: [2], at: NOW + 5 }, "ct-b": { choices: [1], at: NOW - 5 } }, best: { correct: 1, total: 2 } });
  assert.deepEqual(plain(quiz), { version: 1, best: { correct: 2, total: 2 },
    answers: { "ct-a": { choices: [2], at: NOW + 5 }, "ct-b": { choices: [0], at: NOW } } });
  const review = progress.mergeEntry("dp100:review",
    { version: 1, items: { a: { box: 3, due: NOW, at: NOW }, b: { box: 2, due: NOW } } },
    { version: 1, items: { a: { box: 1, due: NOW + 9, at: NOW + 9 }, c: { box: 1, due: NOW } } });
  assert.deepEqual(plain(review).items, { a: { box: 1, due: NOW + 9, at: NOW + 9 }, b: { box: 2, due: NOW }, c: { box: 1, due: NOW } });
  const cards = progress.mergeEntry("dp100:cards", { version: 1, terms: { t: { known: 2, missed: 1, at: NOW } } },
    { version: 1, terms: { t: { known: 1, missed: 3, at: NOW + 1 }, u: { known: 1, missed: 0, at: NOW } } });
  assert.deepEqual(plain(cards).terms, { t: { known: 3, missed: 4, at: NOW + 1 }, u: { known: 1, missed: 0, at: NOW } });
  const visits = progress.mergeEntry("dp100:visits", { "a/": NOW, "b/": NOW }, { "a/": NOW + 1, "c/": NOW - 1 });
  assert.deepEqual(plain(visits), { "a/": NOW + 1, "b/": NOW, "c/": NOW - 1 });
  assert.deepEqual(progress.mergeEntry("dp100:visits", null, { "a/": NOW }), { "a/": NOW });
});
