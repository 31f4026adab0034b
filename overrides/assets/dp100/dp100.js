/* DP-100 guide: quiz checking with scores kept in localStorage (through
   store.js), glossary terms that show their tooltip on keyboard focus, page
   visits, and the loader of the study tools. Material's
   instant navigation swaps pages without reloading, so setup runs on each
   emission of its document$ observable (or once on a plain load). */
(() => {
  "use strict";

  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const store = window.dp100Store;  // store.js, loaded just before this file

  // The site root, resolved once: later pages arrive by instant navigation.
  const config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  const siteRoot = new URL((config.base || ".").replace(/\/?$/, "/"), location.href);

  window.dp100 = { siteUrl: (path) => new URL(path, siteRoot).href };

  const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

  function setupQuiz(quiz) {
    if (quiz.dataset.dpReady) return;
    quiz.dataset.dpReady = "true";
    const quizId = quiz.dataset.dpQuiz;
    const questions = [...quiz.querySelectorAll(".dp-question")];
    const scores = [...quiz.querySelectorAll(".dp-quiz__score, .dp-quiz__total")];  // above question 1 and beside "Reset quiz"
    const reset = quiz.querySelector(".dp-reset");
    let state = store.loadQuiz(quizId, Object.fromEntries(questions.map((q) => [q.dataset.dpQuestion, q.querySelectorAll("input").length])));

    const correctOf = (q) => q.dataset.dpCorrect.split(",").map(Number);
    const inputsOf = (q) => [...q.querySelectorAll("input")];
    const isRight = (q) => {
      const answer = state.answers[q.dataset.dpQuestion];
      return Boolean(answer) && sameSet(answer.choices, correctOf(q));
    };

    // The first checked answer is the one that counts: once checked, a
    // question is locked until the quiz is reset, so opening the answer key
    // and changing the choice cannot raise the score.
    function showScore() {
      const answered = questions.filter((q) => state.answers[q.dataset.dpQuestion]);
      const right = answered.filter(isRight).length;
      if (!state.best || right > state.best.correct) state.best = { correct: right, total: questions.length };
      const text = `Score: ${right} of ${questions.length} correct (${answered.length} answered).`;
      for (const line of scores) {
        line.hidden = answered.length === 0;
        line.textContent = text;
      }
      reset.hidden = answered.length === 0;
    }

    function lock(q, locked) {
      inputsOf(q).forEach((input) => { input.disabled = locked; });
      // aria-disabled, not disabled: the button keeps keyboard focus.
      const button = q.querySelector(".dp-check");
      if (locked) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
    }

    function showResult(q) {
      const answer = state.answers[q.dataset.dpQuestion];
      const correct = correctOf(q);
      inputsOf(q).forEach((input, index) => {
        input.checked = answer.choices.includes(index);
        const choice = input.closest(".dp-choice");
        choice.classList.toggle("dp-choice--right", correct.includes(index));
        choice.classList.toggle("dp-choice--wrong", input.checked && !correct.includes(index));
      });
      const letters = correct.map((i) => LETTERS[i]).join(" and ");
      q.querySelector(".dp-question__feedback").textContent = isRight(q)
        ? "Correct. The explanation is below."
        : `Not quite: the answer is ${letters}. The explanation is below.`;
      q.classList.toggle("dp-question--right", isRight(q));
      q.classList.toggle("dp-question--wrong", !isRight(q));
      q.querySelector("details").open = true;
      lock(q, true);
    }

    function check(q) {
      if (state.answers[q.dataset.dpQuestion]) return;  // already scored: the first answer counts
      const chosen = inputsOf(q).flatMap((input, index) => (input.checked ? [index] : []));
      if (!chosen.length) {
        q.querySelector(".dp-question__feedback").textContent = "Select an answer first.";
        return;
      }
      state.answers[q.dataset.dpQuestion] = { choices: chosen, at: Date.now() };
      showResult(q);
      showScore();
      store.saveQuiz(quizId, state);
      if (!isRight(q)) store.recordMiss(q.dataset.dpQuestion);
      document.dispatchEvent(new CustomEvent("dp100:answer", {
        detail: { quiz: quizId, question: q.dataset.dpQuestion, correct: isRight(q) },
      }));
    }

    for (const q of questions) {
      const button = q.querySelector(".dp-check");
      button.hidden = false;
      button.addEventListener("click", () => check(q));
      if (state.answers[q.dataset.dpQuestion]) showResult(q);
    }

    reset.addEventListener("click", () => {
      const count = Object.keys(state.answers).length;
      if (!window.confirm(`Reset this quiz? Your ${count} checked ${count === 1 ? "answer is" : "answers are"} cleared; your best score is kept.`)) return;
      state = { answers: Object.create(null), best: state.best };  // the best score is history, kept
      store.saveQuiz(quizId, state);
      for (const q of questions) {
        inputsOf(q).forEach((input) => {
          input.checked = false;
          input.closest(".dp-choice").classList.remove("dp-choice--right", "dp-choice--wrong");
        });
        q.classList.remove("dp-question--right", "dp-question--wrong");
        q.querySelector(".dp-question__feedback").textContent = "";
        q.querySelector("details").open = false;
        lock(q, false);
      }
      showScore();
      scores[0].hidden = false;
      scores[0].textContent = "Quiz reset: no answers kept.";
      const first = quiz.querySelector("input");
      if (first) first.focus();
    });
    showScore();
  }

  /** A study tool's page holds [data-dp-app="<tool>"]: the shared study
      code and that tool's own module load there, and nowhere else. */
  const loading = new Map();
  function loadScript(name) {
    if (!loading.has(name)) {
      loading.set(name, new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = window.dp100.siteUrl(`assets/dp100/${name}.js`);
        script.onload = resolve;
        script.onerror = () => reject(new Error(`${name}.js could not be loaded`));
        document.head.append(script);
      }));
    }
    return loading.get(name);
  }

  function mountStudyTools() {
    document.querySelectorAll("[data-dp-app]").forEach((node) => {
      if (node.dataset.dpMounted) return;
      node.dataset.dpMounted = "true";
      const tool = node.dataset.dpApp;
      loadScript("study-ui").then(() => loadScript(tool))
        .then(() => window.dp100Apps[tool](node))
        .catch((error) => { node.textContent = `This study tool could not be loaded: ${error.message}`; });
    });
  }

  function recordVisit() {
    const page = location.href.startsWith(siteRoot.href) ? location.href.slice(siteRoot.href.length).split(/[?#]/)[0] : "";
    store.recordVisit(page);
  }

  function setup() {
    recordVisit();
    mountStudyTools();
    // Material's search overlay is a dialog without a name (axe: aria-dialog-name).
    const search = document.querySelector(".md-search[role=dialog]");
    if (search) search.setAttribute("aria-label", "Search");
    // Each code block's copy button sits in a <nav>: many unnamed landmarks
    // (axe: landmark-unique). They are toolbars, not navigation.
    document.querySelectorAll("nav.md-code__nav").forEach((nav) => nav.setAttribute("role", "none"));
    document.querySelectorAll(".dp-quiz").forEach(setupQuiz);
    // Glossary tooltips: abbreviations become focusable so keyboard users see them too.
    document.querySelectorAll(".md-content abbr[title], .md-content abbr[data-md-tooltip]")
      .forEach((abbr) => { abbr.tabIndex = 0; });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
