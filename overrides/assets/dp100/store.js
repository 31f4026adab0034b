/* DP-100 guide: the one place that reads and writes what the guide stores in
   the browser (localStorage keys starting "dp100:"). Every read is checked,
   so a value from an older version, a hand edit or an imported file never
   breaks a page; progress.js checks an imported file with the same schema.
   Loaded on every page: chapter quizzes keep their scores here. The pure
   functions are exported for the Node unit tests. */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.dp100Store = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const STORE_PREFIX = "dp100:";
  const EARLIEST = Date.UTC(2024, 0, 1);  // before the guide existed
  const PAGE_PATH = /^[\w./-]{0,200}$/;
  const TERM_PREFIX = "term:";           // review items that are flash cards, not questions

  /** Leitner boxes. A wrong answer anywhere puts an item in box 1, due at
      the next session; each right answer on the review page moves it up a box
      and further out; right in the last box, it leaves the queue. */
  const DAY = 24 * 60 * 60 * 1000;
  const BOX_DELAYS = [0, 0, DAY, 3 * DAY];  // index = box; box 1 is due at once
  const LAST_BOX = 3;

  function schedule(entry, correct, now) {
    if (!correct) return { box: 1, due: now, at: now };
    const box = entry ? entry.box + 1 : 2;
    if (box > LAST_BOX) return null;       // mastered
    return { box, due: now + BOX_DELAYS[box], at: now };
  }

  function dueItems(queue, now) {
    return Object.entries(queue.items || {})
      .filter(([, entry]) => entry.due <= now)
      .sort((a, b) => a[1].due - b[1].due || a[0].localeCompare(b[0]))
      .map(([id]) => id);
  }

  const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  const count = (n) => Number.isInteger(n) && n >= 0 && n <= 1e6;

  /** The entries of `record` that `fits(key, value)` accepts, in a map-like
      object without a prototype (an id such as "constructor" or "__proto__"
      is an ordinary key there), and how many were left out; null when
      `record` is not an object at all. */
  function keep(record, fits) {
    if (!isRecord(record)) return null;
    const kept = Object.create(null);
    let left = 0;
    for (const [key, value] of Object.entries(record)) {
      if (fits(key, value)) kept[key] = value;
      else left += 1;
    }
    return { kept, left };
  }

  /** What an item's answer may hold (one answer model for every kind, as in
      questions.json): its kind and, per part, how many values the part may
      take. A chapter page reads it from the quiz's HTML (data-dp-sizes). */
  function shapeOf(q) {
    const kind = q.kind || "choice";
    const steps = (q.steps || []).length + (q.extra_steps || []).length;
    const sizes = {
      choice: () => [q.choices.length],
      code: () => q.blanks.map((blank) => blank.options.length),
      match: () => q.pairs.map(() => q.targets.length),
      series: () => q.solutions.map(() => 2),
      order: () => q.steps.map(() => steps),
    }[kind];
    return { kind, sizes: sizes ? sizes() : [] };
  }

  /** Points an item is worth: one per part (a choice question has one). */
  const partsOf = (shape) => shape.sizes.length;

  /** A stored answer fits an item of `shape` (or, without one, any item):
      choices as indices; code and matching an option or target per part, or
      null; a series true, false or null per solution; a build list the
      distinct steps placed, at most as many as the sequence has. */
  function answerFits(shape, record) {
    if (!isRecord(record)) return false;
    const index = (n) => (a) => Number.isInteger(a) && a >= 0 && a < n;
    const distinct = (list) => new Set(list).size === list.length;
    const { choices, answer } = record;
    if (!shape) {
      return Array.isArray(choices) ? choices.length > 0 && distinct(choices) && choices.every(index(26))
        : Array.isArray(answer) && answer.length > 0 && answer.length <= 26 &&
          answer.every((a) => a === null || typeof a === "boolean" || index(26)(a));
    }
    const { kind, sizes } = shape;
    if (kind === "choice") return Array.isArray(choices) && choices.length > 0 && distinct(choices) && choices.every(index(sizes[0]));
    if (!Array.isArray(answer) || choices !== undefined) return false;
    if (kind === "order") return answer.length > 0 && answer.length <= sizes.length && distinct(answer) && answer.every(index(sizes[0]));
    return answer.length === sizes.length && answer.some((a) => a !== null) &&
      answer.every((a, i) => a === null || (kind === "series" ? typeof a === "boolean" : index(sizes[i])(a)));
  }

  /** The shape of every key the guide keeps, checked against the question
      bank and the glossary's term ids: returns, for a storage key, a function
      from its parsed value to { value, left } (the value cleaned, how many of
      its items were left out) or null when the value does not fit; or null
      for a key the guide does not keep. Without a bank (a chapter page), ids
      are not checked, only shapes. */
  function progressSchema(bank, now, termIds) {
    const questions = bank ? new Map(bank.questions.map((q) => [q.id, q])) : null;
    const quizzes = bank ? new Map(bank.chapters.map((c) => [c.quiz, bank.questions
      .filter((q) => q.quiz === c.quiz).reduce((sum, q) => sum + partsOf(shapeOf(q)), 0)])) : null;
    const terms = termIds ? new Set(termIds) : null;
    const time = (t, latest) => Number.isFinite(t) && t >= EARLIEST && t <= latest;
    const soon = now + DAY;  // a clock a little ahead of this one
    const knownItem = (id) => (id.startsWith(TERM_PREFIX)
      ? !terms || terms.has(id.slice(TERM_PREFIX.length))
      : !questions || questions.has(id));

    function visits(value) {
      const result = keep(value, (page, at) => PAGE_PATH.test(page) && time(at, soon));
      return result && { value: result.kept, left: result.left };
    }

    function review(value) {
      const result = isRecord(value) && value.version === 1 && keep(value.items, (id, entry) => knownItem(id) &&
        isRecord(entry) && Number.isInteger(entry.box) && entry.box >= 1 && entry.box <= LAST_BOX &&
        time(entry.due, soon + BOX_DELAYS[LAST_BOX]) && (entry.at === undefined || time(entry.at, soon)));
      return result ? { value: { version: 1, items: result.kept }, left: result.left } : null;
    }

    function cards(value) {
      const result = isRecord(value) && value.version === 1 && keep(value.terms, (id, entry) =>
        (!terms || terms.has(id)) && isRecord(entry) && count(entry.known) && count(entry.missed) && time(entry.at, soon));
      return result ? { value: { version: 1, terms: result.kept }, left: result.left } : null;
    }

    function quiz(quizId, value) {
      const total = quizzes ? quizzes.get(quizId) : null;
      const result = isRecord(value) && value.version === 1 && keep(value.answers, (id, answer) => {
        const q = questions ? questions.get(id) : null;
        return (!questions || (Boolean(q) && q.quiz === quizId)) && answerFits(q ? shapeOf(q) : null, answer) && time(answer.at, soon);
      });
      if (!result) return null;
      const best = value.best;
      const bestFits = isRecord(best) && (total === null || best.total === total) && Number.isInteger(best.total) &&
        Number.isInteger(best.correct) && best.correct >= 0 && best.correct <= best.total;
      const cleaned = { version: 1, answers: result.kept };
      if (bestFits) cleaned.best = { correct: best.correct, total: best.total };
      return { value: cleaned, left: result.left + (best != null && !bestFits ? 1 : 0) };
    }

    return function checkerFor(key) {
      if (key === `${STORE_PREFIX}visits`) return visits;
      if (key === `${STORE_PREFIX}review`) return review;
      if (key === `${STORE_PREFIX}cards`) return cards;
      const quizId = key.startsWith(`${STORE_PREFIX}quiz:`) ? key.slice(`${STORE_PREFIX}quiz:`.length) : null;
      if (quizId === null || !/^[\w-]{1,80}$/.test(quizId)) return null;
      return !quizzes || quizzes.has(quizId) ? (value) => quiz(quizId, value) : null;
    };
  }

  // ---------------------------------------------------------------- browser storage

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;  // storage disabled: nothing is kept
    }
  }

  /** The parsed value under "dp100:<name>", or null when there is none or it
      is not JSON. Prefer read(), which also checks the value's shape. */
  function loadRaw(name) {
    try {
      return JSON.parse(storage().getItem(STORE_PREFIX + name));
    } catch (error) {
      return null;
    }
  }

  /** A stored value, cleaned by its schema (bank and terms checked when
      given), or null when it does not fit. */
  function read(name, bank, termIds) {
    const check = progressSchema(bank || null, Date.now(), termIds)(STORE_PREFIX + name);
    const result = check && check(loadRaw(name));
    return result ? result.value : null;
  }

  function write(name, value) {
    try {
      storage().setItem(STORE_PREFIX + name, JSON.stringify(value));
      return true;
    } catch (error) {
      return false;  // storage full or disabled: nothing is kept
    }
  }

  function remove(name) {
    try {
      storage().removeItem(STORE_PREFIX + name);
    } catch (error) { /* nothing stored */ }
  }

  const loadReview = (bank, termIds) => read("review", bank, termIds) || { version: 1, items: Object.create(null) };
  const saveReview = (queue) => write("review", queue);

  /** Any wrong answer sends the item to box 1 of the review queue. */
  function recordMiss(itemId) {
    const queue = loadReview();
    queue.items[itemId] = schedule(null, false, Date.now());
    saveReview(queue);
  }

  /** A chapter quiz's answers and best score, with answers that no longer fit
      the page's questions (`shapes`: question id -> shape) left out, and
      the best score unless it is out of the page's `total` points. */
  function loadQuiz(quizId, shapes, total) {
    const state = read(`quiz:${quizId}`) || { version: 1, answers: Object.create(null) };
    for (const [id, answer] of Object.entries(state.answers)) {
      if (!Object.hasOwn(shapes, id) || !answerFits(shapes[id], answer)) delete state.answers[id];
    }
    if (state.best && state.best.total !== total) delete state.best;
    return state;
  }

  const saveQuiz = (quizId, state) => write(`quiz:${quizId}`, { version: 1, answers: state.answers, best: state.best });

  function recordVisit(page) {
    const visits = read("visits") || Object.create(null);
    visits[page] = Date.now();
    write("visits", visits);
  }

  return { STORE_PREFIX, TERM_PREFIX, DAY, BOX_DELAYS, LAST_BOX, isRecord,
    schedule, dueItems, shapeOf, partsOf, answerFits, progressSchema, storage, loadRaw, read, write, remove,
    loadReview, saveReview, recordMiss, loadQuiz, saveQuiz, recordVisit };
});
