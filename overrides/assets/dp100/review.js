/* DP-100 guide: the review queue. Questions and flash cards due today, one at
   a time, with the chapter quiz's feedback; an item missed in a session comes
   back before the session ends, as in Anki. Pure functions are exported for Node. */
// In Node (the unit tests) the module exports the tool; in a browser it registers it.
(typeof module === "object" ? require("./study-ui.js") : self.dp100StudyUi).defineTool("review", typeof module === "object" ? module : null,
  function (ui, store) {
  "use strict";

  /** A review session: the items due, then each missed item again, until
      every item has been answered right once in the session. Only the first
      answer of a session moves an item between boxes. */
  function session(due) {
    const pending = due.slice();
    const seen = new Set();
    let asked = 0;
    return {
      get current() { return pending[0] || null; },
      get total() { return asked + pending.length; },
      get position() { return asked + 1; },
      /** Whether this answer is the item's first in the session. */
      answer(correct) {
        const id = pending.shift();
        const first = !seen.has(id);
        seen.add(id);
        asked += 1;
        if (!correct) pending.push(id);
        return first;
      },
      isRepeat: (id) => seen.has(id),
    };
  }

  const api = { session };
  if (typeof document === "undefined") return api;

  // ---------------------------------------------------------------- browser UI

  const { el, htmlBlock, viewOf, kindOf, isCorrect, pointsOf, studyOrder, fetchJson, siteUrl } = ui;

  function mount(root) {
    Promise.all([fetchJson("exports/questions.json"), fetchJson("exports/glossary.json")])
      .then(([bank, glossary]) => run(root, bank, glossary))
      .catch((error) => { root.textContent = `The question bank could not be loaded: ${error.message}`; });
  }

  function run(root, bank, glossary) {
    const questions = new Map(bank.questions.map((q) => [q.id, q]));
    const caseById = new Map((bank.cases || []).map((c) => [c.id, c]));
    const terms = new Map(glossary.terms.map((t) => [t.id, t]));
    // Stored ids that are no longer in the bank or the glossary are left out.
    const queue = store.loadReview(bank, [...terms.keys()]);
    const due = store.dueItems(queue, Date.now());
    const current = session(due);
    const results = { right: 0, missed: 0 };

    function grade(id, correct) {
      const first = current.answer(correct);
      if (!first) return correct ? "Right this time. It stays in box 1 for your next session." : "Not yet. It comes back once more before the session ends.";
      if (correct) results.right += 1; else results.missed += 1;
      const next = store.schedule(queue.items[id], correct, Date.now());
      if (next) queue.items[id] = next; else delete queue.items[id];
      store.saveReview(queue);
      if (!correct) return "Not quite. It comes back before this session ends, and stays in box 1.";
      return next ? `Correct. It comes back in box ${next.box}.` : "Correct. Mastered: it leaves the queue.";
    }

    function summary() {
      const waiting = Object.keys(queue.items).length;
      const heading = el("h2", { tabindex: "-1", text: due.length ? "Review session complete" : "Nothing is due" });
      root.replaceChildren(el("div", { class: "dp-review" }, heading,
        due.length ? el("p", { text: `${results.right} right the first time, ${results.missed} missed and asked again until right.` }) : null,
        el("p", { text: waiting
          ? `${waiting} item${waiting === 1 ? "" : "s"} wait in the queue for a later session.`
          : "Your review queue is empty: questions you answer wrong anywhere on the site, and flash cards you did not know, appear here." }),
        el("p", {}, el("a", { href: siteUrl("study/flashcards/"), text: "Flash cards" }), " · ",
          el("a", { href: siteUrl("study/practice-exam/"), text: "Practice exam" }))));
      heading.focus();
    }

    function frame(id, body) {
      const entry = queue.items[id];
      const heading = el("h2", { tabindex: "-1", id: "dp-review-question",
        text: `${id.startsWith(store.TERM_PREFIX) ? "Card" : "Question"} ${current.position} of ${current.total}` });
      root.replaceChildren(el("div", { class: "dp-review" }, heading,
        el("p", { class: "dp-exam__domain", text: (current.isRepeat(id) ? "Asked again: you missed it earlier in this session · " : "") +
          `Box ${entry ? entry.box : 1}` }), body));
      heading.focus();
    }

    function nextButton() {
      return el("button", { type: "button", id: "dp-review-next", class: "md-button md-button--primary",
        text: current.current ? "Next" : "Finish the session", onclick: show });
    }

    function showQuestion(q) {
      const order = studyOrder(q);
      const view = viewOf(q);
      const feedback = el("p", { class: "dp-question__feedback", role: "status", "aria-live": "polite" });
      const body = view.render(q, { name: "dp-review-q", order });
      // A case study's question comes with its scenario, as on the exam.
      const caseStudy = q.case ? caseById.get(q.case) : null;
      const scenario = caseStudy ? el("details", { class: "dp-case__scenario", open: true },
        el("summary", { text: `Case study scenario: ${caseStudy.title}` }),
        caseStudy.scenario.map((section) => el("section", { class: "dp-case__section" },
          el("h3", { text: section.title }), htmlBlock("div", section.text_html, "dp-case__text")))) : null;
      const block = el("div", { class: "dp-question" }, scenario, el("div", { role: "group", "aria-labelledby": "dp-review-question dp-review-prompt" },
        htmlBlock("div", q.prompt_html, "dp-question__prompt"),
        el("p", { class: "dp-question__hint", text: kindOf(q).hint(q) }), body));
      const actions = el("p", { class: "dp-question__actions" });
      const check = el("button", { type: "button", id: "dp-review-check", class: "md-button md-button--primary", text: "Check answer", onclick: () => {
        const answer = view.read(body);
        if (!kindOf(q).answered(answer)) { feedback.textContent = "Select an answer first."; return; }
        const right = isCorrect(q, answer);
        view.mark(q, body);
        block.classList.add(right ? "dp-question--right" : "dp-question--wrong");
        const { earned, possible } = pointsOf(q, answer);
        feedback.textContent = (possible > 1 ? `${earned} of ${possible} parts right. ` : "") + grade(q.id, right);
        const next = nextButton();
        check.replaceWith(next);
        next.focus();  // where the check button was: the reader's place is kept
        block.append(view.explanation(q, order));
      } });
      actions.append(check);
      block.append(actions, feedback);
      frame(q.id, block);
      block.querySelector(".dp-question__prompt").id = "dp-review-prompt";
    }

    function showCard(term, id) {
      const feedback = el("p", { class: "dp-question__feedback", role: "status", "aria-live": "polite" });
      const back = el("div", { class: "dp-card-face__back", hidden: true },
        el("p", {}, el("strong", { text: term.short })), htmlBlock("div", term.details_html));
      const actions = el("p", { class: "dp-question__actions" });
      const grades = [["Knew it", true], ["Didn't know it", false]].map(([label, knew]) => el("button", {
        type: "button", class: "md-button", text: label, onclick: () => {
          feedback.textContent = grade(id, knew);
          const next = nextButton();
          actions.replaceChildren(next);
          next.focus();
        } }));
      const flip = el("button", { type: "button", id: "dp-review-flip", class: "md-button md-button--primary", text: "Show the definition", onclick: () => {
        back.hidden = false;
        actions.replaceChildren(...grades);
        grades[0].focus();
      } });
      actions.append(flip);
      frame(id, el("div", { class: "dp-card-face" }, el("p", { class: "dp-card-face__front", text: term.term }), back, actions, feedback));
    }

    function show() {
      const id = current.current;
      if (!id) return summary();
      if (id.startsWith(store.TERM_PREFIX)) return showCard(terms.get(id.slice(store.TERM_PREFIX.length)), id);
      return showQuestion(questions.get(id));
    }

    show();
  }

  return Object.assign(api, { mount });
});
