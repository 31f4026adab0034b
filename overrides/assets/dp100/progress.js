/* DP-100 guide: the progress page. Best quiz scores, visits and review items
   per chapter, and export and import of the progress file (merged into what
   this browser holds: the newest answer wins, counts add up). */
(function (root, factory) {
  const deps = typeof module === "object" && module.exports
    ? [require("./study-ui.js"), require("./store.js")] : [root.dp100StudyUi, root.dp100Store];
  const api = factory(...deps);
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.dp100Apps = root.dp100Apps || {}).progress = api.mount;
})(typeof self !== "undefined" ? self : this, function (ui, store) {
  "use strict";

  const api = {};
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
        const file = new Blob([store.exportProgress()], { type: "application/json" });
        const link = el("a", { href: URL.createObjectURL(file), download: "dp100-progress.json" });
        document.body.append(link);
        link.click();
        link.remove();
        status.textContent = "Progress exported to dp100-progress.json.";
      } });
      const input = el("input", { type: "file", id: "dp-progress-file", accept: "application/json,.json", onchange: () => {
        const file = input.files[0];
        if (!file) return;
        if (file.size > store.MAX_PROGRESS_BYTES) {
          status.textContent = `Import failed: ${store.TOO_LARGE}`;
          return;
        }
        file.text().then((text) => {
          const { count, dropped } = store.importProgress(text, bank, termIds);
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
