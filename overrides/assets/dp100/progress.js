/* DP-100 guide: the progress page. Best quiz scores, visits and review items
   per chapter, and export and import of the progress file (merged into what
   this browser holds: the newest answer wins, counts add up). */
// In Node (the unit tests) the module exports the tool; in a browser it registers it.
(typeof module === "object" ? require("./study-ui.js") : self.dp100StudyUi).defineTool("progress", typeof module === "object" ? module : null,
  function (ui, store) {
  "use strict";

  const { STORE_PREFIX, isRecord } = store;
  const PROGRESS_KIND = "dp100-progress";
  // A real progress file is a few KB; this leaves room for years of use.
  const MAX_PROGRESS_BYTES = 1024 * 1024;
  const TOO_LARGE = "This file is larger than a progress file can be (1 MB).";

  /** Check a whole progress file before anything is written: returns
      { entries: {storage key: parsed value}, dropped: [why, per key] }, or
      throws when the file is not a progress file of this guide. */
  function parseProgress(text, bank, now, termIds) {
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
    const checkerFor = store.progressSchema(bank, now, termIds);
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
        entries[key] = result.value;
        if (result.left) dropped.push(`"${key}": ${result.left === 1 ? "1 item that does" : `${result.left} items that do`} not fit`);
      }
    }
    return { entries, dropped };
  }

  /** One entry of an imported file merged into what this browser holds:
      the newest answer wins, counts add up, the best score is the higher. */
  function mergeEntry(key, mine, theirs) {
    if (!mine) return theirs;
    const newer = (a, b) => ((b.at || 0) > (a.at || 0) ? b : a);
    const merged = (a, b, pick) => {
      const out = Object.assign(Object.create(null), a);
      for (const [id, value] of Object.entries(b)) out[id] = id in out ? pick(out[id], value) : value;
      return out;
    };
    if (key === `${STORE_PREFIX}visits`) return merged(mine, theirs, Math.max);
    if (key === `${STORE_PREFIX}review`) return { version: 1, items: merged(mine.items, theirs.items, newer) };
    if (key === `${STORE_PREFIX}cards`) {
      return { version: 1, terms: merged(mine.terms, theirs.terms, (a, b) =>
        ({ known: a.known + b.known, missed: a.missed + b.missed, at: Math.max(a.at, b.at) })) };
    }
    const best = [mine.best, theirs.best].filter(Boolean).sort((a, b) => b.correct - a.correct)[0];
    const value = { version: 1, answers: merged(mine.answers, theirs.answers, newer) };
    if (best) value.best = best;
    return value;
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

  /** Every kept entry, as a progress file's text. */
  function exportProgress() {
    const data = {};
    const local = store.storage();
    const checkerFor = store.progressSchema(null, Date.now());
    for (let i = 0; i < local.length; i += 1) {
      const key = local.key(i);
      if (key.startsWith(STORE_PREFIX) && checkerFor(key)) data[key] = local.getItem(key);
    }
    return JSON.stringify({ kind: PROGRESS_KIND, version: 1, exported: new Date().toISOString(), data }, null, 1);
  }

  /** Merge a progress file into this browser's progress, all or nothing:
      returns { count, dropped } or throws with a message for the reader. */
  function importProgress(text, bank, termIds) {
    const { entries, dropped } = parseProgress(text, bank, Date.now(), termIds);
    const texts = Object.create(null);
    for (const [key, value] of Object.entries(entries)) {
      texts[key] = JSON.stringify(mergeEntry(key, store.read(key.slice(STORE_PREFIX.length), bank, termIds), value));
    }
    writeProgress(store.storage(), texts);
    return { count: Object.keys(entries).length, dropped };
  }

  const api = { PROGRESS_KIND, MAX_PROGRESS_BYTES, parseProgress, mergeEntry, writeProgress, exportProgress, importProgress };
  if (typeof document === "undefined") return api;

  const { el, fetchJson, siteUrl } = ui;

  function mount(root) {
    Promise.all([fetchJson("exports/questions.json"), fetchJson("exports/glossary.json")])
      .then(([bank, glossary]) => run(root, bank, glossary.terms.map((t) => t.id)))
      .catch((error) => { root.textContent = `The question bank could not be loaded: ${error.message}`; });
  }

  function run(root, bank, termIds) {
    const status = el("p", { role: "status", "aria-live": "polite" });

    function render() {
      const now = Date.now();
      // What is stored may have been imported or edited: show only what fits.
      const visits = store.read("visits", bank) || {};
      const queue = store.loadReview(bank, termIds);
      const cards = store.read("cards", bank, termIds);
      const due = store.dueItems(queue, now);
      const rows = bank.chapters.map((chapter) => {
        const best = (store.read(`quiz:${chapter.quiz}`, bank) || {}).best;
        const ids = new Set(bank.questions.filter((q) => q.quiz === chapter.quiz).map((q) => q.id));
        const visited = visits[chapter.url];
        return el("tr", {},
          el("th", { scope: "row" }, el("a", { href: siteUrl(chapter.url), text: chapter.title })),
          el("td", { text: best ? `${best.correct} of ${best.total}` : "–" }),
          el("td", { text: visited ? new Date(visited).toLocaleDateString() : "never" }),
          el("td", { text: String(due.filter((id) => ids.has(id)).length) }));
      });
      const studied = cards ? Object.values(cards.terms) : [];
      const cardsDue = due.filter((id) => id.startsWith(store.TERM_PREFIX)).length;
      const exportButton = el("button", { type: "button", class: "md-button", text: "Export progress", onclick: () => {
        const file = new Blob([exportProgress()], { type: "application/json" });
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
          const { count, dropped } = importProgress(text, bank, termIds);
          render();
          status.textContent = `Imported ${count} ${count === 1 ? "entry" : "entries"}, merged with this browser's progress.` +
            (dropped.length ? ` Left out: ${dropped.join("; ")}.` : "");
        }).catch((error) => { status.textContent = `Import failed: ${error.message}`; });
      } });
      root.replaceChildren(
        el("table", { class: "dp-table" }, el("caption", { text: "Your progress in this browser" }),
          el("thead", {}, el("tr", {}, ["Chapter", "Best quiz score", "Last visit", "Review due"].map((t) => el("th", { scope: "col", text: t })))),
          el("tbody", {}, rows)),
        el("p", { class: "dp-progress__cards", text: studied.length
          ? `Flash cards: ${studied.length} studied, known ${studied.reduce((n, c) => n + c.known, 0)} times and missed ` +
            `${studied.reduce((n, c) => n + c.missed, 0)} times; ${cardsDue} due for review.`
          : "Flash cards: none studied yet." }),
        el("p", {}, exportButton, " ", el("label", { for: "dp-progress-file", text: "Import progress: " }), input),
        status);
    }

    render();
  }

  return Object.assign(api, { mount });
});
