/* DP-100 guide: flash cards. One card at a time from a deck (every card, an
   exam domain or a chapter), in order or shuffled: flip it, say whether you
   knew it; cards you did not know join the review queue. The cards come from
   the page's own list, which stays there to read and for readers without
   JavaScript. Pure functions are exported for Node. */
// In Node (the unit tests) the module exports the tool; in a browser it registers it.
(typeof module === "object" ? require("./study-ui.js") : self.dp100StudyUi).defineTool("flashcards", typeof module === "object" ? module : null,
  function (ui, store) {
  "use strict";

  /** Decks to choose from: every card, then each domain and each chapter that
      has cards, in the order they first appear. A deck's id is "all",
      "domain:<id>" or "chapter:<page>". */
  function decks(cards) {
    const found = new Map([["all", { id: "all", group: null, label: "All cards", cards: cards.slice() }]]);
    for (const [group, key, name] of [["By exam domain", "domain", "domainName"], ["By chapter", "chapter", "chapterTitle"]]) {
      for (const card of cards) {
        if (!card[key]) continue;
        const id = `${key}:${card[key]}`;
        if (!found.has(id)) found.set(id, { id, group, label: card[name], cards: [] });
        found.get(id).cards.push(card);
      }
    }
    return [...found.values()];
  }

  /** The stored tallies with one more answer for a term. */
  function tally(stats, termId, knew, now) {
    const terms = Object.assign(Object.create(null), stats ? stats.terms : {});
    const before = terms[termId] || { known: 0, missed: 0 };
    terms[termId] = { known: before.known + (knew ? 1 : 0), missed: before.missed + (knew ? 0 : 1), at: now };
    return { version: 1, terms };
  }

  const api = { decks, tally };
  if (typeof document === "undefined") return api;

  // ---------------------------------------------------------------- browser UI

  const { el, shuffled, siteUrl } = ui;

  function mount(root) {
    const list = root.parentElement.querySelector(".dp-flashcards-list");
    const cards = [...list.querySelectorAll(".dp-flashcard")].map((node) => ({
      id: node.dataset.dpTerm, chapter: node.dataset.dpChapter, chapterTitle: node.dataset.dpChapterTitle,
      domain: node.dataset.dpDomain, domainName: node.dataset.dpDomainName, node,
    }));
    list.open = false;  // the tool comes first; the list is one click away
    const available = decks(cards);
    let chosen = available[0];
    let order = [];
    let position = 0;
    let knew = [];
    let missed = [];

    function setup(focusFirst) {
      const select = el("select", { id: "dp-cards-deck", class: "dp-field", name: "deck" },
        el("option", { value: "all", text: `All cards (${cards.length})`, selected: chosen.id === "all" }),
        ["By exam domain", "By chapter"].map((group) => el("optgroup", { label: group },
          available.filter((d) => d.group === group).map((d) => el("option", { value: d.id, selected: chosen.id === d.id,
            text: `${d.label} (${d.cards.length})` })))));
      const form = el("form", { class: "dp-cards-setup", onsubmit: (event) => {
        event.preventDefault();
        chosen = available.find((d) => d.id === select.value) || available[0];
        const mix = form.querySelector("input[name=shuffle]").checked;
        begin(mix ? shuffled(chosen.cards, Math.random) : chosen.cards.slice());
      } },
      el("p", {}, el("label", { for: "dp-cards-deck", text: "Deck " }), select),
      el("p", {}, el("label", {}, el("input", { type: "checkbox", name: "shuffle", checked: true }), " Shuffle the cards")),
      el("p", {}, el("button", { type: "submit", class: "md-button md-button--primary", text: "Study this deck" })));
      root.replaceChildren(form);
      if (focusFirst) select.focus();
    }

    function begin(deckCards) {
      order = deckCards;
      position = 0;
      knew = [];
      missed = [];
      show();
    }

    function answer(card, known) {
      store.write("cards", tally(store.read("cards"), card.id, known, Date.now()));
      if (known) knew.push(card); else { missed.push(card); store.recordMiss(store.TERM_PREFIX + card.id); }
      position += 1;
      show();
    }

    function show() {
      if (position >= order.length) return summary();
      const card = order[position];
      const back = el("div", { class: "dp-card-face__back", id: "dp-card-back", hidden: true },
        ...[...card.node.querySelector(".dp-flashcard__back").childNodes].map((n) => n.cloneNode(true)));
      const actions = el("p", { class: "dp-question__actions" });
      const flip = el("button", { type: "button", id: "dp-card-flip", class: "md-button md-button--primary",
        "aria-controls": "dp-card-back", text: "Flip: show the definition", onclick: () => {
          back.hidden = false;
          actions.replaceChildren(
            el("button", { type: "button", id: "dp-card-knew", class: "md-button", text: "Knew it", onclick: () => answer(card, true) }),
            el("button", { type: "button", id: "dp-card-missed", class: "md-button", text: "Didn't know it", onclick: () => answer(card, false) }));
          actions.firstChild.focus();  // focus stays where the flip button was
        } });
      actions.append(flip);
      const heading = el("h2", { tabindex: "-1", id: "dp-card-heading", text: `Card ${position + 1} of ${order.length}` });
      root.replaceChildren(el("div", { class: "dp-cardtool" },
        heading,
        el("p", { class: "dp-exam__domain", text: `${chosen.label} · ${card.chapterTitle}` }),
        el("div", { class: "dp-card-face" }, el("p", { class: "dp-card-face__front", text: card.node.querySelector(".dp-flashcard__front").textContent }),
          back, actions),
        el("p", { class: "dp-exam__actions" },
          el("button", { type: "button", class: "md-button", text: "Shuffle the rest", disabled: order.length - position < 2, onclick: () => {
            order = order.slice(0, position).concat(shuffled(order.slice(position), Math.random));
            show();
          } }),
          el("button", { type: "button", class: "md-button", text: "Change deck", onclick: () => setup(true) }))));
      heading.focus();
    }

    function summary() {
      const heading = el("h2", { tabindex: "-1", text: `Deck done: you knew ${knew.length} of ${order.length}` });
      root.replaceChildren(el("div", { class: "dp-cardtool" }, heading,
        el("p", { text: missed.length
          ? `${missed.length} card${missed.length === 1 ? " is" : "s are"} now in your review queue: ${missed.map((c) => c.node.querySelector(".dp-flashcard__front").textContent).join(", ")}.`
          : "Every card known. Well done." }),
        el("p", { class: "dp-exam__actions" },
          missed.length ? el("button", { type: "button", class: "md-button md-button--primary", text: `Study the ${missed.length} again`,
            onclick: () => begin(missed.slice()) }) : null,
          el("button", { type: "button", class: "md-button", text: "Choose another deck", onclick: () => setup(true) })),
        el("p", {}, el("a", { href: siteUrl("study/review/"), text: "Review queue" }))));
      heading.focus();
    }

    setup(false);
  }

  return Object.assign(api, { mount });
});
