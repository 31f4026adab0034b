/* DP-100 guide study tools: practice exam, review queue and progress page.
   Loaded by dp100.js only on pages that hold a [data-dp-app] element. The pure
   functions (random draw, weighting, scheduling, import checks) are exported
   for the Node unit tests in tests/js/. */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.dp100Study = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // ---------------------------------------------------------------- pure logic

  /** 32-bit FNV-1a hash of a string: turns a URL seed into a number. */
  function hashSeed(text) {
    let hash = 0x811c9dc5;
    for (const char of String(text)) {
      hash ^= char.codePointAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
  }

  /** mulberry32: a small seeded generator, identical in every browser. */
  function seededRandom(seed) {
    let state = hashSeed(seed);
    return function next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(items, random) {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** Questions per domain for an exam of `size`, proportional to the middle of
      each domain's published weight range (largest remainder), never more than
      a domain has; what a small domain cannot supply goes to the others. */
  function allocate(size, domains, available) {
    const counts = Object.fromEntries(domains.map((d) => [d.id, 0]));
    let remaining = Math.min(size, domains.reduce((sum, d) => sum + (available[d.id] || 0), 0));
    let open = domains.filter((d) => (available[d.id] || 0) > 0);
    while (remaining > 0 && open.length) {
      const total = open.reduce((sum, d) => sum + (d.weight[0] + d.weight[1]) / 2, 0);
      const shares = open.map((d) => {
        const exact = (remaining * (d.weight[0] + d.weight[1])) / 2 / total;
        return { id: d.id, whole: Math.floor(exact), rest: exact - Math.floor(exact) };
      });
      let left = remaining - shares.reduce((sum, s) => sum + s.whole, 0);
      shares.slice().sort((a, b) => b.rest - a.rest || a.id.localeCompare(b.id))
        .forEach((s) => { if (left > 0) { s.whole += 1; left -= 1; } });
      for (const s of shares) {
        const take = Math.min(s.whole, available[s.id] - counts[s.id]);
        counts[s.id] += take;
        remaining -= take;
      }
      open = open.filter((d) => counts[d.id] < available[d.id]);
    }
    return counts;
  }

  /** The exam for (bank, size, seed): the same three always give the same exam. */
  function drawExam(bank, size, seed) {
    const random = seededRandom(seed);
    const byDomain = {};
    for (const q of bank.questions) {
      if (q.domain) (byDomain[q.domain] = byDomain[q.domain] || []).push(q);
    }
    const available = Object.fromEntries(Object.entries(byDomain).map(([id, qs]) => [id, qs.length]));
    const counts = allocate(size, bank.domains, available);
    const picked = [];
    for (const domain of bank.domains) {
      picked.push(...shuffled(byDomain[domain.id] || [], random).slice(0, counts[domain.id]));
    }
    return shuffled(picked, random);
  }

  const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
  const correctChoices = (q) => q.choices.flatMap((c, i) => (c.correct ? [i] : []));
  const isCorrect = (q, chosen) => sameSet(chosen || [], correctChoices(q));

  /** Leitner boxes. A wrong answer anywhere puts the question in box 1, due at
      the next session; each right answer on the review page moves it up a box
      and further out; right in the last box, it leaves the queue. */
  const DAY = 24 * 60 * 60 * 1000;
  const BOX_DELAYS = [0, 0, DAY, 3 * DAY];  // index = box; box 1 is due at once
  const LAST_BOX = 3;

  function schedule(entry, correct, now) {
    if (!correct) return { box: 1, due: now };
    const box = entry ? entry.box + 1 : 2;
    if (box > LAST_BOX) return null;       // mastered
    return { box, due: now + BOX_DELAYS[box] };
  }

  function dueItems(queue, now) {
    return Object.entries(queue.items || {})
      .filter(([, entry]) => entry.due <= now)
      .sort((a, b) => a[1].due - b[1].due || a[0].localeCompare(b[0]))
      .map(([id]) => id);
  }

  const STORE_PREFIX = "dp100:";
  const PROGRESS_KIND = "dp100-progress";
  // A real progress file is a few KB; this leaves room for years of use.
  const MAX_PROGRESS_BYTES = 1024 * 1024;
  const TOO_LARGE = "This file is larger than a progress file can be (1 MB).";
  const EARLIEST = Date.UTC(2024, 0, 1);  // before the guide existed
  const PAGE_PATH = /^[\w./-]{0,200}$/;

  const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

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

  /** The shape of every key the guide stores, checked against the question
      bank: returns, for a storage key, a function from its parsed value to
      { value, left } (the value cleaned, how many of its items were left
      out) or null when the value does not fit; or null for a key the guide
      does not keep. */
  function progressSchema(bank, now) {
    const questions = new Map(bank.questions.map((q) => [q.id, q]));
    const quizzes = new Map(bank.chapters.map((c) => [c.quiz, bank.questions.filter((q) => q.quiz === c.quiz).length]));
    const time = (t, latest) => Number.isFinite(t) && t >= EARLIEST && t <= latest;
    const soon = now + DAY;  // a clock a little ahead of this one

    function visits(value) {
      const result = keep(value, (page, at) => PAGE_PATH.test(page) && time(at, soon));
      return result && { value: result.kept, left: result.left };
    }

    function review(value) {
      const result = isRecord(value) && value.version === 1 && keep(value.items, (id, entry) => questions.has(id) &&
        isRecord(entry) && Number.isInteger(entry.box) && entry.box >= 1 && entry.box <= LAST_BOX &&
        time(entry.due, soon + BOX_DELAYS[LAST_BOX]));
      return result ? { value: { version: 1, items: result.kept }, left: result.left } : null;
    }

    function quiz(quizId, value) {
      const total = quizzes.get(quizId);
      const result = isRecord(value) && value.version === 1 && keep(value.answers, (id, answer) => {
        const q = questions.get(id);
        return Boolean(q) && q.quiz === quizId && isRecord(answer) && Array.isArray(answer.choices) &&
          answer.choices.length > 0 && new Set(answer.choices).size === answer.choices.length &&
          answer.choices.every((c) => Number.isInteger(c) && c >= 0 && c < q.choices.length) && time(answer.at, soon);
      });
      if (!result) return null;
      const best = value.best;
      const bestFits = isRecord(best) && best.total === total && Number.isInteger(best.correct) &&
        best.correct >= 0 && best.correct <= total;
      const cleaned = { version: 1, answers: result.kept };
      if (bestFits) cleaned.best = { correct: best.correct, total };
      return { value: cleaned, left: result.left + (best != null && !bestFits ? 1 : 0) };
    }

    return function checkerFor(key) {
      if (key === `${STORE_PREFIX}visits`) return visits;
      if (key === `${STORE_PREFIX}review`) return review;
      const quizId = key.startsWith(`${STORE_PREFIX}quiz:`) ? key.slice(`${STORE_PREFIX}quiz:`.length) : null;
      return quizzes.has(quizId) ? (value) => quiz(quizId, value) : null;
    };
  }

  /** Check a whole progress file before anything is written: returns
      { entries: {storage key: JSON text}, dropped: [why, per key] }, or
      throws when the file is not a progress file of this guide. */
  function parseProgress(text, bank, now) {
    if (text.length > MAX_PROGRESS_BYTES) throw new Error(TOO_LARGE);
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error("This file is not JSON.");
    }
    if (!isRecord(data) || data.kind !== PROGRESS_KIND || data.version !== 1 || !isRecord(data.data)) {
      throw new Error("This is not a DP-100 guide progress file (version 1).");
    }
    const checkerFor = progressSchema(bank, now);
    const entries = Object.create(null);
    const dropped = [];
    for (const [key, raw] of Object.entries(data.data)) {
      const check = checkerFor(key);
      let value = null;
      try {
        value = typeof raw === "string" ? JSON.parse(raw) : null;
      } catch (error) { /* reported below */ }
      const result = check && check(value);
      if (!check) dropped.push(`"${key}" is not an entry this guide keeps`);
      else if (!result) dropped.push(`"${key}" is not in the form the guide writes`);
      else {
        entries[key] = JSON.stringify(result.value);
        if (result.left) dropped.push(`"${key}": ${result.left === 1 ? "1 item that does" : `${result.left} items that do`} not fit`);
      }
    }
    return { entries, dropped };
  }

  /** Write every entry or none: when storage refuses one (it is full), the
      keys written so far get their old values back, and the error says so. */
  function writeProgress(storage, entries) {
    const before = new Map(Object.keys(entries).map((key) => [key, storage.getItem(key)]));
    try {
      for (const [key, value] of Object.entries(entries)) storage.setItem(key, value);
    } catch (error) {
      for (const [key, value] of before) {
        if (value === null) storage.removeItem(key);
      }
      for (const [key, value] of before) {
        if (value !== null) storage.setItem(key, value);
      }
      throw new Error("Your browser's storage is full: nothing was imported, and your progress is as it was.");
    }
  }

  const api = { hashSeed, seededRandom, shuffled, allocate, drawExam, isCorrect, correctChoices,
    schedule, dueItems, progressSchema, parseProgress, writeProgress, BOX_DELAYS, LAST_BOX, PROGRESS_KIND, MAX_PROGRESS_BYTES };
  if (typeof document === "undefined") return api;

  // ---------------------------------------------------------------- browser UI

  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const core = () => window.dp100;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === false || value == null) continue;
      if (key === "text") node.textContent = value;
      else if (key === "html") node.innerHTML = value;  // only HTML built by our own site build
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) if (child != null) node.append(child);
    return node;
  }

  /** Links in exported HTML are relative to the site root: make them absolute. */
  function fixLinks(node) {
    node.querySelectorAll("a[href]").forEach((a) => {
      const href = a.getAttribute("href");
      if (!/^(https?:|#)/.test(href)) a.href = core().siteUrl(href);
    });
    return node;
  }

  function htmlBlock(tag, html, cls) {
    return fixLinks(el(tag, { class: cls, html }));
  }

  function choiceList(q, name, chosen, onChange) {
    const type = q.multiple ? "checkbox" : "radio";
    return el("ul", { class: "dp-choices" }, q.choices.map((choice, i) => el("li", { class: "dp-choice" },
      el("label", {},
        el("input", { type, name, value: String(i), checked: (chosen || []).includes(i), onchange: onChange }),
        " ", el("span", { class: "dp-choice__letter", text: LETTERS[i] + "." }), " ",
        fixLinks(el("span", { class: "dp-choice__text", html: choice.text_html }))))));
  }

  const chosenIn = (node) => [...node.querySelectorAll("input")].flatMap((input, i) => (input.checked ? [i] : []));

  function explanation(q) {
    return el("div", { class: "dp-answer" },
      el("p", { class: "dp-answer__key" }, el("strong", { text: "Answer: " + correctChoices(q).map((i) => LETTERS[i]).join(", ") })),
      el("ul", { class: "dp-answer__choices" }, q.choices.map((c, i) => el("li", {},
        el("strong", { text: `${LETTERS[i]}. ${c.correct ? "Correct" : "Incorrect"}.` }),
        c.explanation_html ? fixLinks(el("span", { html: " " + c.explanation_html })) : null))),
      htmlBlock("div", q.explanation_html, "dp-answer__why"),
      el("p", { class: "dp-answer__review" }, "Review: ", el("a", { href: core().siteUrl(q.teaches_url), text: q.teaches_title })));
  }

  // -- practice exam -----------------------------------------------------------

  const SIZES = [20, 40, 60];
  const MINUTES_PER_QUESTION = 2;

  function mountPracticeExam(root, bank) {
    const params = new URLSearchParams(location.search);
    const domainName = Object.fromEntries(bank.domains.map((d) => [d.id, d.name]));
    let exam = null;

    function setup() {
      const size = SIZES.includes(Number(params.get("n"))) ? Number(params.get("n")) : 40;
      const seed = params.get("seed") || Math.random().toString(36).slice(2, 8);
      const form = el("form", { class: "dp-exam-setup", onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(form);
        start(Number(data.get("size")), String(data.get("seed")).trim() || seed, data.get("timer") === "on");
      } },
      el("fieldset", {}, el("legend", { text: "Number of questions" }),
        SIZES.map((n) => el("label", { class: "dp-inline" },
          el("input", { type: "radio", name: "size", value: String(n), checked: n === size }), ` ${n}`))),
      el("p", {}, el("label", { for: "dp-exam-seed", text: "Exam code (share it to take the same exam) " }),
        el("input", { id: "dp-exam-seed", name: "seed", value: seed, pattern: "[A-Za-z0-9_\\-]{1,32}", required: true })),
      el("p", {}, el("label", {}, el("input", { type: "checkbox", name: "timer" }),
        ` Countdown (${MINUTES_PER_QUESTION} minutes a question)`)),
      el("p", {}, el("button", { type: "submit", class: "md-button md-button--primary", text: "Start the exam" })));
      root.replaceChildren(el("p", { text: `The bank holds ${bank.questions.filter((q) => q.domain).length} questions. ` +
        "Questions are drawn from every chapter in proportion to the exam's domain weights." }), form);
    }

    function start(size, seed, timed) {
      params.set("n", String(size));
      params.set("seed", seed);
      history.replaceState(null, "", `${location.pathname}?${params}`);
      const questions = drawExam(bank, size, seed);
      exam = { seed, questions, answers: questions.map(() => []), flagged: questions.map(() => false), index: 0,
        deadline: timed ? Date.now() + questions.length * MINUTES_PER_QUESTION * 60000 : null, timer: null };
      if (exam.deadline) exam.timer = setInterval(tick, 1000);
      show();
    }

    function tick() {
      const clock = root.querySelector(".dp-exam__clock");
      const left = Math.max(0, exam.deadline - Date.now());
      if (clock) clock.textContent = `Time left: ${Math.floor(left / 60000)}:${String(Math.floor(left / 1000) % 60).padStart(2, "0")}`;
      if (left === 0) finish();
    }

    function show() {
      const q = exam.questions[exam.index];
      const n = exam.questions.length;
      const save = () => { exam.answers[exam.index] = chosenIn(body); palette(); };
      const body = choiceList(q, "dp-exam-q", exam.answers[exam.index], save);
      const flag = el("button", { type: "button", class: "md-button", "aria-pressed": String(exam.flagged[exam.index]),
        text: exam.flagged[exam.index] ? "Unflag" : "Flag for review",
        onclick: () => { exam.flagged[exam.index] = !exam.flagged[exam.index]; show(); } });
      const heading = el("h2", { tabindex: "-1", id: "dp-exam-question", text: `Question ${exam.index + 1} of ${n}` });
      const pal = el("nav", { class: "dp-exam__palette", "aria-label": "Questions" });
      function palette() {
        pal.replaceChildren(...exam.questions.map((_, i) => el("button", {
          type: "button", class: "dp-exam__jump" + (exam.answers[i].length ? " dp-exam__jump--answered" : "") +
            (exam.flagged[i] ? " dp-exam__jump--flagged" : ""),
          "aria-current": i === exam.index ? "step" : false,
          "aria-label": `Question ${i + 1}${exam.answers[i].length ? ", answered" : ""}${exam.flagged[i] ? ", flagged" : ""}`,
          text: String(i + 1) + (exam.flagged[i] ? "⚑" : ""), onclick: () => { exam.index = i; show(); } })));
      }
      palette();
      root.replaceChildren(
        el("div", { class: "dp-exam" },
          exam.deadline ? el("p", { class: "dp-exam__clock", role: "timer", "aria-live": "off" }) : null,
          heading,
          el("p", { class: "dp-exam__domain", text: domainName[q.domain] || "" }),
          el("div", { role: "group", "aria-labelledby": "dp-exam-question dp-exam-prompt" },
            htmlBlock("div", q.prompt_html, "dp-question__prompt"),
            el("p", { class: "dp-question__hint", text: q.multiple ? `Choose ${correctChoices(q).length} answers.` : "Choose one answer." }),
            body),
          el("p", { class: "dp-exam__actions" },
            el("button", { type: "button", class: "md-button", text: "Previous", disabled: exam.index === 0,
              onclick: () => { exam.index -= 1; show(); } }), " ",
            el("button", { type: "button", class: "md-button", text: "Next", disabled: exam.index === n - 1,
              onclick: () => { exam.index += 1; show(); } }), " ", flag, " ",
            el("button", { type: "button", class: "md-button md-button--primary", text: "Finish exam", onclick: confirmFinish })),
          pal));
      root.querySelector(".dp-question__prompt").id = "dp-exam-prompt";
      if (exam.deadline) tick();
      heading.focus();
    }

    function confirmFinish() {
      const open = exam.answers.filter((a) => !a.length).length;
      const flagged = exam.flagged.filter(Boolean).length;
      if ((open || flagged) && !window.confirm(`${open} unanswered and ${flagged} flagged. Finish anyway?`)) return;
      finish();
    }

    function finish() {
      clearInterval(exam.timer);
      const results = exam.questions.map((q, i) => ({ q, chosen: exam.answers[i], right: isCorrect(q, exam.answers[i]) }));
      results.forEach((r) => core().recordAnswer(r.q.quiz, r.q.id, r.right));
      const right = results.filter((r) => r.right).length;
      const rows = bank.domains.map((d) => {
        const mine = results.filter((r) => r.q.domain === d.id);
        return el("tr", {}, el("th", { scope: "row", text: d.name }), el("td", { text: String(mine.filter((r) => r.right).length) }),
          el("td", { text: String(mine.length) }),
          el("td", { text: mine.length ? `${Math.round((100 * mine.filter((r) => r.right).length) / mine.length)}%` : "–" }));
      });
      const wrong = results.filter((r) => !r.right);
      const retake = `${location.pathname}?n=${exam.questions.length}&seed=${encodeURIComponent(exam.seed)}`;
      const heading = el("h2", { tabindex: "-1", text: `Score: ${right} of ${results.length} (${Math.round((100 * right) / results.length)}%)` });
      root.replaceChildren(el("div", { class: "dp-exam-result" }, heading,
        el("table", { class: "dp-table" }, el("caption", { text: "Score by exam domain" }),
          el("thead", {}, el("tr", {}, ["Domain", "Right", "Questions", "Score"].map((t) => el("th", { scope: "col", text: t })))),
          el("tbody", {}, rows)),
        el("p", {}, el("a", { href: retake, text: "Retake this exam (same questions)" }), " · ",
          el("a", { href: location.pathname, text: "New exam" }), " · ",
          el("a", { href: core().siteUrl("study/review/"), text: "Review queue" })),
        el("h3", { text: wrong.length ? `Answers to review (${wrong.length})` : "No wrong answers. Well done." }),
        el("ol", { class: "dp-exam-wrong" }, wrong.map((r) => el("li", {},
          htmlBlock("div", r.q.prompt_html, "dp-question__prompt"),
          el("p", { text: `Your answer: ${r.chosen.length ? r.chosen.map((i) => LETTERS[i]).join(", ") : "none"}` }),
          explanation(r.q))))));
      heading.focus();
    }

    setup();
  }

  // -- review queue -------------------------------------------------------------

  function mountReview(root, bank) {
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    const queue = core().loadReview();
    for (const id of Object.keys(queue.items)) if (!byId.has(id)) delete queue.items[id];  // removed questions
    const due = dueItems(queue, Date.now());
    let position = 0;

    function summary() {
      const waiting = Object.keys(queue.items).length;
      const heading = el("h2", { tabindex: "-1", text: due.length ? "Review session complete" : "Nothing is due" });
      root.replaceChildren(heading, el("p", { text: waiting
        ? `${waiting} question${waiting === 1 ? "" : "s"} wait in the queue for a later session.`
        : "Your review queue is empty: questions you answer wrong anywhere on the site appear here." }));
      heading.focus();
    }

    function show() {
      if (position >= due.length) return summary();
      const q = byId.get(due[position]);
      const entry = queue.items[q.id];
      const feedback = el("p", { class: "dp-question__feedback", role: "status", "aria-live": "polite" });
      const body = choiceList(q, "dp-review-q", [], null);
      const heading = el("h2", { tabindex: "-1", id: "dp-review-question", text: `Question ${position + 1} of ${due.length} due` });
      const check = el("button", { type: "button", class: "md-button md-button--primary", text: "Check answer", onclick: () => {
        const chosen = chosenIn(body);
        if (!chosen.length) { feedback.textContent = "Select an answer first."; return; }
        const right = isCorrect(q, chosen);
        const next = schedule(entry, right, Date.now());
        if (next) queue.items[q.id] = next; else delete queue.items[q.id];
        core().saveReview(queue);
        feedback.textContent = right
          ? (next ? `Correct. It comes back in box ${next.box}.` : "Correct. Mastered: it leaves the queue.")
          : "Not quite. It stays in box 1 for your next session.";
        check.replaceWith(el("button", { type: "button", class: "md-button", text: "Next question", onclick: () => { position += 1; show(); } }));
        root.querySelector(".dp-review").append(explanation(q));
      } });
      root.replaceChildren(el("div", { class: "dp-review" }, heading,
        el("p", { class: "dp-exam__domain", text: `Box ${entry.box} · ${q.teaches_title}` }),
        el("div", { role: "group", "aria-labelledby": "dp-review-question" }, htmlBlock("div", q.prompt_html, "dp-question__prompt"),
          el("p", { class: "dp-question__hint", text: q.multiple ? `Choose ${correctChoices(q).length} answers.` : "Choose one answer." }), body),
        el("p", {}, check), feedback));
      heading.focus();
    }

    show();
  }

  // -- progress ---------------------------------------------------------------------

  function mountProgress(root, bank) {
    const status = el("p", { role: "status", "aria-live": "polite" });

    function render() {
      const now = Date.now();
      // What is stored may have been imported or edited: show only what fits.
      const checkerFor = progressSchema(bank, now);
      const stored = (name) => (checkerFor(STORE_PREFIX + name)(core().load(name)) || { value: null }).value;
      const visits = stored("visits") || {};
      const queue = core().loadReview();
      const rows = bank.chapters.map((chapter) => {
        const best = (stored(`quiz:${chapter.quiz}`) || {}).best;
        const ids = new Set(bank.questions.filter((q) => q.quiz === chapter.quiz).map((q) => q.id));
        const dueHere = dueItems(queue, now).filter((id) => ids.has(id)).length;
        const visited = visits[chapter.url];
        return el("tr", {},
          el("th", { scope: "row" }, el("a", { href: core().siteUrl(chapter.url), text: chapter.title })),
          el("td", { text: best ? `${best.correct} of ${best.total}` : "–" }),
          el("td", { text: visited ? new Date(visited).toLocaleDateString() : "never" }),
          el("td", { text: String(dueHere) }));
      });
      const exportButton = el("button", { type: "button", class: "md-button", text: "Export progress", onclick: () => {
        const data = {};
        for (let i = 0; i < localStorage.length; i += 1) {
          const key = localStorage.key(i);
          if (key.startsWith(STORE_PREFIX)) data[key] = localStorage.getItem(key);
        }
        const file = new Blob([JSON.stringify({ kind: PROGRESS_KIND, version: 1, exported: new Date().toISOString(), data }, null, 1)],
          { type: "application/json" });
        const link = el("a", { href: URL.createObjectURL(file), download: "dp100-progress.json" });
        document.body.append(link);
        link.click();
        link.remove();
        status.textContent = "Progress exported to dp100-progress.json.";
      } });
      const input = el("input", { type: "file", id: "dp-progress-file", accept: "application/json,.json", onchange: () => {
        const file = input.files[0];
        if (!file) return;
        if (file.size > MAX_PROGRESS_BYTES) {
          status.textContent = `Import failed: ${TOO_LARGE}`;
          return;
        }
        file.text().then((text) => {
          const { entries, dropped } = parseProgress(text, bank, Date.now());
          writeProgress(localStorage, entries);
          render();
          const count = Object.keys(entries).length;
          status.textContent = `Imported ${count} ${count === 1 ? "entry" : "entries"}.` +
            (dropped.length ? ` Left out: ${dropped.join("; ")}.` : "");
        }).catch((error) => { status.textContent = `Import failed: ${error.message}`; });
      } });
      root.replaceChildren(
        el("table", { class: "dp-table" }, el("caption", { text: "Your progress in this browser" }),
          el("thead", {}, el("tr", {}, ["Chapter", "Best quiz score", "Last visit", "Review due"].map((t) => el("th", { scope: "col", text: t })))),
          el("tbody", {}, rows)),
        el("p", {}, exportButton, " ", el("label", { for: "dp-progress-file", text: "Import progress: " }), input),
        status);
    }

    render();
  }

  const MOUNTS = { "practice-exam": mountPracticeExam, review: mountReview, progress: mountProgress };

  function mountAll() {
    document.querySelectorAll("[data-dp-app]").forEach((node) => {
      if (node.dataset.dpMounted) return;
      node.dataset.dpMounted = "true";
      fetch(core().siteUrl("exports/questions.json"))
        .then((response) => response.json())
        .then((bank) => MOUNTS[node.dataset.dpApp](node, bank))
        .catch((error) => { node.textContent = `The question bank could not be loaded: ${error.message}`; });
    });
  }

  return Object.assign(api, { mountAll });
});
