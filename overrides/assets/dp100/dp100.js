/* DP-100 guide: quiz checking with scores kept in localStorage, glossary terms
   that show their tooltip on keyboard focus, and the progress records the study
   tools read (visits, best scores, review queue). No dependencies. Material's
   instant navigation swaps pages without reloading, so setup runs on each
   emission of its document$ observable (or once on a plain load). */
(() => {
  "use strict";

  const STORE_PREFIX = "dp100:quiz:";
  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  // The site root, resolved once: later pages arrive by instant navigation.
  const config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  const siteRoot = new URL((config.base || ".").replace(/\/?$/, "/"), location.href);

  /** Shared storage for the study tools: every key starts with "dp100:". */
  const dp100 = window.dp100 = {
    siteUrl: (path) => new URL(path, siteRoot).href,
    load(name) {
      try {
        const value = JSON.parse(localStorage.getItem(`dp100:${name}`));
        return value && typeof value === "object" ? value : null;
      } catch (error) {
        return null;
      }
    },
    save(name, value) {
      try {
        localStorage.setItem(`dp100:${name}`, JSON.stringify(value));
      } catch (error) {
        /* storage full or disabled: nothing is kept */
      }
    },
    loadReview() {
      const queue = dp100.load("review");
      // No prototype: a question id such as "constructor" is a plain key.
      const items = Object.create(null);
      for (const [id, entry] of Object.entries((queue && queue.items) || {})) {
        if (entry && Number.isInteger(entry.box) && entry.box >= 1 && Number.isFinite(entry.due)) items[id] = entry;
      }
      return { version: 1, items };
    },
    saveReview(queue) {
      dp100.save("review", queue);
    },
    /** Any wrong answer sends the question to box 1 of the review queue. */
    recordAnswer(quizId, questionId, correct) {
      if (correct) return;
      const queue = dp100.loadReview();
      queue.items[questionId] = { box: 1, due: Date.now() };
      dp100.saveReview(queue);
    },
  };

  // Stored data may come from an older version or be edited by hand:
  // anything that does not look right is ignored, never fatal.
  function loadState(quizId, questionCount) {
    let state;
    try {
      state = JSON.parse(localStorage.getItem(STORE_PREFIX + quizId));
    } catch (error) {
      return { answers: Object.create(null) };
    }
    if (!state || typeof state !== "object" || typeof state.answers !== "object" || !state.answers) {
      return { answers: Object.create(null) };
    }
    const answers = Object.create(null);
    for (const [id, answer] of Object.entries(state.answers)) {
      if (answer && Array.isArray(answer.choices) && answer.choices.length &&
          answer.choices.every((c) => Number.isInteger(c) && c >= 0 && c < 26)) {
        answers[id] = { choices: answer.choices, at: Number(answer.at) || 0 };
      }
    }
    const best = state.best && Number.isInteger(state.best.correct) && state.best.correct >= 0 &&
      state.best.correct <= questionCount && state.best.total === questionCount ? state.best : null;
    return { answers, best };
  }

  function saveState(quizId, state) {
    dp100.save(STORE_PREFIX.slice("dp100:".length) + quizId, { version: 1, answers: state.answers, best: state.best });
  }

  const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

  function setupQuiz(quiz) {
    if (quiz.dataset.dpReady) return;
    quiz.dataset.dpReady = "true";
    const quizId = quiz.dataset.dpQuiz;
    const questions = [...quiz.querySelectorAll(".dp-question")];
    const scores = [...quiz.querySelectorAll(".dp-quiz__score, .dp-quiz__total")];  // above question 1 and beside "Reset quiz"
    const reset = quiz.querySelector(".dp-reset");
    let state = loadState(quizId, questions.length);

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
      saveState(quizId, state);
      dp100.recordAnswer(quizId, q.dataset.dpQuestion, isRight(q));
      document.dispatchEvent(new CustomEvent("dp100:answer", {
        detail: { quiz: quizId, question: q.dataset.dpQuestion, correct: isRight(q) },
      }));
    }

    for (const q of questions) {
      const button = q.querySelector(".dp-check");
      button.hidden = false;
      button.addEventListener("click", () => check(q));
      const answer = state.answers[q.dataset.dpQuestion];
      if (answer && answer.choices.every((c) => c < inputsOf(q).length)) {
        showResult(q);
      } else {
        delete state.answers[q.dataset.dpQuestion];
      }
    }

    reset.addEventListener("click", () => {
      const count = Object.keys(state.answers).length;
      if (!window.confirm(`Reset this quiz? Your ${count} checked ${count === 1 ? "answer is" : "answers are"} cleared; your best score is kept.`)) return;
      state = { answers: Object.create(null), best: state.best };  // the best score is history, kept
      saveState(quizId, state);
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

  /** Study-tool pages hold [data-dp-app]; their script loads only there. */
  function mountStudyTools() {
    if (!document.querySelector("[data-dp-app]")) return;
    if (window.dp100Study) {
      window.dp100Study.mountAll();
      return;
    }
    const script = document.createElement("script");
    script.src = dp100.siteUrl("assets/dp100/study.js");
    script.onload = () => window.dp100Study.mountAll();
    document.head.append(script);
  }

  function recordVisit() {
    const page = location.href.startsWith(siteRoot.href) ? location.href.slice(siteRoot.href.length).split(/[?#]/)[0] : "";
    const visits = dp100.load("visits") || {};
    visits[page] = Date.now();
    dp100.save("visits", visits);
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

  // Printing shows every answer: the quiz becomes an answer key.
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details.dp-answer").forEach((details) => { details.open = true; });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
