// Unit tests for a chapter quiz's stored state (store.js) with items of every
// kind: the answer model of every kind, checked against a page or the bank.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const store = require("../../overrides/assets/dp100/store.js");

const NOW = Date.UTC(2026, 5, 1);
const at = NOW - 1000;

// Questions as questions.json carries them (only what the shapes need).
const bankQuestions = [
  { id: "c", quiz: "q", kind: "choice", choices: [{}, {}, {}] },
  { id: "code", quiz: "q", kind: "code", blanks: [{ options: [{}, {}, {}] }, { options: [{}, {}] }] },
  { id: "match", quiz: "q", kind: "match", targets: [{}, {}], pairs: [{}, {}, {}] },
  { id: "series", quiz: "q", kind: "series", solutions: [{}, {}] },
  { id: "order", quiz: "q", kind: "order", steps: [{}, {}, {}], extra_steps: [{}] },
];
const bank = { chapters: [{ quiz: "q" }], questions: bankQuestions };
const shapes = Object.fromEntries(bankQuestions.map((q) => [q.id, store.shapeOf(q)]));

test("each kind's shape: how many values each part may take", () => {
  assert.deepEqual(shapes, {
    c: { kind: "choice", sizes: [3] },
    code: { kind: "code", sizes: [3, 2] },
    match: { kind: "match", sizes: [2, 2, 2] },
    series: { kind: "series", sizes: [2, 2] },
    order: { kind: "order", sizes: [4, 4, 4] },
  });
  // A point per part: a choice question one, the others one per gap, pair, solution or step.
  assert.deepEqual(Object.values(shapes).map(store.partsOf), [1, 2, 3, 2, 3]);
});

const FITS = {
  c: [{ choices: [2] }, { choices: [0, 1] }],
  code: [{ answer: [2, 1] }, { answer: [null, 0] }],
  match: [{ answer: [0, 1, 1] }],
  series: [{ answer: [true, false] }, { answer: [null, false] }],
  order: [{ answer: [0, 1, 2] }, { answer: [3, 0] }],
};
const UNFIT = {
  c: [{ choices: [] }, { choices: [3] }, { choices: [1, 1] }, { answer: [0] }, { choices: ["0"] }],
  code: [{ answer: [3, 0] }, { answer: [0] }, { answer: [null, null] }, { answer: [true, 0] }, { choices: [0] }, { answer: "01" }],
  match: [{ answer: [0, 1] }, { answer: [0, 2, 1] }, { answer: [0, 1, -1] }],
  series: [{ answer: [1, 0] }, { answer: [true] }, { answer: [null, null] }],
  order: [{ answer: [] }, { answer: [0, 0, 1] }, { answer: [0, 1, 2, 3] }, { answer: [4] }, { answer: [0.5] }],
};

test("stored answers fit their item's shape or are left out", () => {
  for (const [id, answers] of Object.entries(FITS)) {
    for (const answer of answers) assert.equal(store.answerFits(shapes[id], answer), true, `${id}: ${JSON.stringify(answer)}`);
  }
  for (const [id, answers] of Object.entries(UNFIT)) {
    for (const answer of answers) assert.equal(store.answerFits(shapes[id], answer), false, `${id}: ${JSON.stringify(answer)}`);
  }
  // Without a shape (a record read on its own), only the outline is checked.
  assert.equal(store.answerFits(null, { answer: [true, null, 3] }), true);
  assert.equal(store.answerFits(null, { answer: [{}] }), false);
  assert.equal(store.answerFits(null, { choices: [0, 0] }), false);
});

test("an imported quiz keeps the answers that fit the bank, and a best score out of the quiz's points", () => {
  const check = store.progressSchema(bank, NOW)("dp100:quiz:q");
  const answers = Object.fromEntries(Object.entries(FITS).map(([id, [first]]) => [id, { ...first, at }]));
  const unfit = { code: { answer: [9, 9], at }, stranger: { choices: [0], at } };
  const result = check({ version: 1, answers: { ...answers, ...unfit }, best: { correct: 8, total: 11 } });
  assert.deepEqual(Object.keys(result.value.answers).sort(), Object.keys(answers).sort().filter((id) => id !== "code"));
  assert.deepEqual(result.value.best, { correct: 8, total: 11 });  // 1 + 2 + 3 + 2 + 3 points
  assert.equal(result.left, 2);
  const questionCount = check({ version: 1, answers: {}, best: { correct: 4, total: 5 } });
  assert.equal(questionCount.value.best, undefined);  // out of the questions, not the points: left out
});

test("a chapter page drops stored answers and a best score that do not fit it", () => {
  const saved = new Map();
  global.window = { localStorage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => saved.set(k, v), removeItem: (k) => saved.delete(k) } };
  try {
    const answers = {
      code: { answer: [0, 1], at }, order: { answer: [2, 1, 0], at },
      series: { answer: [true, true, false], at },   // the page's series has two solutions now
      __proto__: { answer: [0], at },
      constructor: { choices: [0], at },
    };
    store.saveQuiz("q", { answers: JSON.parse(JSON.stringify(answers)), best: { correct: 3, total: 11 } });
    saved.set("dp100:quiz:q", saved.get("dp100:quiz:q").replace('"code"', '"constructor":{"choices":[0],"at":' + at + '},"code"'));
    const state = store.loadQuiz("q", shapes, 11);
    assert.deepEqual(Object.keys(state.answers).sort(), ["code", "order"]);
    assert.deepEqual(state.best, { correct: 3, total: 11 });
    assert.equal(store.loadQuiz("q", shapes, 12).best, undefined);
  } finally {
    delete global.window;
  }
});
