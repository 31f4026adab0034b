/* DP-100 guide: checking the item kinds beyond choice questions in a
   chapter's quiz (code with gaps, matching, yes/no series, build lists).
   dp100.js loads this file only on a page whose quiz has one of them, and
   drives each kind through the same four steps as a choice question: read the
   answer, mark each part right or wrong, show the result, clear it. Every part
   is marked in words beside its control and listed under the question. */
(() => {
  "use strict";

  const kinds = window.dp100QuizKinds = window.dp100QuizKinds || {};
  const numbers = (text) => (text ? text.split(",").map(Number) : []);
  const correctOf = (q) => numbers(q.dataset.dpCorrect);
  const selectsOf = (q) => [...q.querySelectorAll("select.dp-select")];
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const textOf = (node) => node.textContent.replace(/\s+/g, " ").trim();
  const optionText = (select, value) => {
    const option = [...select.options].find((o) => o.value === String(value));
    return option ? option.textContent : "";
  };

  /** "Correct", "Partly right" or "Not quite", counting the right parts. */
  function summary(marks, noun) {
    const right = marks.filter(Boolean).length;
    if (right === marks.length) return `Correct: all ${marks.length} ${noun} right. The explanations are below.`;
    const lead = right ? `Partly right: ${right} of ${marks.length} ${noun} right` : `Not quite: none of the ${marks.length} ${noun} right`;
    return `${lead}. Each one is marked; the explanations are below.`;
  }

  /** The result of each part in words: beside its control, and as a list
      under the question (`rows`: label, ok, what the reader gave, the answer). */
  function markParts(q, anchors, rows) {
    const clip = (text) => text.replace(/[.!?]$/, "");  // the sentence gets its own full stop
    unmark(q);
    rows.forEach((row, i) => {
      const mark = el("span", `dp-part-mark dp-part-mark--${row.ok ? "right" : "wrong"}`, row.ok ? "✓ right" : "✗ wrong");
      if (anchors[i]) anchors[i].after(mark);
    });
    const list = el("ul", "dp-parts");
    for (const row of rows) {
      const item = el("li", `dp-part dp-part--${row.ok ? "right" : "wrong"}`);
      item.append(el("strong", "", `${row.label}: ${row.ok ? "right" : "wrong"}.`),
        ` Your answer: ${clip(row.mine) || "none"}.${row.ok ? "" : ` The answer: ${clip(row.right)}.`}`);
      list.append(item);
    }
    q.querySelector(".dp-question__actions").before(list);
  }

  function unmark(q) {
    q.querySelectorAll(".dp-part-mark, .dp-parts").forEach((node) => node.remove());
  }

  /** Code with gaps and matching: a drop-down per part. */
  const dropDowns = (noun, label) => ({
    read: (q) => {
      const values = selectsOf(q).map((select) => (select.value === "" ? null : Number(select.value)));
      const open = values.filter((value) => value === null).length;
      return open ? `Choose an option for every ${noun.slice(0, -1)} first: ${open} of ${values.length} still open.` : values;
    },
    marks: (q, answer) => correctOf(q).map((right, i) => answer[i] === right),
    show: (q, answer, marks) => {
      const selects = selectsOf(q);
      const right = correctOf(q);
      selects.forEach((select, i) => { select.value = answer[i] === null ? "" : String(answer[i]); });
      markParts(q, selects.map((select) => select), selects.map((select, i) => ({
        label: label(q, i), ok: marks[i], mine: answer[i] === null ? "" : optionText(select, answer[i]), right: optionText(select, right[i]),
      })));
      return summary(marks, noun);
    },
    clear: (q) => {
      selectsOf(q).forEach((select) => { select.value = ""; });
      unmark(q);
    },
  });

  kinds.code = dropDowns("gaps", (q, i) => `Gap ${i + 1}`);
  kinds.match = dropDowns("items", (q, i) => textOf(q.querySelectorAll(".dp-pair__item")[i]));

  /** Yes/no series: Yes or No for each proposed solution. */
  const solutionsOf = (q) => [...q.querySelectorAll(".dp-solution")];
  const yesNo = (value) => (value === true ? "Yes" : value === false ? "No" : "");
  kinds.series = {
    read: (q) => {
      const values = solutionsOf(q).map((solution) => {
        const checked = solution.querySelector("input:checked");
        return checked ? checked.value === "yes" : null;
      });
      const open = values.filter((value) => value === null).length;
      return open ? `Answer Yes or No for every proposed solution first: ${open} of ${values.length} still open.` : values;
    },
    marks: (q, answer) => correctOf(q).map((right, i) => answer[i] === (right === 1)),
    show: (q, answer, marks) => {
      const solutions = solutionsOf(q);
      solutions.forEach((solution, i) => solution.querySelectorAll("input").forEach((input) => {
        input.checked = answer[i] !== null && input.value === (answer[i] ? "yes" : "no");
      }));
      const right = correctOf(q);
      markParts(q, solutions.map((solution) => solution.querySelector(".dp-solution__ask")), solutions.map((solution, i) => ({
        label: `Solution ${i + 1}`, ok: marks[i], mine: yesNo(answer[i]), right: yesNo(right[i] === 1),
      })));
      return summary(marks, "solutions");
    },
    clear: (q) => {
      solutionsOf(q).forEach((solution) => solution.querySelectorAll("input").forEach((input) => { input.checked = false; }));
      unmark(q);
    },
  };

  /** Build list: the steps, each with an Add button, and an answer area
      where each placed step can move up, move down or be removed; every
      change is announced in a live region. Without this script the page
      offers a drop-down per position instead. */
  kinds.order = {
    setup: (q) => {
      const length = correctOf(q).length;
      const pool = q.querySelector(".dp-steps");
      const steps = [...pool.querySelectorAll(".dp-step")];
      const texts = new Map(steps.map((step) => [Number(step.dataset.dpStep), textOf(step)]));  // "B. Create the cluster"
      const textOfStep = (index) => texts.get(index);
      const sequenceLabel = q.querySelector(".dp-positions").getAttribute("aria-labelledby");
      q.querySelector(".dp-positions").hidden = true;
      const sequence = el("ol", "dp-build");
      sequence.setAttribute("aria-labelledby", sequenceLabel);
      const empty = el("p", "dp-build__empty", `No steps yet: add ${length} from the list of steps.`);
      const status = el("p", "dp-build__status");
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      q.querySelector(".dp-positions").after(sequence, empty, status);
      const button = (label, step, onClick) => {
        const node = el("button", "md-button dp-build__button", label);
        node.type = "button";
        node.setAttribute("aria-label", `${label}: ${textOfStep(step)}`);
        node.dataset.dpAction = `${label}-${step}`;
        node.addEventListener("click", onClick);
        return node;
      };
      const focus = (action) => {
        const target = action && q.querySelector(`[data-dp-action="${action}"]`);
        (target && !target.disabled ? target : q.querySelector(".dp-check")).focus();
      };
      let placed = [];

      function draw() {
        const locked = q.querySelector(".dp-check").getAttribute("aria-disabled") === "true";
        for (const step of steps) {
          step.hidden = placed.includes(Number(step.dataset.dpStep));
          step.querySelector(".dp-build__button").disabled = locked || placed.length >= length;
        }
        sequence.replaceChildren(...placed.map((index, at) => {
          const item = el("li", "dp-build__step");
          const buttons = el("span", "dp-build__buttons");
          const up = button("Move up", index, () => move(at, -1));
          const down = button("Move down", index, () => move(at, 1));
          up.disabled = locked || at === 0;
          down.disabled = locked || at === placed.length - 1;
          const remove = button("Remove", index, () => {
            change(placed.filter((x) => x !== index), `Removed "${textOfStep(index)}" from your sequence.`);
            const next = placed[Math.min(at, placed.length - 1)];
            focus(next === undefined ? `Add-${index}` : `Remove-${next}`);
          });
          remove.disabled = locked;
          buttons.append(up, down, remove);
          // The step as listed, code and all: its letter and text.
          const shown = el("span", "dp-build__text");
          const source = steps.find((step) => Number(step.dataset.dpStep) === index);
          shown.append(...[...source.querySelectorAll(".dp-choice__letter, .dp-step__text")].flatMap((node) => [node.cloneNode(true), " "]));
          item.append(shown, buttons);
          return item;
        }));
        sequence.hidden = placed.length === 0;
        empty.hidden = placed.length > 0;
      }

      function change(next, message) {
        placed = next;
        draw();
        status.textContent = message;
      }

      function move(at, by) {
        const next = placed.slice();
        [next[at], next[at + by]] = [next[at + by], next[at]];
        const index = placed[at];
        change(next, `Moved "${textOfStep(index)}" to step ${at + by + 1} of ${next.length}.`);
        const edge = by < 0 ? at + by === 0 : at + by === next.length - 1;
        focus(`${(by < 0) !== edge ? "Move up" : "Move down"}-${index}`);
      }

      for (const step of steps) {
        const index = Number(step.dataset.dpStep);
        step.append(" ", button("Add", index, () => {
          const at = steps.filter((s) => !s.hidden).indexOf(step);
          change([...placed, index], `Added "${textOfStep(index)}" as step ${placed.length + 1} of ${length}.` +
            (placed.length + 1 === length ? " Your sequence is full: check it, or remove a step to change it." : ""));
          const rest = steps.filter((s) => !s.hidden);
          focus(placed.length === length || !rest.length ? null : `Add-${rest[Math.min(at, rest.length - 1)].dataset.dpStep}`);
        }));
      }
      q.dpBuild = {
        read: () => placed.slice(),
        set: (next) => { placed = next.slice(); draw(); status.textContent = ""; },
        mark: (marks) => markParts(q, [...sequence.querySelectorAll(".dp-build__text")], placed.slice(0, length).map((index, i) => ({
          label: `Step ${i + 1}`, ok: marks[i], mine: textOfStep(index), right: textOfStep(i),
        })).concat(marks.slice(placed.length).map((ok, i) => ({ label: `Step ${placed.length + i + 1}`, ok, mine: "", right: textOfStep(placed.length + i) })))),
      };
      draw();
    },
    read: (q) => {
      const placed = q.dpBuild.read();
      const length = correctOf(q).length;
      return placed.length < length ? `Add ${length} steps to your sequence first: ${placed.length} added.` : placed;
    },
    marks: (q, answer) => correctOf(q).map((step, i) => answer[i] === step),
    show: (q, answer, marks) => {
      q.dpBuild.set(answer);
      q.dpBuild.mark(marks);
      return summary(marks, "steps");
    },
    clear: (q) => {
      q.dpBuild.set([]);
      unmark(q);
    },
  };
})();
