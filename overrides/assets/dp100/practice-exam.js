/* DP-100 guide: the practice exam (file named after its tool, as dp100.js loads it). Draws a weighted exam from a code, shuffles
   questions and choices from that code, saves the exam in progress (answers,
   flags, position, time left) so a reload, Back or a link can resume it, and
   ends with results that teach. Pure functions are exported for Node. */
// In Node (the unit tests) the module exports the tool; in a browser it registers it.
(typeof module === "object" ? require("./study-ui.js") : self.dp100StudyUi).defineTool("practice-exam", typeof module === "object" ? module : null,
  function (ui, store) {
  "use strict";

  const { seededRandom, shuffled, kindOf, isPermutation } = ui;
  const SIZES = [20, 40, 60];
  const MINUTES_PER_QUESTION = 2;
  const SESSION = "exam";       // storage name of the exam in progress
  const CODE = /^[A-Za-z0-9_-]{1,32}$/;
  const WARN_AT = [5 * 60000, 60000];  // time left announced to the reader

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

  /** The questions for (bank, size, seed): the same three always give the same exam. */
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

  /** A new exam: questions, and each question's choice order, from the code. */
  function newExam(bank, size, seed, timed) {
    const questions = drawExam(bank, size, seed);
    return {
      version: 1, seed, size, ids: questions.map((q) => q.id),
      orders: questions.map((q) => kindOf(q).order(q, seed)),
      answers: questions.map(() => []), flagged: questions.map(() => false), index: 0,
      timeLeft: timed ? questions.length * MINUTES_PER_QUESTION * 60000 : null,
    };
  }

  /** A saved exam, checked against the bank: null when it no longer fits
      (edited by hand, or the bank changed since). */
  function checkSession(saved, bank) {
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    const n = saved && Array.isArray(saved.ids) ? saved.ids.length : 0;
    const list = (value) => Array.isArray(value) && value.length === n;
    if (!saved || saved.version !== 1 || !CODE.test(saved.seed) || !SIZES.includes(saved.size) || n === 0 ||
        !saved.ids.every((id) => byId.has(id)) || new Set(saved.ids).size !== n ||
        !list(saved.orders) || !list(saved.answers) || !list(saved.flagged) ||
        !Number.isInteger(saved.index) || saved.index < 0 || saved.index >= n ||
        !(saved.timeLeft === null || (Number.isFinite(saved.timeLeft) && saved.timeLeft >= 0))) return null;
    const questions = saved.ids.map((id) => byId.get(id));
    const fits = questions.every((q, i) => isPermutation(saved.orders[i], q.choices.length) &&
      kindOf(q).fits(q, saved.answers[i]) && typeof saved.flagged[i] === "boolean");
    return fits ? { ...saved, questions } : null;
  }

  /** The score, per domain, and each question's outcome. */
  function score(exam, domains) {
    const results = exam.questions.map((q, i) => ({
      q, number: i + 1, order: exam.orders[i], answer: exam.answers[i], flagged: exam.flagged[i],
      answered: kindOf(q).answered(exam.answers[i]), right: kindOf(q).score(q, exam.answers[i]),
    }));
    const byDomain = domains.map((d) => {
      const mine = results.filter((r) => r.q.domain === d.id);
      return { domain: d, right: mine.filter((r) => r.right).length, total: mine.length };
    });
    return { results, right: results.filter((r) => r.right).length, byDomain };
  }

  const clock = (ms) => `${Math.floor(ms / 60000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}`;

  const api = { SIZES, MINUTES_PER_QUESTION, allocate, drawExam, newExam, checkSession, score, clock };
  if (typeof document === "undefined") return api;

  // ---------------------------------------------------------------- browser UI

  const { el, htmlBlock, viewOf, siteUrl, fetchJson } = ui;
  const REVIEW_FILTERS = [
    ["wrong", "Wrong", (r) => !r.right],
    ["flagged", "Flagged", (r) => r.flagged],
    ["all", "All", () => true],
  ];

  function mount(root) {
    fetchJson("exports/questions.json")
      .then((bank) => run(root, bank))
      .catch((error) => { root.textContent = `The question bank could not be loaded: ${error.message}`; });
  }

  function run(root, bank) {
    const params = new URLSearchParams(location.search);
    const domainName = Object.fromEntries(bank.domains.map((d) => [d.id, d.name]));
    let exam = null;
    let timer = null;
    let lastTick = 0;

    // While an exam is in progress it is saved after every change; leaving the
    // page is still worth a warning, since the clock and focus are lost.
    const LEAVE = "Leave the exam? Your answers are saved: open the Practice exam page again to resume.";
    function onBeforeUnload(event) {
      if (!root.isConnected) return stopGuard();
      event.preventDefault();
      event.returnValue = LEAVE;
    }
    function onLinkClick(event) {
      if (!root.isConnected) return stopGuard();
      const link = event.target.closest && event.target.closest("a[href]");
      if (!link || root.contains(link) && link.hash && link.pathname === location.pathname) return;
      if (!window.confirm(LEAVE)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      } else {
        pause();
      }
    }
    function startGuard() {
      window.addEventListener("beforeunload", onBeforeUnload);
      document.addEventListener("click", onLinkClick, true);  // before Material's instant navigation
    }
    function stopGuard() {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onLinkClick, true);
      clearInterval(timer);
    }

    function save() {
      const { questions, ...saved } = exam;
      store.write(SESSION, saved);
    }

    function pause() {
      clearInterval(timer);
      if (exam) save();
    }

    function setup() {
      const saved = checkSession(store.loadRaw(SESSION), bank);
      if (!saved && store.loadRaw(SESSION) !== null) store.remove(SESSION);
      const size = SIZES.includes(Number(params.get("n"))) ? Number(params.get("n")) : 40;
      const fromAddress = CODE.test(params.get("seed") || "") ? params.get("seed") : null;
      const seed = fromAddress || Math.random().toString(36).slice(2, 8);
      const form = el("form", { class: "dp-exam-setup", onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(form);
        start(newExam(bank, Number(data.get("size")), String(data.get("seed")).trim() || seed, data.get("timer") === "on"));
      } },
      el("fieldset", {}, el("legend", { text: "Number of questions" }),
        SIZES.map((n) => el("label", { class: "dp-inline" },
          el("input", { type: "radio", name: "size", value: String(n), checked: n === size }), ` ${n}`))),
      el("p", {}, el("label", { for: "dp-exam-seed", text: "Exam code (share it to take the same exam) " }),
        el("input", { id: "dp-exam-seed", class: "dp-field", name: "seed", value: seed, pattern: "[A-Za-z0-9_\\-]{1,32}", required: true,
          autocomplete: "off", spellcheck: "false" })),
      el("p", {}, el("label", {}, el("input", { type: "checkbox", name: "timer" }),
        ` Countdown (${MINUTES_PER_QUESTION} minutes a question)`)),
      el("p", {}, el("button", { type: "submit", class: "md-button md-button--primary", text: saved ? "Start a new exam" : "Start the exam" })));
      const resume = saved ? el("div", { class: "dp-exam-resume", role: "region", "aria-labelledby": "dp-exam-resume-title" },
        el("h2", { id: "dp-exam-resume-title", tabindex: "-1", text: "You have an exam in progress" }),
        el("p", { text: `Exam code ${saved.seed}, ${saved.ids.length} questions: ` +
          `${saved.answers.filter((a, i) => kindOf(saved.questions[i]).answered(a)).length} answered, ` +
          `${saved.flagged.filter(Boolean).length} flagged, at question ${saved.index + 1}` +
          (saved.timeLeft === null ? ", untimed." : `, ${clock(saved.timeLeft)} left on the clock (paused while you were away).`) }),
        el("p", { class: "dp-exam__actions" },
          el("button", { type: "button", class: "md-button md-button--primary", text: "Resume the exam", onclick: () => start(saved) }),
          el("button", { type: "button", class: "md-button", text: "Discard it", onclick: () => {
            if (!window.confirm("Discard the exam in progress? Its answers are lost.")) return;
            store.remove(SESSION);
            setup();
            root.querySelector("#dp-exam-seed").focus();
          } }))) : null;
      root.replaceChildren(...(resume ? [resume] : []), el("p", { text: `The bank holds ${bank.questions.filter((q) => q.domain).length} questions. ` +
        "Questions are drawn from every chapter in proportion to the exam's domain weights, and both the questions " +
        "and their choices are shuffled from the exam code." }), form);
    }

    function start(session) {
      exam = session.questions ? session : { ...session, questions: session.ids.map((id) => bank.questions.find((q) => q.id === id)) };
      params.set("n", String(exam.size));
      params.set("seed", exam.seed);
      history.replaceState(history.state, "", `${location.pathname}?${params}`);
      save();
      startGuard();
      if (exam.timeLeft !== null) {
        lastTick = Date.now();
        timer = setInterval(tick, 1000);
      }
      show(true);
    }

    const status = () => root.querySelector(".dp-exam__status");

    function tick() {
      // Instant navigation (Back included) swaps the page without unloading it:
      // the clock pauses and the exam stays saved for a resume.
      if (!root.isConnected) {
        stopGuard();
        save();
        return;
      }
      const now = Date.now();
      const before = exam.timeLeft;
      exam.timeLeft = Math.max(0, exam.timeLeft - (now - lastTick));
      lastTick = now;
      const node = root.querySelector(".dp-exam__clock");
      if (node) node.textContent = `Time left: ${clock(exam.timeLeft)}`;
      const warning = WARN_AT.find((at) => before > at && exam.timeLeft <= at);
      if (warning && status()) status().textContent = `${warning / 60000} minute${warning === 60000 ? "" : "s"} left.`;
      if (exam.timeLeft === 0) finish(true);
      else if (Math.floor(before / 5000) !== Math.floor(exam.timeLeft / 5000)) save();
    }

    function answeredCount() {
      return exam.answers.filter((a, i) => kindOf(exam.questions[i]).answered(a)).length;
    }

    function paletteButtons() {
      return exam.questions.map((q, i) => {
        const answered = kindOf(q).answered(exam.answers[i]);
        return el("button", {
          type: "button", class: "dp-exam__jump" + (answered ? " dp-exam__jump--answered" : "") +
            (exam.flagged[i] ? " dp-exam__jump--flagged" : ""),
          "aria-current": i === exam.index ? "step" : false,
          "aria-label": `Question ${i + 1}${answered ? ", answered" : ", not answered"}${exam.flagged[i] ? ", flagged" : ""}`,
          text: String(i + 1) + (exam.flagged[i] ? " ⚑" : ""), onclick: () => go(i) });
      });
    }

    function refreshProgress() {
      root.querySelector(".dp-exam__palette").replaceChildren(...paletteButtons());
      root.querySelector(".dp-exam__count").textContent = `${answeredCount()} of ${exam.questions.length} answered`;
    }

    function go(index) {
      exam.index = index;
      save();
      show(true);
    }

    function show(focusHeading) {
      const q = exam.questions[exam.index];
      const i = exam.index;
      const n = exam.questions.length;
      const view = viewOf(q);
      const body = view.render(q, { name: "dp-exam-q", order: exam.orders[i], answer: exam.answers[i], onChange: (answer) => {
        exam.answers[i] = answer;
        save();
        refreshProgress();
      } });
      const flag = el("button", { type: "button", id: "dp-exam-flag", class: "md-button dp-exam__flag", "aria-pressed": String(exam.flagged[i]),
        text: "Flag for review", onclick: () => {
          exam.flagged[i] = !exam.flagged[i];
          flag.setAttribute("aria-pressed", String(exam.flagged[i]));  // focus stays on the button
          save();
          refreshProgress();
        } });
      const heading = el("h2", { tabindex: "-1", id: "dp-exam-question", text: `Question ${i + 1} of ${n}` });
      root.replaceChildren(
        el("div", { class: "dp-exam" },
          el("div", { class: "dp-exam__bar" },
            exam.timeLeft !== null ? el("p", { class: "dp-exam__clock", role: "timer", "aria-live": "off", text: `Time left: ${clock(exam.timeLeft)}` }) : null,
            el("p", { class: "dp-exam__count" }),
            el("p", { class: "dp-exam__status", role: "status", "aria-live": "polite" })),
          heading,
          el("p", { class: "dp-exam__domain", text: domainName[q.domain] || "" }),
          el("div", { role: "group", "aria-labelledby": "dp-exam-question dp-exam-prompt" },
            htmlBlock("div", q.prompt_html, "dp-question__prompt"),
            el("p", { class: "dp-question__hint", text: kindOf(q).hint(q) }),
            body),
          el("p", { class: "dp-exam__actions" },
            el("button", { type: "button", class: "md-button", text: "Previous", disabled: i === 0, onclick: () => go(i - 1) }),
            el("button", { type: "button", class: "md-button", text: "Next", disabled: i === n - 1, onclick: () => go(i + 1) }),
            flag,
            el("button", { type: "button", class: "md-button md-button--primary", text: "Finish exam", onclick: confirmFinish })),
          el("nav", { class: "dp-exam__palette", "aria-label": "Questions" })));
      root.querySelector(".dp-question__prompt").id = "dp-exam-prompt";
      refreshProgress();
      if (focusHeading) heading.focus();
    }

    function confirmFinish() {
      const open = exam.questions.length - answeredCount();
      const flagged = exam.flagged.filter(Boolean).length;
      if ((open || flagged) && !window.confirm(`${open} unanswered and ${flagged} flagged. Finish anyway?`)) return;
      finish(false);
    }

    function finish(timeUp) {
      stopGuard();
      store.remove(SESSION);
      const outcome = score(exam, bank.domains);
      outcome.results.forEach((r) => { if (!r.right) store.recordMiss(r.q.id); });
      results(exam, outcome, timeUp);
      exam = null;
    }

    function results(done, { results: all, right, byDomain }, timeUp) {
      const total = all.length;
      const retake = `${location.pathname}?n=${done.size}&seed=${encodeURIComponent(done.seed)}`;
      const heading = el("h2", { tabindex: "-1", text: `Score: ${right} of ${total} (${Math.round((100 * right) / total)}%)` });
      const flaggedNumbers = all.filter((r) => r.flagged).map((r) => r.number);
      const list = el("ol", { class: "dp-exam-review", "aria-labelledby": "dp-exam-review-title" });
      const filterStatus = el("p", { class: "dp-exam-review__status", role: "status", "aria-live": "polite" });
      const filters = el("p", { class: "dp-exam-review__filters", role: "group", "aria-label": "Questions to review" },
        REVIEW_FILTERS.map(([id, label, keepIt]) => el("button", {
          type: "button", class: "md-button", "data-dp-filter": id, "aria-pressed": "false",
          text: `${label} (${all.filter(keepIt).length})`, onclick: () => review(id) })));

      function review(filterId) {
        const [, label, keepIt] = REVIEW_FILTERS.find(([id]) => id === filterId);
        filters.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.dpFilter === filterId)));
        const shown = all.filter(keepIt);
        list.replaceChildren(...shown.map((r) => {
          const view = viewOf(r.q);
          const verdict = r.right ? "Right" : r.answered ? "Wrong" : "Not answered";
          return el("li", { class: `dp-exam-review__item dp-question dp-question--${r.right ? "right" : "wrong"}`, value: String(r.number),
            id: `dp-exam-result-${r.number}` },
          el("h4", { text: `Question ${r.number}: ${verdict}${r.flagged ? " · flagged" : ""}` }),
          el("p", { class: "dp-exam__domain", text: domainName[r.q.domain] || "" }),
          htmlBlock("div", r.q.prompt_html, "dp-question__prompt"),
          view.review(r.q, r.order, r.answer),
          view.explanation(r.q, r.order));
        }));
        filterStatus.textContent = shown.length
          ? `Showing ${shown.length} ${label.toLowerCase()} question${shown.length === 1 ? "" : "s"}.`
          : `No ${label.toLowerCase()} questions.`;
      }

      root.replaceChildren(el("div", { class: "dp-exam-result" },
        timeUp ? el("p", { class: "dp-exam-result__timeup", role: "alert",
          text: `Time is up: the exam was submitted with the ${all.filter((r) => r.answered).length} answers you had given.` }) : null,
        heading,
        el("table", { class: "dp-table" }, el("caption", { text: "Score by exam domain" }),
          el("thead", {}, el("tr", {}, ["Domain", "Right", "Questions", "Score"].map((t) => el("th", { scope: "col", text: t })))),
          el("tbody", {}, byDomain.map((d) => el("tr", {}, el("th", { scope: "row", text: d.domain.name }),
            el("td", { text: String(d.right) }), el("td", { text: String(d.total) }),
            el("td", { text: d.total ? `${Math.round((100 * d.right) / d.total)}%` : "–" }))))),
        el("p", { class: "dp-exam-result__flagged", text: flaggedNumbers.length
          ? `You flagged question${flaggedNumbers.length === 1 ? "" : "s"} ${flaggedNumbers.join(", ")}.` : "You flagged no questions." }),
        el("p", {}, el("a", { href: retake, text: "Retake this exam (same questions)" }), " · ",
          el("a", { href: location.pathname, text: "New exam" }), " · ",
          el("a", { href: siteUrl("study/review/"), text: "Review queue" }),
          total - right ? ` (your ${total - right} wrong or unanswered questions are in it)` : ""),
        el("h3", { id: "dp-exam-review-title", text: "Review your answers" }),
        filters, filterStatus, list));
      review(all.some((r) => !r.right) ? "wrong" : "all");
      heading.focus();
    }

    setup();
  }

  return Object.assign(api, { mount });
});
