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

  /** Question kinds. An answer is what the reader gave, in the question's own
      terms (choice indices as written, not as shown); `order` is the order
      the choices are shown in. Issue 18's formats add entries here. */
  const KINDS = {
    choice: {
      /** The display order for a seed: the same code gives the same order. */
      order: (q, seed) => shuffled([...q.choices.keys()], seededRandom(`${seed}:${q.id}`)),
      answered: (answer) => Array.isArray(answer) && answer.length > 0,
      score: (q, answer) => sameSet(answer || [], correctChoices(q)),
      fits: (q, answer) => Array.isArray(answer) && new Set(answer).size === answer.length &&
        answer.every((c) => Number.isInteger(c) && c >= 0 && c < q.choices.length),
      hint: (q) => (q.multiple ? `Choose ${correctChoices(q).length} answers.` : "Choose one answer."),
    },
  };
  const kindOf = (q) => KINDS[q.kind || "choice"];
  const isCorrect = (q, answer) => kindOf(q).score(q, answer);

  /** Registers a study tool's module, made by `factory(ui, store)`: in Node
      its exports are the module's, for the unit tests; in the browser its
      mount function is what dp100.js calls on the tool's page. */
  function defineTool(name, nodeModule, factory) {
    const tool = factory(api, nodeModule ? require("./store.js") : self.dp100Store);
    if (nodeModule) nodeModule.exports = tool;
    else (self.dp100Apps = self.dp100Apps || {})[name] = tool.mount;
  }

  const api = { hashSeed, seededRandom, shuffled, sameSet, correctChoices, isPermutation, KINDS, kindOf, isCorrect, defineTool };
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

  /** Which renderer draws a kind, for answering and for reviewing. */
  const VIEWS = {
    choice: { render: renderChoices, read: readChoices, mark: markChoices, review: reviewChoices, explanation },
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

  return Object.assign(api, { LETTERS, el, fixLinks, htmlBlock, viewOf, lettersOf, fetchJson, siteUrl, keepFocus });
});
