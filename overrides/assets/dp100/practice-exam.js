/* DP-100 guide: the practice exam (file named after its tool, as dp100.js loads it). Draws a weighted exam from a code, shuffles
   questions and choices from that code, saves the exam in progress (answers,
   flags, position, time left) so a reload, Back or a link can resume it, and
   ends with results that teach. Pure functions are exported for Node. */
// In Node (the unit tests) the module exports the tool; in a browser it registers it.
(typeof module === "object" ? require("./study-ui.js") : self.dp100StudyUi).defineTool("practice-exam", typeof module === "object" ? module : null,
  function (ui, store) {
  "use strict";

  const { seededRandom, shuffled, kindOf, pointsOf } = ui;
  const SIZES = [20, 40, 60];
  const MINUTES_PER_QUESTION = 2;
  const SESSION = "exam";       // storage name of the exam in progress
  const SESSION_VERSION = 2;    // 2: items of every kind, sections, locked screens
  const CODE = /^[A-Za-z0-9_-]{1,32}$/;
  const WARN_AT = [5 * 60000, 60000];  // time left announced to the reader
  // Case studies per exam size. Microsoft's exams may hold one or more case
  // studies, each a section of its own; one in a short or a standard exam,
  // two in the longest, and never more than a third of the exam's questions.
  const CASE_STUDIES = { 20: 1, 40: 1, 60: 2 };
  // Where Microsoft describes how items are scored (one point per correct
  // part of a multi-part item) and how sections and yes/no series work.
  const SCORING_URL = "https://learn.microsoft.com/en-us/credentials/certifications/exam-scoring-reports";
  const EXAM_EXPERIENCE_URL = "https://learn.microsoft.com/en-us/credentials/support/exam-duration-exam-experience";

  /** Questions (exam screens) an item takes: a yes/no series one per solution. */
  const screensOf = (q) => (q.kind === "series" ? q.solutions.length : 1);

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

  /** The questions for (bank, size, seed): the same three always give the
      same exam. Case studies first, whole, each a section; then the other
      items, drawn per domain by weight, a series counting a question per
      solution, as the exam counts them. */
  function drawExam(bank, size, seed) {
    const random = seededRandom(seed);
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    const known = new Set(bank.domains.map((d) => d.id));
    const cases = (bank.cases || []).map((c) => c.questions.map((id) => byId.get(id)))
      .filter((qs) => qs.length > 0 && qs.every((q) => q && known.has(q.domain)));
    const chosen = [];
    for (const qs of shuffled(cases, random)) {
      if (chosen.length < (CASE_STUDIES[size] || 0) && chosen.flat().length + qs.length <= size / 3) chosen.push(qs);
    }
    const byDomain = {};
    for (const q of bank.questions) {
      if (q.domain && !q.case) (byDomain[q.domain] = byDomain[q.domain] || []).push(q);
    }
    // The whole exam is shared out by weight, case studies' questions
    // included; each domain's other questions fill what its case questions
    // leave (a domain they overfill gives way, largest share first).
    const inCases = {};
    for (const q of chosen.flat()) inCases[q.domain] = (inCases[q.domain] || 0) + 1;
    const available = Object.fromEntries(bank.domains.map((d) => [d.id,
      (byDomain[d.id] || []).reduce((n, q) => n + screensOf(q), 0) + (inCases[d.id] || 0)]));
    const counts = allocate(size, bank.domains, available);
    const room = Object.fromEntries(bank.domains.map((d) => [d.id, counts[d.id] - (inCases[d.id] || 0)]));
    let over = -Object.values(room).reduce((n, r) => n + Math.min(r, 0), 0);
    while (over > 0) {
      const widest = bank.domains.map((d) => d.id).sort((a, b) => room[b] - room[a] || a.localeCompare(b))[0];
      if (room[widest] <= 0) break;
      room[widest] -= 1;
      over -= 1;
    }
    const picked = [];
    for (const domain of bank.domains) {
      let left = room[domain.id];
      for (const q of shuffled(byDomain[domain.id] || [], random)) {
        if (screensOf(q) <= left) {
          picked.push(q);
          left -= screensOf(q);
        }
      }
    }
    return [...chosen.flat(), ...shuffled(picked, random)];
  }

  /** The exam's screens (an item each; a series one per solution, in its
      shown order) and its sections: each case study, and the other items. */
  function layout(questions, orders) {
    const screens = [];
    const sections = [];
    questions.forEach((q, i) => {
      const parts = q.kind === "series" ? orders[i] : [null];
      for (const part of parts) {
        const last = sections[sections.length - 1];
        const caseId = q.case || null;
        if (!last || last.case !== caseId) sections.push({ case: caseId, from: screens.length, to: screens.length });
        else last.to = screens.length;
        screens.push({ q: i, part, section: sections.length - 1 });
      }
    });
    return { screens, sections };
  }

  /** A new exam: questions, and each question's display order, from the code. */
  function newExam(bank, size, seed, timed) {
    const questions = drawExam(bank, size, seed);
    const orders = questions.map((q) => kindOf(q).order(q, seed));
    return {
      version: SESSION_VERSION, seed, size, ids: questions.map((q) => q.id), orders,
      answers: questions.map((q) => kindOf(q).empty(q)), flagged: questions.map(() => false),
      index: 0, section: 0, locked: [],
      timeLeft: timed ? layout(questions, orders).screens.length * MINUTES_PER_QUESTION * 60000 : null,
    };
  }

  const seriesAnswered = (exam, screen) => exam.questions[screen.q].kind === "series" &&
    typeof exam.answers[screen.q][screen.part] === "boolean";

  /** Whether a screen has an answer: a series screen its own solution's. */
  function screenAnswered(exam, screen) {
    const q = exam.questions[screen.q];
    return screen.part === null ? kindOf(q).answered(exam.answers[screen.q]) : seriesAnswered(exam, screen);
  }

  /** The exam after moving to screen `target`, or null when the rules
      forbid it: a series screen answered and left is locked (as on the real
      exam, it cannot be revisited), and a section once left is closed. */
  function move(exam, target) {
    const { screens } = layout(exam.questions, exam.orders);
    if (!Number.isInteger(target) || target < 0 || target >= screens.length) return null;
    if (target === exam.index) return exam;
    const here = screens[exam.index];
    const locked = seriesAnswered(exam, here) && !exam.locked.includes(exam.index) ? [...exam.locked, exam.index] : exam.locked;
    if (screens[target].section < exam.section || locked.includes(target)) return null;
    return { ...exam, index: target, section: screens[target].section, locked };
  }

  /** The screen Previous or Next goes to (step -1 or 1), skipping locked
      ones, within the section; null when there is none. */
  function neighbour(exam, step) {
    const { screens } = layout(exam.questions, exam.orders);
    for (let i = exam.index + step; i >= 0 && i < screens.length; i += step) {
      if (screens[i].section !== exam.section) return null;
      if (!exam.locked.includes(i)) return i;
    }
    return null;
  }

  /** A saved exam, checked against the bank: null when it no longer fits
      (edited by hand, an older version, or the bank changed since). */
  function checkSession(saved, bank) {
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    const n = saved && Array.isArray(saved.ids) ? saved.ids.length : 0;
    const list = (value) => Array.isArray(value) && value.length === n;
    if (!saved || saved.version !== SESSION_VERSION || !CODE.test(saved.seed) || !SIZES.includes(saved.size) || n === 0 ||
        !saved.ids.every((id) => byId.has(id)) || new Set(saved.ids).size !== n ||
        !list(saved.orders) || !list(saved.answers) || !list(saved.flagged) || !Array.isArray(saved.locked) ||
        !(saved.timeLeft === null || (Number.isFinite(saved.timeLeft) && saved.timeLeft >= 0))) return null;
    const questions = saved.ids.map((id) => byId.get(id));
    const fits = questions.every((q, i) => kindOf(q).orderFits(q, saved.orders[i]) &&
      kindOf(q).fits(q, saved.answers[i]) && typeof saved.flagged[i] === "boolean");
    if (!fits) return null;
    const { screens } = layout(questions, saved.orders);
    const screen = Number.isInteger(saved.index) ? screens[saved.index] : null;
    const lockable = (i) => Number.isInteger(i) && screens[i] && questions[screens[i].q].kind === "series" && i !== saved.index;
    if (!screen || saved.section !== screen.section || !saved.locked.every(lockable) || new Set(saved.locked).size !== saved.locked.length) return null;
    return { ...saved, questions };
  }

  /** The score as Microsoft scores items: a point per right part (a blank,
      a pair, a step in its place, a series solution), a choice question one
      point for exactly the right choices; and per domain, and each
      question's outcome. */
  function score(exam, domains) {
    const results = exam.questions.map((q, i) => {
      const { earned, possible } = pointsOf(q, exam.answers[i]);
      return { q, number: i + 1, order: exam.orders[i], answer: exam.answers[i], flagged: exam.flagged[i],
        answered: kindOf(q).answered(exam.answers[i]), earned, possible, right: earned === possible };
    });
    const sum = (rs, key) => rs.reduce((total, r) => total + r[key], 0);
    const byDomain = domains.map((d) => {
      const mine = results.filter((r) => r.q.domain === d.id);
      return { domain: d, right: mine.filter((r) => r.right).length, total: mine.length,
        questions: mine.reduce((n, r) => n + screensOf(r.q), 0), earned: sum(mine, "earned"), possible: sum(mine, "possible") };
    });
    return { results, right: results.filter((r) => r.right).length, earned: sum(results, "earned"), possible: sum(results, "possible"), byDomain };
  }

  const clock = (ms) => `${Math.floor(ms / 60000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}`;

  const api = { SIZES, MINUTES_PER_QUESTION, CASE_STUDIES, SCORING_URL, allocate, drawExam, layout, newExam, move, neighbour,
    screenAnswered, checkSession, score, clock };
  if (typeof document === "undefined") return api;

  // ---------------------------------------------------------------- browser UI

  const { el, htmlBlock, viewOf, siteUrl, fetchJson } = ui;
  const REVIEW_FILTERS = [
    ["wrong", "Wrong or partly right", (r) => !r.right],
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
    const caseById = new Map((bank.cases || []).map((c) => [c.id, c]));
    let scenarioOpen = true;  // the reader may fold the scenario panel; it stays so from question to question
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
      let resume = null;
      if (saved) {
        const { screens } = layout(saved.questions, saved.orders);
        resume = el("div", { class: "dp-exam-resume", role: "region", "aria-labelledby": "dp-exam-resume-title" },
          el("h2", { id: "dp-exam-resume-title", tabindex: "-1", text: "You have an exam in progress" }),
          el("p", { text: `Exam code ${saved.seed}, ${screens.length} questions: ` +
            `${screens.filter((screen) => screenAnswered(saved, screen)).length} answered, ` +
            `${saved.flagged.filter(Boolean).length} flagged, at question ${saved.index + 1}` +
            (saved.timeLeft === null ? ", untimed." : `, ${clock(saved.timeLeft)} left on the clock (paused while you were away).`) }),
          el("p", { class: "dp-exam__actions" },
            el("button", { type: "button", class: "md-button md-button--primary", text: "Resume the exam", onclick: () => start(saved) }),
            el("button", { type: "button", class: "md-button", text: "Discard it", onclick: () => {
              if (!window.confirm("Discard the exam in progress? Its answers are lost.")) return;
              store.remove(SESSION);
              setup();
              root.querySelector("#dp-exam-seed").focus();
            } })));
      }
      const standalone = bank.questions.filter((q) => q.domain && !q.case).length;
      root.replaceChildren(...(resume ? [resume] : []),
        el("p", { text: `The bank holds ${standalone} questions and ${(bank.cases || []).length} case studies. ` +
          "Questions are drawn from every chapter in proportion to the exam's domain weights, and the questions, " +
          "their choices, options and steps are shuffled from the exam code." }),
        el("p", { class: "dp-exam-setup__rules", text: "As on the real exam: a case study is a section of its own, with its scenario " +
          "beside each of its questions; once you leave a section you cannot return to it. A yes/no series shows the same " +
          "scenario with a different proposed solution on each screen; once you answer one and move on, you cannot go back to it. " +
          "Multi-part questions earn a point for each right part." }),
        form);
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

    const screens = () => layout(exam.questions, exam.orders);

    function answeredCount() {
      return screens().screens.filter((screen) => screenAnswered(exam, screen)).length;
    }

    function sectionName(section, sections) {
      const caseStudy = section.case && caseById.get(section.case);
      if (caseStudy) {
        const number = sections.filter((s) => s.case && s.from <= section.from).length;
        return `Case study ${number} of ${sections.filter((s) => s.case).length}: ${caseStudy.title}`;
      }
      return sections.length > 1 ? "Questions" : "";
    }

    function paletteButtons() {
      const { screens: all, sections } = screens();
      return sections.map((section) => {
        const name = sectionName(section, sections);
        const buttons = all.slice(section.from, section.to + 1).map((screen, k) => {
          const i = section.from + k;
          const answered = screenAnswered(exam, screen);
          const flagged = exam.flagged[screen.q];
          const locked = exam.locked.includes(i);
          const closed = screen.section < exam.section ? ", in a section you have left" : screen.section > exam.section ? ", in a later section" : "";
          return el("button", {
            type: "button", class: "dp-exam__jump" + (answered ? " dp-exam__jump--answered" : "") + (flagged ? " dp-exam__jump--flagged" : "") +
              (locked || closed ? " dp-exam__jump--locked" : ""),
            "aria-current": i === exam.index ? "step" : false, disabled: Boolean(locked || closed),
            "aria-label": `Question ${i + 1}${answered ? ", answered" : ", not answered"}${flagged ? ", flagged" : ""}` +
              `${locked ? ", cannot be revisited" : ""}${closed}`,
            text: String(i + 1) + (flagged ? " ⚑" : "") + (locked ? " ✓" : ""), onclick: () => go(i) });
        });
        return name ? el("div", { class: "dp-exam__section", role: "group", "aria-label": name },
          el("span", { class: "dp-exam__section-name", "aria-hidden": "true", text: name }), buttons) : buttons;
      }).flat();
    }

    function refreshProgress() {
      root.querySelector(".dp-exam__palette").replaceChildren(...paletteButtons());
      root.querySelector(".dp-exam__count").textContent = `${answeredCount()} of ${screens().screens.length} answered`;
    }

    /** To another screen, if the rules allow it; into a later section only
        once the reader agrees that the one they leave is closed. */
    function go(index) {
      const { screens: all } = screens();
      if (all[index] && all[index].section > exam.section && !window.confirm(
        "Leave this section? You cannot return to its questions. Flagged and unanswered questions in it stay as they are.")) return;
      const next = move(exam, index);
      if (!next) return;
      Object.assign(exam, next);
      save();
      show(true);
    }

    function scenarioPanel(caseStudy) {
      const panel = el("details", { class: "dp-case__scenario", open: scenarioOpen,
        ontoggle: () => { scenarioOpen = panel.open; } },
      el("summary", { text: `Scenario: ${caseStudy.title}` }),
      caseStudy.scenario.map((section) => el("section", { class: "dp-case__section" },
        el("h3", { text: section.title }), htmlBlock("div", section.text_html, "dp-case__text"))));
      return el("aside", { class: "dp-case__panel", "aria-label": `Case study scenario: ${caseStudy.title}` }, panel);
    }

    function show(focusHeading) {
      const { screens: all, sections } = screens();
      const i = exam.index;
      const screen = all[i];
      const q = exam.questions[screen.q];
      const n = all.length;
      const section = sections[screen.section];
      const caseStudy = q.case ? caseById.get(q.case) : null;
      const view = viewOf(q);
      const body = view.render(q, { name: "dp-exam-q", order: exam.orders[screen.q], answer: exam.answers[screen.q],
        parts: screen.part === null ? undefined : [screen.part], onChange: (answer) => {
          exam.answers[screen.q] = answer;
          save();
          refreshProgress();
        } });
      const flag = el("button", { type: "button", id: "dp-exam-flag", class: "md-button dp-exam__flag", "aria-pressed": String(exam.flagged[screen.q]),
        text: "Flag for review", onclick: () => {
          exam.flagged[screen.q] = !exam.flagged[screen.q];
          flag.setAttribute("aria-pressed", String(exam.flagged[screen.q]));  // focus stays on the button
          save();
          refreshProgress();
        } });
      const previous = neighbour(exam, -1);
      const next = neighbour(exam, 1);
      const nextSection = section.to === i || next === null ? (sections[screen.section + 1] || null) : null;
      const heading = el("h2", { tabindex: "-1", id: "dp-exam-question", text: `Question ${i + 1} of ${n}` });
      const name = sectionName(section, sections);
      const notices = [];
      if (screen.part !== null) {
        notices.push(el("p", { class: "dp-exam__notice", text: "This question is one of a series that presents the same scenario, " +
          "each with a different proposed solution; some solutions may meet the goal and others may not. Once you answer it " +
          "and move on, you cannot return to it." }));
      }
      if (caseStudy) {
        notices.push(el("p", { class: "dp-exam__notice", text: `This case study is a section of ${section.to - section.from + 1} questions: ` +
          "move between them freely; once you leave the section you cannot return to it." }));
      }
      const question = el("div", { class: "dp-exam__question" },
        el("div", { role: "group", "aria-labelledby": "dp-exam-question dp-exam-prompt" },
          htmlBlock("div", q.prompt_html, "dp-question__prompt"),
          el("p", { class: "dp-question__hint", text: screen.part === null ? kindOf(q).hint(q) : "Answer Yes or No." }),
          body));
      root.replaceChildren(
        el("div", { class: "dp-exam" },
          el("div", { class: "dp-exam__bar" },
            exam.timeLeft !== null ? el("p", { class: "dp-exam__clock", role: "timer", "aria-live": "off", text: `Time left: ${clock(exam.timeLeft)}` }) : null,
            el("p", { class: "dp-exam__count" }),
            el("p", { class: "dp-exam__status", role: "status", "aria-live": "polite" })),
          heading,
          el("p", { class: "dp-exam__domain", text: [name, domainName[q.domain] || ""].filter(Boolean).join(" · ") }),
          notices,
          caseStudy ? el("div", { class: "dp-case" }, scenarioPanel(caseStudy), question) : question,
          el("p", { class: "dp-exam__actions" },
            el("button", { type: "button", class: "md-button", text: "Previous", disabled: previous === null, onclick: () => go(previous) }),
            nextSection
              ? el("button", { type: "button", class: "md-button", text: "Next section", onclick: () => go(nextSection.from) })
              : el("button", { type: "button", class: "md-button", text: "Next", disabled: next === null, onclick: () => go(next) }),
            flag,
            el("button", { type: "button", class: "md-button md-button--primary", text: "Finish exam", onclick: confirmFinish })),
          el("nav", { class: "dp-exam__palette", "aria-label": "Questions" })));
      root.querySelector(".dp-question__prompt").id = "dp-exam-prompt";
      refreshProgress();
      if (focusHeading) heading.focus();
    }

    function confirmFinish() {
      const open = screens().screens.length - answeredCount();
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

    const percent = (earned, possible) => (possible ? `${Math.round((100 * earned) / possible)}%` : "–");

    function results(done, { results: all, right, earned, possible, byDomain }, timeUp) {
      const total = all.length;
      const { screens: shown } = layout(done.questions, done.orders);
      // Each item's question numbers as the exam showed them: a series spans several.
      const numbers = all.map((r, i) => shown.flatMap((screen, k) => (screen.q === i ? [k + 1] : [])));
      const numberOf = (r) => {
        const list = numbers[r.number - 1];
        return list.length > 1 ? `Questions ${list[0]}–${list[list.length - 1]}` : `Question ${list[0]}`;
      };
      const retake = `${location.pathname}?n=${done.size}&seed=${encodeURIComponent(done.seed)}`;
      const heading = el("h2", { tabindex: "-1", text: `Score: ${earned} of ${possible} points (${percent(earned, possible)})` });
      const flaggedNumbers = all.filter((r) => r.flagged).map((r) => numbers[r.number - 1][0]);
      const list = el("ol", { class: "dp-exam-review", "aria-labelledby": "dp-exam-review-title" });
      const filterStatus = el("p", { class: "dp-exam-review__status", role: "status", "aria-live": "polite" });
      const filters = el("p", { class: "dp-exam-review__filters", role: "group", "aria-label": "Questions to review" },
        REVIEW_FILTERS.map(([id, label, keepIt]) => el("button", {
          type: "button", class: "md-button", "data-dp-filter": id, "aria-pressed": "false",
          text: `${label} (${all.filter(keepIt).length})`, onclick: () => review(id) })));

      function verdictOf(r) {
        if (r.right) return "Right";
        if (!r.answered) return "Not answered";
        return r.earned ? `Partly right, ${r.earned} of ${r.possible} points` : "Wrong";
      }

      function review(filterId) {
        const [, label, keepIt] = REVIEW_FILTERS.find(([id]) => id === filterId);
        filters.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.dpFilter === filterId)));
        const picked = all.filter(keepIt);
        list.replaceChildren(...picked.map((r) => {
          const view = viewOf(r.q);
          const caseStudy = r.q.case ? caseById.get(r.q.case) : null;
          return el("li", { class: `dp-exam-review__item dp-question dp-question--${r.right ? "right" : "wrong"}`, value: String(numbers[r.number - 1][0]),
            id: `dp-exam-result-${r.number}`, "data-dp-kind": r.q.kind || "choice" },
          el("h4", { text: `${numberOf(r)}: ${verdictOf(r)}${r.flagged ? " · flagged" : ""}` }),
          el("p", { class: "dp-exam__domain", text: [caseStudy ? `Case study: ${caseStudy.title}` : "", domainName[r.q.domain] || ""].filter(Boolean).join(" · ") }),
          caseStudy ? el("details", { class: "dp-case__scenario" }, el("summary", { text: `Scenario: ${caseStudy.title}` }),
            caseStudy.scenario.map((section) => el("div", {}, el("p", {}, el("strong", { text: section.title })), htmlBlock("div", section.text_html)))) : null,
          htmlBlock("div", r.q.prompt_html, "dp-question__prompt"),
          view.review(r.q, r.order, r.answer),
          view.explanation(r.q, r.order));
        }));
        filterStatus.textContent = picked.length
          ? `Showing ${picked.length} ${label.toLowerCase()} question${picked.length === 1 ? "" : "s"}.`
          : `No ${label.toLowerCase()} questions.`;
      }

      root.replaceChildren(el("div", { class: "dp-exam-result" },
        timeUp ? el("p", { class: "dp-exam-result__timeup", role: "alert",
          text: `Time is up: the exam was submitted with the ${all.filter((r) => r.answered).length} answers you had given.` }) : null,
        heading,
        el("p", { class: "dp-exam-result__right", text: `${right} of ${total} questions right in every part.` }),
        el("p", { class: "dp-exam-result__scoring" },
          "Scored as Microsoft describes its exams: a choice question earns its point only with exactly the right choices; " +
          "a multi-part question earns a point for each right part (each gap of a code sample, each pair matched, each step " +
          "in its place in a build list, each solution of a yes/no series); no points are taken off for wrong answers. See ",
          el("a", { href: SCORING_URL, text: "Exam scoring and score reports" }), " and ",
          el("a", { href: EXAM_EXPERIENCE_URL, text: "Exam duration and exam experience" }),
          " on Microsoft Learn. The real exam reports a scaled score, 700 to pass, which is not a percentage."),
        el("table", { class: "dp-table" }, el("caption", { text: "Score by exam domain" }),
          el("thead", {}, el("tr", {}, ["Domain", "Questions", "Points", "Possible", "Score"].map((t) => el("th", { scope: "col", text: t })))),
          el("tbody", {}, byDomain.map((d) => el("tr", {}, el("th", { scope: "row", text: d.domain.name }),
            el("td", { text: String(d.questions) }), el("td", { text: String(d.earned) }), el("td", { text: String(d.possible) }),
            el("td", { text: percent(d.earned, d.possible) }))))),
        el("p", { class: "dp-exam-result__flagged", text: flaggedNumbers.length
          ? `You flagged question${flaggedNumbers.length === 1 ? "" : "s"} ${flaggedNumbers.join(", ")}.` : "You flagged no questions." }),
        el("p", {}, el("a", { href: retake, text: "Retake this exam (same questions)" }), " · ",
          el("a", { href: location.pathname, text: "New exam" }), " · ",
          el("a", { href: siteUrl("study/review/"), text: "Review queue" }),
          total - right ? ` (your ${total - right} questions not right in every part are in it)` : ""),
        el("h3", { id: "dp-exam-review-title", text: "Review your answers" }),
        filters, filterStatus, list));
      review(all.some((r) => !r.right) ? "wrong" : "all");
      heading.focus();
    }

    setup();
  }

  return Object.assign(api, { mount });
});
