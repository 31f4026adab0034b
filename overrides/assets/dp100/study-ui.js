/* DP-100 guide study tools: what the practice exam, review queue, flash cards
   and progress page share. Seeded shuffles, and the question kinds: each kind
   has one renderer and one scorer, so a new item format plugs in by adding an
   entry to KINDS. Loaded (with the tool's own module) only on a study page. */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.dp100StudyUi = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // ---------------------------------------------------------------- pure logic

  /** 32-bit FNV-1a hash of a string: turns a code into a number. */
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

  const sameSet = (a, b) => new Set(a).size === a.length && a.length === b.length && a.every((x) => b.includes(x));
  const correctChoices = (q) => q.choices.flatMap((c, i) => (c.correct ? [i] : []));
  const isPermutation = (order, n) => Array.isArray(order) && sameSet(order, [...Array(n).keys()]);

  const filled = (value) => value !== null && value !== undefined;
  /** A list of `n` answers, each null or passing `ok`. */
  const slots = (answer, n, ok) => Array.isArray(answer) && answer.length === n && answer.every((a) => a === null || ok(a));
  const index = (n) => (a) => Number.isInteger(a) && a >= 0 && a < n;
  const rightOption = (blank) => blank.options.findIndex((o) => o.correct);
  const targetOf = (q, pair) => q.targets.findIndex((t) => t.text === pair.target);
  const allSteps = (q) => [...q.steps, ...q.extra_steps];

  /** Question kinds, one answer model for all: an item has parts, each
      right or wrong (`marks`), and scores a point per right part, as
      Microsoft scores multi-part items. An answer is what the reader gave,
      in the question's own terms (indices as written, not as shown); `order`
      is the order things are shown in, drawn from the exam code (`orderFits`
      checks a saved one); `empty` is the answer before any is given. */
  const KINDS = {
    choice: {
      // One part: right only with exactly the correct choices, as Microsoft scores it.
      marks: (q, answer) => [sameSet(answer || [], correctChoices(q))],
      empty: () => [],
      order: (q, seed) => shuffled([...q.choices.keys()], seededRandom(`${seed}:${q.id}`)),
      orderFits: (q, order) => isPermutation(order, q.choices.length),
      answered: (answer) => Array.isArray(answer) && answer.length > 0,
      fits: (q, answer) => Array.isArray(answer) && new Set(answer).size === answer.length && answer.every(index(q.choices.length)),
      hint: (q) => (q.multiple ? `Choose ${correctChoices(q).length} answers.` : "Choose one answer."),
    },
    code: {
      // A part per blank: answer[i] is the option chosen for blank i.
      marks: (q, answer) => q.blanks.map((blank, i) => Boolean(answer) && filled(answer[i]) && answer[i] === rightOption(blank)),
      empty: (q) => q.blanks.map(() => null),
      order: (q, seed) => q.blanks.map((blank) => shuffled([...blank.options.keys()], seededRandom(`${seed}:${q.id}:${blank.id}`))),
      orderFits: (q, order) => Array.isArray(order) && order.length === q.blanks.length &&
        q.blanks.every((blank, i) => isPermutation(order[i], blank.options.length)),
      answered: (answer) => Array.isArray(answer) && answer.some(filled),
      fits: (q, answer) => Array.isArray(answer) && answer.length === q.blanks.length &&
        answer.every((a, i) => a === null || index(q.blanks[i].options.length)(a)),
      hint: (q) => `Choose an option for each of the ${q.blanks.length} gaps in the code.`,
    },
    match: {
      // A part per pair: answer[i] is the target chosen for item i.
      marks: (q, answer) => q.pairs.map((pair, i) => Boolean(answer) && filled(answer[i]) && answer[i] === targetOf(q, pair)),
      empty: (q) => q.pairs.map(() => null),
      order: (q, seed) => shuffled([...q.pairs.keys()], seededRandom(`${seed}:${q.id}`)),
      orderFits: (q, order) => isPermutation(order, q.pairs.length),
      answered: (answer) => Array.isArray(answer) && answer.some(filled),
      fits: (q, answer) => slots(answer, q.pairs.length, index(q.targets.length)),
      hint: () => "Choose a target for each item. A target may fit more than one item, or none.",
    },
    series: {
      // A part per proposed solution: answer[i] is true (yes), false (no) or null.
      marks: (q, answer) => q.solutions.map((s, i) => Boolean(answer) && answer[i] === s.meets_goal),
      empty: (q) => q.solutions.map(() => null),
      order: (q, seed) => shuffled([...q.solutions.keys()], seededRandom(`${seed}:${q.id}`)),
      orderFits: (q, order) => isPermutation(order, q.solutions.length),
      answered: (answer) => Array.isArray(answer) && answer.some(filled),
      fits: (q, answer) => slots(answer, q.solutions.length, (a) => typeof a === "boolean"),
      hint: () => "For each proposed solution, answer Yes if it meets the goal, No if it does not.",
    },
    order: {
      // A part per position of the right sequence: answer lists the steps
      // placed (indices into steps, then extra_steps); position i is right
      // when it holds step i.
      marks: (q, answer) => q.steps.map((s, i) => Array.isArray(answer) && answer[i] === i),
      empty: () => [],
      order: (q, seed) => shuffled([...allSteps(q).keys()], seededRandom(`${seed}:${q.id}`)),
      orderFits: (q, order) => isPermutation(order, allSteps(q).length),
      answered: (answer) => Array.isArray(answer) && answer.length > 0,
      // At most as many steps as the right sequence, as on a chapter page:
      // adding every step listed must not earn the points of the right ones.
      fits: (q, answer) => Array.isArray(answer) && answer.length <= q.steps.length &&
        new Set(answer).size === answer.length && answer.every(index(allSteps(q).length)),
      hint: (q) => `Move ${q.steps.length} steps into your sequence, in the right order.` +
        (q.extra_steps.length ? " Not every step listed belongs in it." : ""),
    },
  };
  const kindOf = (q) => KINDS[q.kind || "choice"];
  /** Right in every part. */
  const isCorrect = (q, answer) => kindOf(q).marks(q, answer).every(Boolean);
  /** Points earned and points possible: one per part. */
  const pointsOf = (q, answer) => {
    const marks = kindOf(q).marks(q, answer);
    return { earned: marks.filter(Boolean).length, possible: marks.length };
  };
  /** The order the review queue shows a question in: as written, except a
      build list's steps, whose written order is the answer: those are
      shuffled from the question's id, the same each time. */
  const studyOrder = (q) => {
    switch (q.kind || "choice") {
      case "order": return KINDS.order.order(q, "study");
      case "code": return q.blanks.map((blank) => [...blank.options.keys()]);
      case "match": return [...q.pairs.keys()];
      case "series": return [...q.solutions.keys()];
      default: return [...q.choices.keys()];
    }
  };

  /** Registers a study tool's module, made by `factory(ui, store)`: in Node
      its exports are the module's, for the unit tests; in the browser its
      mount function is what dp100.js calls on the tool's page. */
  function defineTool(name, nodeModule, factory) {
    const tool = factory(api, nodeModule ? require("./store.js") : self.dp100Store);
    if (nodeModule) nodeModule.exports = tool;
    else (self.dp100Apps = self.dp100Apps || {})[name] = (root) => studyStyles().then(() => tool.mount(root));
  }

  /** The study tools' own stylesheet (study.css), added to the page once:
      only study pages load it. A tool mounts once it has arrived (or
      failed: the tool still works, plainly styled). */
  let styles = null;
  function studyStyles() {
    if (!styles) {
      styles = new Promise((resolve) => {
        const link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = self.dp100.siteUrl("assets/dp100/study.css");
        link.onload = resolve;
        link.onerror = resolve;
        document.head.append(link);
      });
    }
    return styles;
  }

  const api = { hashSeed, seededRandom, shuffled, sameSet, correctChoices, isPermutation, KINDS, kindOf, isCorrect, pointsOf,
    studyOrder, rightOption, targetOf, allSteps, defineTool };
  if (typeof document === "undefined") return api;

  // ---------------------------------------------------------------- browser UI

  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const siteUrl = (path) => window.dp100.siteUrl(path);

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
      if (!/^(https?:|#)/.test(href)) a.href = siteUrl(href);
    });
    return node;
  }

  const htmlBlock = (tag, html, cls) => fixLinks(el(tag, { class: cls, html }));

  /** Choices to answer, in display order; `onChange` gets the answer. */
  function renderChoices(q, { name, order, answer, onChange }) {
    const type = q.multiple ? "checkbox" : "radio";
    const list = el("ul", { class: "dp-choices" }, order.map((index, shown) => el("li", { class: "dp-choice", "data-dp-choice": String(index) },
      el("label", {},
        el("input", { type, name, value: String(index), checked: (answer || []).includes(index),
          onchange: () => onChange && onChange(readChoices(list)) }),
        " ", el("span", { class: "dp-choice__letter", text: LETTERS[shown] + "." }), " ",
        fixLinks(el("span", { class: "dp-choice__text", html: q.choices[index].text_html }))))));
    return list;
  }

  const readChoices = (list) => [...list.querySelectorAll("input")].flatMap((input) => (input.checked ? [Number(input.value)] : []));

  /** Mark a rendered choice list as the chapter quiz does once checked: the
      right choices and a wrong pick, in words as well as colour; locked. */
  function markChoices(q, list) {
    list.querySelectorAll(".dp-choice").forEach((item) => {
      const index = Number(item.dataset.dpChoice);
      const input = item.querySelector("input");
      item.classList.toggle("dp-choice--right", Boolean(q.choices[index].correct));
      item.classList.toggle("dp-choice--wrong", input.checked && !q.choices[index].correct);
      input.disabled = true;
    });
  }

  const lettersOf = (indices, order) => indices.map((i) => LETTERS[order.indexOf(i)]).sort();

  /** The answer key: every choice's verdict and explanation, the question's
      explanation and the section that teaches it, in display order. */
  function explanation(q, order) {
    return el("div", { class: "dp-answer" },
      el("p", { class: "dp-answer__key" }, el("strong", { text: "Answer: " + lettersOf(correctChoices(q), order).join(", ") })),
      el("ul", { class: "dp-answer__choices" }, order.map((index, shown) => {
        const c = q.choices[index];
        return el("li", {}, el("strong", { text: `${LETTERS[shown]}. ${c.correct ? "Correct" : "Incorrect"}.` }),
          c.explanation_html ? fixLinks(el("span", { html: " " + c.explanation_html })) : null);
      })),
      htmlBlock("div", q.explanation_html, "dp-answer__why"),
      el("p", { class: "dp-answer__review" }, "Review: ", el("a", { href: siteUrl(q.teaches_url), text: q.teaches_title })));
  }

  /** A finished question for the results: every option with its text, the
      reader's choice and the right one marked in words, and why. */
  function reviewChoices(q, order, answer) {
    return el("ul", { class: "dp-choices dp-choices--review" }, order.map((index, shown) => {
      const c = q.choices[index];
      const mine = (answer || []).includes(index);
      const marks = [c.correct ? "Correct answer" : null, mine ? "Your answer" : null].filter(Boolean);
      return el("li", { class: "dp-choice" + (c.correct ? " dp-choice--key" : "") + (mine ? " dp-choice--mine" : "") +
        (mine && !c.correct ? " dp-choice--missed" : "") },
        el("span", { class: "dp-choice__letter", text: LETTERS[shown] + "." }), " ",
        fixLinks(el("span", { class: "dp-choice__text", html: c.text_html })),
        marks.length ? el("span", { class: "dp-choice__marks", text: ` (${marks.join(", ")})` }) : null,
        c.explanation_html ? fixLinks(el("p", { class: "dp-choice__why", html: c.explanation_html })) : null);
    }));
  }

  /** Plain text of our own exported HTML, for a drop-down's options. */
  function textOf(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content.textContent.trim();
  }

  const YES_NO = (value) => (value === true ? "Yes" : value === false ? "No" : "no answer");
  const verdictOf = (ok, given) => (ok ? "Right" : given ? "Wrong" : "Not answered");

  /** Each part of a finished question in words: what the reader gave, the
      right answer when they differ, and why. */
  function partsList(rows) {
    return el("ol", { class: "dp-parts" }, rows.map((row) => el("li", { class: `dp-part dp-part--${row.ok ? "right" : "wrong"}` },
      el("strong", { text: `${row.label}: ${verdictOf(row.ok, row.given)}.` }), " ",
      el("span", { text: `Your answer: ${row.given ? row.mine : "none"}.` }),
      row.ok ? null : el("span", { text: ` Right answer: ${row.right}.` }),
      row.why ? fixLinks(el("span", { class: "dp-part__why", html: " " + row.why })) : null)));
  }

  /** A part's verdict beside its widget once checked, in words. */
  const partMark = (ok, given) => el("span", { class: `dp-part-mark dp-part-mark--${ok ? "right" : "wrong"}`, text: ` ${verdictOf(ok, given)}` });

  const reviewLink = (q) => el("p", { class: "dp-answer__review" }, "Review: ", el("a", { href: siteUrl(q.teaches_url), text: q.teaches_title }));
  const keyBlock = (q, ...body) => el("div", { class: "dp-answer" }, ...body, htmlBlock("div", q.explanation_html, "dp-answer__why"), reviewLink(q));
  /** An option list in the answer key: each option's verdict and why. */
  const verdicts = (options, order) => el("ul", { class: "dp-answer__choices" }, order.map((index, shown) => {
    const o = options[index];
    return el("li", {}, el("strong", { text: `${LETTERS[shown]}. ${o.correct ? "Correct" : "Incorrect"}.` }), " ",
      fixLinks(el("span", { html: o.text_html })), o.explanation_html ? fixLinks(el("span", { html: " – " + o.explanation_html })) : null);
  }));

  /** A widget's answer lives in the closure that draws it; read() asks it. */
  function answerHolder(node, current, onChange) {
    node.dpRead = () => current.slice();
    return (index, value) => {
      current[index] = value;
      if (onChange) onChange(current.slice());
    };
  }
  const readHeld = (node) => node.dpRead();

  // -- code with blanks: a drop-down in each gap

  /** The code, each [[blank]] replaced by `gap(number, blank index)`. */
  function codeWithGaps(q, gap) {
    const pieces = q.code.split(/\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]/);
    const ids = q.blanks.map((blank) => blank.id);
    return el("pre", { class: "dp-code-blanks" }, el("code", {}, pieces.map((piece, i) => (i % 2 === 0 ? piece : gap(ids.indexOf(piece))))));
  }

  function renderCode(q, { name, order, answer, onChange }) {
    const current = answer ? answer.slice() : KINDS.code.empty(q);
    const node = el("div", { class: "dp-code-question" });
    const set = answerHolder(node, current, onChange);
    node.append(codeWithGaps(q, (b) => el("select", {
      class: "dp-field dp-blank", id: `${name}-${q.id}-gap-${b + 1}`, "data-dp-part": String(b),
      "aria-label": `Gap ${b + 1} of ${q.blanks.length}`,
      onchange: (event) => set(b, event.target.value === "" ? null : Number(event.target.value)) },
    el("option", { value: "", text: `[${b + 1}] Choose…` }),
    order[b].map((o) => el("option", { value: String(o), selected: current[b] === o, text: textOf(q.blanks[b].options[o].text_html) })))));
    return node;
  }

  /** Lock every widget and say beside each part (its element carries
      data-dp-part) whether it was right, in words. */
  function markParts(q, node) {
    const answer = readHeld(node);
    const marks = kindOf(q).marks(q, answer);
    node.querySelectorAll("input, select, button").forEach((input) => { input.disabled = true; });
    node.querySelectorAll("[data-dp-part]").forEach((part) => {
      const i = Number(part.dataset.dpPart);
      const mark = partMark(Boolean(marks[i]), answer[i] !== null && answer[i] !== undefined);
      if (part.matches("select")) part.after(mark);
      else part.append(mark);
    });
  }

  const optionText = (blank, o) => textOf(blank.options[o].text_html);

  function reviewCode(q, order, answer) {
    const marks = KINDS.code.marks(q, answer);
    return el("div", { class: "dp-code-question" },
      codeWithGaps(q, (b) => el("strong", { text: `[${b + 1}]` })),
      partsList(q.blanks.map((blank, b) => {
        const mine = answer ? answer[b] : null;
        const right = rightOption(blank);
        return { label: `Gap ${b + 1}`, ok: marks[b], given: mine !== null && mine !== undefined,
          mine: mine === null || mine === undefined ? "" : optionText(blank, mine), right: optionText(blank, right),
          why: (marks[b] || mine === null || mine === undefined ? "" : blank.options[mine].explanation_html + " ") + blank.options[right].explanation_html };
      })));
  }

  function explainCode(q, order) {
    return keyBlock(q, el("p", { class: "dp-answer__key" }, el("strong", { text: "Answer: " +
      q.blanks.map((blank, b) => `gap ${b + 1}, ${optionText(blank, rightOption(blank))}`).join("; ") })),
    q.blanks.map((blank, b) => el("div", { class: "dp-answer__part" }, el("p", { text: `Gap ${b + 1}:` }), verdicts(blank.options, order[b]))));
  }

  // -- matching: a drop-down of targets for each item

  function renderMatch(q, { name, order, answer, onChange }) {
    const current = answer ? answer.slice() : KINDS.match.empty(q);
    const node = el("div", { class: "dp-match" });
    const set = answerHolder(node, current, onChange);
    node.append(el("p", { class: "dp-match__targets" }, "Targets: ", q.targets.map((t, i) => [i ? " · " : "", fixLinks(el("span", { html: t.text_html }))])),
      el("ul", { class: "dp-match__items" }, order.map((p) => {
        const id = `${name}-${q.id}-item-${p + 1}`;
        return el("li", { class: "dp-match__item" },
          fixLinks(el("label", { for: id, html: q.pairs[p].item_html })), " ",
          el("select", { id, class: "dp-field dp-blank", "data-dp-part": String(p), onchange: (event) => set(p, event.target.value === "" ? null : Number(event.target.value)) },
            el("option", { value: "", text: "Choose a target…" }),
            q.targets.map((t, i) => el("option", { value: String(i), selected: current[p] === i, text: textOf(t.text_html) }))));
      })));
    return node;
  }

  function reviewMatch(q, order, answer) {
    const marks = KINDS.match.marks(q, answer);
    return partsList(order.map((p) => {
      const pair = q.pairs[p];
      const mine = answer ? answer[p] : null;
      return { label: textOf(pair.item_html), ok: marks[p], given: mine !== null && mine !== undefined,
        mine: mine === null || mine === undefined ? "" : textOf(q.targets[mine].text_html), right: textOf(q.targets[targetOf(q, pair)].text_html),
        why: pair.explanation_html };
    }));
  }

  function explainMatch(q, order) {
    return keyBlock(q, el("p", { class: "dp-answer__key" }, el("strong", { text: "Answer:" })),
      el("ul", { class: "dp-answer__choices" }, order.map((p) => {
        const pair = q.pairs[p];
        return el("li", {}, fixLinks(el("span", { html: pair.item_html })), " → ",
          el("strong", { text: textOf(q.targets[targetOf(q, pair)].text_html) }), ". ", fixLinks(el("span", { html: pair.explanation_html })));
      })));
  }

  // -- yes/no series: Yes and No for each proposed solution

  /** `parts` (solution indices) limits what is shown: the practice exam
      shows one solution per screen. */
  function renderSeries(q, { name, order, answer, onChange, parts }) {
    const current = answer ? answer.slice() : KINDS.series.empty(q);
    const node = el("div", { class: "dp-series" });
    const set = answerHolder(node, current, onChange);
    const shown = parts || order;
    node.append(...shown.map((s) => {
      const number = order.indexOf(s) + 1;
      return el("fieldset", { class: "dp-solution", "data-dp-part": String(s) },
        el("legend", {}, el("span", { class: "dp-solution__number", text: `Proposed solution ${number} of ${q.solutions.length}: ` }),
          fixLinks(el("span", { html: q.solutions[s].text_html }))),
        el("p", { class: "dp-solution__ask", text: "Does this solution meet the goal?" }),
        [[true, "Yes"], [false, "No"]].map(([value, label]) => el("label", { class: "dp-inline" },
          el("input", { type: "radio", name: `${name}-${q.id}-${s}`, value: label.toLowerCase(), checked: current[s] === value,
            onchange: () => set(s, value) }), ` ${label}`)));
    }));
    return node;
  }

  function reviewSeries(q, order, answer) {
    const marks = KINDS.series.marks(q, answer);
    return partsList(order.map((s, shown) => {
      const solution = q.solutions[s];
      const mine = answer ? answer[s] : null;
      return { label: `Solution ${shown + 1}, ${textOf(solution.text_html)}`, ok: marks[s], given: typeof mine === "boolean",
        mine: YES_NO(mine), right: YES_NO(solution.meets_goal), why: solution.explanation_html };
    }));
  }

  function explainSeries(q, order) {
    return keyBlock(q, el("ul", { class: "dp-answer__choices" }, order.map((s, shown) => {
      const solution = q.solutions[s];
      return el("li", {}, el("strong", { text: `Solution ${shown + 1}: ${YES_NO(solution.meets_goal)}.` }), " ",
        fixLinks(el("span", { html: solution.text_html })), " ", fixLinks(el("span", { html: solution.explanation_html })));
    })));
  }

  // -- build list: add steps to a sequence, move them up and down, remove them

  function renderOrder(q, { name, order, answer, onChange }) {
    let placed = answer ? answer.slice() : [];
    const every = allSteps(q);
    const base = `${name}-${q.id}`;
    const node = el("div", { class: "dp-build" });
    node.dpRead = () => placed.slice();
    const status = el("p", { class: "dp-build__status", role: "status", "aria-live": "polite" });
    const pool = el("ul", { class: "dp-build__pool", "aria-labelledby": `${base}-pool` });
    const sequence = el("ol", { class: "dp-build__sequence", "aria-labelledby": `${base}-sequence` });
    const empty = el("p", { class: "dp-build__empty", text: "No steps yet: add them from the list of steps." });
    const stepText = (i) => textOf(every[i].text_html);

    function change(next, message, focusId) {
      placed = next;
      draw();
      status.textContent = message;
      const target = document.getElementById(focusId);
      if (target) target.focus();
      if (onChange) onChange(placed.slice());
    }

    const button = (id, label, name_, onclick, disabled) => el("button", { type: "button", class: "md-button dp-build__button", id,
      "aria-label": `${label}: ${name_}`, text: label, disabled, onclick });

    function draw() {
      const available = order.filter((i) => !placed.includes(i));
      pool.replaceChildren(...available.map((i, at) => el("li", { class: "dp-build__step" },
        fixLinks(el("span", { class: "dp-build__text", html: every[i].text_html })), " ",
        button(`${base}-add-${i}`, "Add", stepText(i), () => {
          const rest = available.filter((x) => x !== i);
          const full = placed.length + 1 >= q.steps.length;  // its Add buttons are disabled then
          const focus = rest.length && !full ? `${base}-add-${rest[Math.min(at, rest.length - 1)]}` : `${base}-remove-${i}`;
          change([...placed, i], `Added "${stepText(i)}" as step ${placed.length + 1} of your sequence.` +
            (placed.length + 1 === q.steps.length ? " Your sequence is full: remove a step to add another." : ""), focus);
        }, placed.length >= q.steps.length))));
      pool.hidden = available.length === 0;
      sequence.replaceChildren(...placed.map((i, at) => el("li", { class: "dp-build__step", "data-dp-part": String(at) },
        fixLinks(el("span", { class: "dp-build__text", html: every[i].text_html })), " ",
        el("span", { class: "dp-build__buttons" },
          button(`${base}-up-${i}`, "Move up", stepText(i), () => {
            const next = placed.slice();
            [next[at - 1], next[at]] = [next[at], next[at - 1]];
            change(next, `Moved "${stepText(i)}" to step ${at} of ${placed.length}.`, at - 1 > 0 ? `${base}-up-${i}` : `${base}-down-${i}`);
          }, at === 0),
          button(`${base}-down-${i}`, "Move down", stepText(i), () => {
            const next = placed.slice();
            [next[at + 1], next[at]] = [next[at], next[at + 1]];
            change(next, `Moved "${stepText(i)}" to step ${at + 2} of ${placed.length}.`,
              at + 2 < placed.length ? `${base}-down-${i}` : `${base}-up-${i}`);
          }, at === placed.length - 1),
          button(`${base}-remove-${i}`, "Remove", stepText(i), () => {
            const next = placed.filter((x) => x !== i);
            const focus = next.length ? `${base}-remove-${next[Math.min(at, next.length - 1)]}` : `${base}-add-${i}`;
            change(next, `Removed "${stepText(i)}" from your sequence.`, focus);
          })))));
      sequence.hidden = placed.length === 0;
      empty.hidden = placed.length > 0;
    }

    draw();
    node.append(
      el("div", { class: "dp-build__column" }, el("p", { class: "dp-build__label", id: `${base}-pool`, text: "Steps" }), pool),
      el("div", { class: "dp-build__column" }, el("p", { class: "dp-build__label", id: `${base}-sequence`, text: "Your sequence" }), sequence, empty),
      status);
    return node;
  }

  function reviewOrder(q, order, answer) {
    const marks = KINDS.order.marks(q, answer);
    const every = allSteps(q);
    const placed = Array.isArray(answer) ? answer : [];
    const rows = q.steps.map((step, i) => ({ label: `Step ${i + 1}`, ok: marks[i], given: i < placed.length,
      mine: i < placed.length ? textOf(every[placed[i]].text_html) : "", right: textOf(step.text_html), why: step.explanation_html }));
    const beyond = placed.slice(q.steps.length);
    return el("div", { class: "dp-build-review" }, partsList(rows),
      beyond.length ? el("p", { text: `You also placed: ${beyond.map((i) => textOf(every[i].text_html)).join("; ")}.` }) : null);
  }

  function explainOrder(q) {
    return keyBlock(q, el("p", { class: "dp-answer__key" }, el("strong", { text: "Answer: the right sequence" })),
      el("ol", { class: "dp-answer__choices" }, q.steps.map((step) => el("li", {},
        fixLinks(el("strong", { html: step.text_html })), ". ", fixLinks(el("span", { html: step.explanation_html }))))),
      q.extra_steps.length ? el("p", { text: "Not in the sequence:" }) : null,
      q.extra_steps.length ? el("ul", { class: "dp-answer__choices" }, q.extra_steps.map((step) => el("li", {},
        fixLinks(el("strong", { html: step.text_html })), ". ", fixLinks(el("span", { html: step.explanation_html }))))) : null);
  }

  /** Which renderer draws a kind, for answering and for reviewing. */
  const VIEWS = {
    choice: { render: renderChoices, read: readChoices, mark: markChoices, review: reviewChoices, explanation },
    code: { render: renderCode, read: readHeld, mark: markParts, review: reviewCode, explanation: explainCode },
    match: { render: renderMatch, read: readHeld, mark: markParts, review: reviewMatch, explanation: explainMatch },
    series: { render: renderSeries, read: readHeld, mark: markParts, review: reviewSeries, explanation: explainSeries },
    order: { render: renderOrder, read: readHeld, mark: markParts, review: reviewOrder, explanation: explainOrder },
  };
  const viewOf = (q) => VIEWS[q.kind || "choice"];

  function fetchJson(path) {
    return fetch(siteUrl(path)).then((response) => {
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return response.json();
    });
  }

  /** Keeps focus where it was when a part of the page is redrawn. */
  function keepFocus(redraw) {
    const id = document.activeElement && document.activeElement.id;
    redraw();
    const again = id && document.getElementById(id);
    if (again) again.focus();
  }

  return Object.assign(api, { LETTERS, el, fixLinks, htmlBlock, textOf, viewOf, lettersOf, fetchJson, siteUrl, keepFocus });
});
