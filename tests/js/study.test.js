// Unit tests for the study tools' pure logic (node --test; run from pytest).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const study = require("../../overrides/assets/dp100/study.js");

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
  const first = study.seededRandom("abc");
  const again = study.seededRandom("abc");
  const other = study.seededRandom("abd");
  const a = [first(), first(), first()];
  assert.deepEqual(a, [again(), again(), again()]);
  assert.notDeepEqual(a, [other(), other(), other()]);
  assert.ok(a.every((x) => x >= 0 && x < 1));
});

test("allocation follows the domain weights", () => {
  const counts = study.allocate(40, domains, { a: 50, b: 50, c: 50, d: 50 });
  assert.deepEqual(counts, { a: 9, b: 9, c: 11, d: 11 });
  assert.equal(Object.values(study.allocate(60, domains, { a: 50, b: 50, c: 50, d: 50 })).reduce((x, y) => x + y), 60);
});

test("allocation uses the middle of each weight range", () => {
  // The same middle, different lower bounds: equal shares only if the middle counts.
  const ranges = [{ id: "a", name: "A", weight: [10, 30] }, { id: "b", name: "B", weight: [20, 20] }];
  for (const size of [20, 40, 60]) {
    assert.deepEqual(study.allocate(size, ranges, { a: 50, b: 50 }), { a: size / 2, b: size / 2 });
  }
});

test("a small domain gives up its share to the others", () => {
  const counts = study.allocate(40, domains, { a: 3, b: 50, c: 50, d: 50 });
  assert.equal(counts.a, 3);
  assert.equal(counts.a + counts.b + counts.c + counts.d, 40);
  assert.ok(counts.c >= counts.b);
});

test("an exam never exceeds the bank", () => {
  const counts = study.allocate(60, domains, { a: 2, b: 2, c: 2, d: 2 });
  assert.deepEqual(counts, { a: 2, b: 2, c: 2, d: 2 });
});

test("the draw is reproducible from the seed, without repeats or legacy questions", () => {
  const questions = bank({ a: 30, b: 30, c: 30, d: 30 });
  const one = study.drawExam(questions, 40, "team-7").map((q) => q.id);
  const two = study.drawExam(questions, 40, "team-7").map((q) => q.id);
  const three = study.drawExam(questions, 40, "team-8").map((q) => q.id);
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
  assert.ok(study.isCorrect(q, [2, 0]));
  assert.ok(!study.isCorrect(q, [0]));
  assert.ok(!study.isCorrect(q, [0, 1, 2]));
  assert.ok(!study.isCorrect(q, []));
});

test("Leitner schedule: wrong resets, right climbs, the last box graduates", () => {
  const now = 1_000_000;
  const day = 24 * 60 * 60 * 1000;
  assert.deepEqual(study.schedule(null, false, now), { box: 1, due: now });
  assert.deepEqual(study.schedule({ box: 1, due: now }, true, now), { box: 2, due: now + day });
  assert.deepEqual(study.schedule({ box: 2, due: now }, true, now), { box: 3, due: now + 3 * day });
  assert.equal(study.schedule({ box: 3, due: now }, true, now), null);
  assert.deepEqual(study.schedule({ box: 3, due: now }, false, now), { box: 1, due: now });
});

test("only due items come back, oldest first", () => {
  const queue = { items: { late: { box: 2, due: 50 }, early: { box: 1, due: 10 }, future: { box: 3, due: 500 } } };
  assert.deepEqual(study.dueItems(queue, 100), ["early", "late"]);
  assert.deepEqual(study.dueItems({ items: {} }, 100), []);
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

test("progress import accepts only our own files", () => {
  const good = file({ "dp100:visits": stored({ "workspace/compute/": NOW - 1000 }) });
  const { entries, dropped } = study.parseProgress(good, progressBank, NOW);
  assert.deepEqual({ ...entries }, { "dp100:visits": stored({ "workspace/compute/": NOW - 1000 }) });
  assert.deepEqual(dropped, []);
  for (const bad of ["not json", "{}", "[]", JSON.stringify({ kind: "dp100-progress", version: 2, data: {} }),
    JSON.stringify({ kind: "dp100-progress", version: 1, data: [] }), "x".repeat(study.MAX_PROGRESS_BYTES + 1)]) {
    assert.throws(() => study.parseProgress(bad, progressBank, NOW));
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
  const { entries, dropped } = study.parseProgress(text, progressBank, NOW);
  assert.equal(Object.getPrototypeOf(entries), null);
  // The review queue keeps known ids only: "constructor" is a question of this bank, "toString" is not.
  assert.deepEqual(JSON.parse(entries["dp100:review"]),
    { version: 1, items: { "ct-a": { box: 2, due: NOW }, constructor: { box: 1, due: NOW } } });
  assert.deepEqual(JSON.parse(entries["dp100:quiz:compute"]), { version: 1, answers: { "ct-a": { choices: [2], at: NOW } } });
  assert.deepEqual(JSON.parse(entries["dp100:visits"]), { "workspace/compute/": NOW });
  assert.deepEqual(Object.keys(entries).sort(), ["dp100:quiz:compute", "dp100:review", "dp100:visits"]);
  assert.deepEqual(dropped, [
    '"dp100:review": 4 items that do not fit',
    '"dp100:quiz:compute": 3 items that do not fit',
    '"dp100:visits": 3 items that do not fit',
    '"dp100:quiz:nope" is not an entry this guide keeps',
    '"dp100:settings" is not an entry this guide keeps',
    '"dp100:review-old" is not an entry this guide keeps',
  ]);
  const notJson = study.parseProgress(file({ "dp100:review": "{broken" }), progressBank, NOW);
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
  study.writeProgress(limited, { "dp100:visits": "new", "dp100:review": "r" });
  assert.deepEqual([...storage], [["dp100:visits", "new"], ["dp100:review", "r"]]);
  const before = [...storage];
  assert.throws(() => study.writeProgress(limited, { "dp100:visits": "newer", "dp100:quiz:a": "a", "dp100:quiz:b": "b" }),
    /storage is full: nothing was imported/);
  assert.deepEqual([...storage].sort(), before.sort());
});
