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

test("progress import accepts only our own files", () => {
  const good = JSON.stringify({ kind: "dp100-progress", version: 1, data: { "dp100:visits": "{}" } });
  assert.deepEqual(study.parseProgress(good), { "dp100:visits": "{}" });
  for (const bad of ["not json", "{}", JSON.stringify({ kind: "dp100-progress", version: 2, data: {} }),
    JSON.stringify({ kind: "dp100-progress", version: 1, data: { "other:key": "{}" } }),
    JSON.stringify({ kind: "dp100-progress", version: 1, data: { "dp100:x": "{broken" } })]) {
    assert.throws(() => study.parseProgress(bad));
  }
});
