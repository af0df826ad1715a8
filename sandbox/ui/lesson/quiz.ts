/**
 * <lesson-quiz>: checks each question's answer when its form is submitted, reveals the
 * explanation of every choice, announces the verdict in the form's status region, and remembers
 * questions answered right (progress.ts), so they show as answered on the next visit.
 */
import { isRightAnswer } from "./logic.ts";
import { loadProgress, updateLesson } from "./progress.ts";

export class LessonQuiz extends HTMLElement {
  connectedCallback(): void {
    const slug = this.dataset.lesson ?? "";
    const totals = { tasks: Number(this.dataset.tasks ?? 0), quiz: Number(this.dataset.questions ?? 0) };
    const answered = new Set(loadProgress()[slug]?.quiz ?? []);
    for (const form of this.querySelectorAll<HTMLFormElement>("form[data-question-id]")) {
      const id = form.dataset.questionId!;
      const correct = (form.dataset.answer ?? "").split(",").filter(Boolean).map(Number);
      if (answered.has(id)) {
        for (const i of correct) {
          const input = form.querySelector<HTMLInputElement>(`[data-choice="${i}"] input`);
          if (input) input.checked = true;
        }
        this.#reveal(form, correct, undefined, "You answered this one right before.");
      }
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const picked = [...form.querySelectorAll<HTMLInputElement>("input:checked")].map((i) =>
          Number(i.value),
        );
        if (picked.length === 0) {
          this.#feedback(form, "Pick an answer first.");
          return;
        }
        const right = isRightAnswer(picked, correct);
        // A wrong answer explains only the choices picked, so that trying again still means thinking.
        this.#reveal(
          form,
          correct,
          right ? undefined : picked,
          right
            ? "Right! Each choice is explained below it."
            : "Not quite: read why below your choice, then try again.",
        );
        if (right) {
          updateLesson(slug, totals, (lesson) => lesson.quiz.push(id));
          this.dispatchEvent(new CustomEvent("lesson-progress", { bubbles: true }));
        }
      });
    }
  }

  /** Shows the explanations of `only` the given choices (all when undefined: answered right). */
  #reveal(
    form: HTMLFormElement,
    correct: readonly number[],
    only: readonly number[] | undefined,
    message: string,
  ): void {
    form.dataset.result = only === undefined ? "right" : "wrong";
    for (const choice of form.querySelectorAll<HTMLElement>("[data-choice]")) {
      const index = Number(choice.dataset.choice);
      const shown = only === undefined || only.includes(index);
      if (shown) choice.dataset.correct = String(correct.includes(index));
      else delete choice.dataset.correct;
      const why = choice.querySelector<HTMLElement>(".quiz-why");
      if (why) why.hidden = !shown;
    }
    this.#feedback(form, message);
  }

  #feedback(form: HTMLFormElement, message: string): void {
    const region = form.querySelector<HTMLElement>("[data-feedback]");
    if (region) region.textContent = message;
  }
}

if (!customElements.get("lesson-quiz")) customElements.define("lesson-quiz", LessonQuiz);
