/* DP-100 guide: quiz checking with scores kept in localStorage (through
   store.js; kinds other than choice in quiz-kinds.js), glossary terms that show their tooltip on keyboard focus, page
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
  const numbers = (text) => (text ? text.split(",").map(Number) : []);

  /** Item kinds: each reads the reader's answer from the page (null when
      nothing is given yet), marks each of its parts right or wrong, shows a
      checked answer and clears it. Choice questions are here; the other
      kinds are in quiz-kinds.js, loaded only on a page whose quiz has them. */
  const kinds = window.dp100QuizKinds = window.dp100QuizKinds || {};
  const inputsOf = (q) => [...q.querySelectorAll("input")];
  kinds.choice = {
    read: (q) => {
      const chosen = inputsOf(q).flatMap((input, index) => (input.checked ? [index] : []));
      return chosen.length ? chosen : "Select an answer first.";
    },
    marks: (q, answer) => [sameSet(answer, numbers(q.dataset.dpCorrect))],
    show: (q, answer, marks) => {
      const correct = numbers(q.dataset.dpCorrect);
      inputsOf(q).forEach((input, index) => {
        input.checked = answer.includes(index);
        const choice = input.closest(".dp-choice");
        choice.classList.toggle("dp-choice--right", correct.includes(index));
        choice.classList.toggle("dp-choice--wrong", input.checked && !correct.includes(index));
      });
      return marks[0] ? "Correct. The explanation is below."
        : `Not quite: the answer is ${correct.map((i) => LETTERS[i]).join(" and ")}. The explanation is below.`;
    },
    clear: (q) => inputsOf(q).forEach((input) => {
      input.checked = false;
      input.closest(".dp-choice").classList.remove("dp-choice--right", "dp-choice--wrong");
    }),
  };
  // Stored answers: a choice question's as `choices`, as before other kinds; theirs as `answer`.
  const answerOf = (record) => record.choices || record.answer;

  function setupQuiz(quiz) {
    if (quiz.dataset.dpReady) return;
    quiz.dataset.dpReady = "true";
    if (quiz.dataset.dpKinds) {
      loadScript("quiz-kinds").then(() => startQuiz(quiz)).catch((error) => {
        quiz.querySelector(".dp-quiz__score").hidden = false;
        quiz.querySelector(".dp-quiz__score").textContent = `Checking is not available (${error.message}); the answer key under each question still works.`;
      });
    } else startQuiz(quiz);
  }

  function startQuiz(quiz) {
    const quizId = quiz.dataset.dpQuiz;
    const questions = [...quiz.querySelectorAll(".dp-question")];
    const scores = [...quiz.querySelectorAll(".dp-quiz__score, .dp-quiz__total")];  // above question 1 and beside "Reset quiz"
    const reset = quiz.querySelector(".dp-reset");
    const kindOf = (q) => kinds[q.dataset.dpKind];
    const idOf = (q) => q.dataset.dpQuestion;
    // Every part is worth a point, as on the exam (CONTRIBUTING.md, "Scoring").
    const shapes = Object.fromEntries(questions.map((q) => [idOf(q), { kind: q.dataset.dpKind, sizes: numbers(q.dataset.dpSizes) }]));
    const possible = Object.values(shapes).reduce((sum, shape) => sum + store.partsOf(shape), 0);
    let state = store.loadQuiz(quizId, shapes, possible);
    questions.forEach((q) => kindOf(q).setup && kindOf(q).setup(q));

    const marksOf = (q) => kindOf(q).marks(q, answerOf(state.answers[idOf(q)]));

    // The first checked answer is the one that counts: once checked, a
    // question is locked until the quiz is reset, so opening the answer key
    // and changing the choice cannot raise the score.
    function showScore() {
      const answered = questions.filter((q) => state.answers[idOf(q)]);
      const points = answered.reduce((sum, q) => sum + marksOf(q).filter(Boolean).length, 0);
      if (!state.best || points > state.best.correct) state.best = { correct: points, total: possible };
      const text = `Score: ${points} of ${possible} points (${answered.length} of ${questions.length} questions answered).`;
      for (const line of scores) {
        line.hidden = answered.length === 0;
        line.textContent = text;
      }
      reset.hidden = answered.length === 0;
    }

    function lock(q, locked) {
      q.querySelectorAll("input, select, .dp-build__button").forEach((input) => { input.disabled = locked; });
      // aria-disabled, not disabled: the button keeps keyboard focus.
      const button = q.querySelector(".dp-check");
      if (locked) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
    }

    function showResult(q) {
      const marks = marksOf(q);
      q.querySelector(".dp-question__feedback").textContent = kindOf(q).show(q, answerOf(state.answers[idOf(q)]), marks);
      q.classList.toggle("dp-question--right", marks.every(Boolean));
      q.classList.toggle("dp-question--wrong", !marks.every(Boolean));
      q.querySelector("details.dp-answer").open = true;
      lock(q, true);
    }

    function check(q) {
      if (state.answers[idOf(q)]) return;  // already scored: the first answer counts
      const answer = kindOf(q).read(q);
      if (typeof answer === "string") {  // what is missing, in words
        q.querySelector(".dp-question__feedback").textContent = answer;
        return;
      }
      state.answers[idOf(q)] = q.dataset.dpKind === "choice" ? { choices: answer, at: Date.now() } : { answer, at: Date.now() };
      showResult(q);
      showScore();
      store.saveQuiz(quizId, state);
      const marks = marksOf(q);
      const correct = marks.every(Boolean);
      if (!correct) store.recordMiss(idOf(q));
      document.dispatchEvent(new CustomEvent("dp100:answer", {
        detail: { quiz: quizId, question: idOf(q), correct, parts: marks, points: marks.filter(Boolean).length },
      }));
    }

    for (const q of questions) {
      const button = q.querySelector(".dp-check");
      button.hidden = false;
      button.addEventListener("click", () => check(q));
      if (state.answers[idOf(q)]) showResult(q);
    }

    reset.addEventListener("click", () => {
      const count = Object.keys(state.answers).length;
      if (!window.confirm(`Reset this quiz? Your ${count} checked ${count === 1 ? "answer is" : "answers are"} cleared; your best score is kept.`)) return;
      state = { answers: Object.create(null), best: state.best };  // the best score is history, kept
      store.saveQuiz(quizId, state);
      for (const q of questions) {
        kindOf(q).clear(q);
        q.classList.remove("dp-question--right", "dp-question--wrong");
        q.querySelector(".dp-question__feedback").textContent = "";
        q.querySelector("details.dp-answer").open = false;
        lock(q, false);
      }
      showScore();
      scores[0].hidden = false;
      scores[0].textContent = "Quiz reset: no answers kept.";
      const first = quiz.querySelector(".dp-question :is(input, select, button:not([hidden]))");
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
