/**
 * <landing-progress>: on the landing page, shows each lesson's state from the progress saved in
 * this browser and turns "Start with lesson 1" into "Continue with lesson N" once work is saved.
 */
import { isLessonDone, isLessonStarted, loadProgress, nextLesson } from "./progress.ts";

export class LandingProgress extends HTMLElement {
  connectedCallback(): void {
    const lessons = JSON.parse(this.dataset.lessons ?? "[]") as { slug: string; title: string }[];
    const progress = loadProgress();
    let doneCount = 0;
    for (const item of this.querySelectorAll<HTMLElement>("li[data-lesson]")) {
      const record = progress[item.dataset.lesson!];
      const state = isLessonDone(record) ? "done" : isLessonStarted(record) ? "started" : "";
      if (state === "done") doneCount++;
      item.dataset.state = state;
      const text = item.querySelector("[data-state-text]");
      if (text) {
        text.textContent =
          state === "done"
            ? "✓ done"
            : state === "started"
              ? `in progress: ${record!.tasks.length} of ${record!.totals.tasks} tasks`
              : "not started";
      }
    }
    const link = this.querySelector<HTMLAnchorElement>("[data-continue]");
    const anyStarted = lessons.some((l) => isLessonStarted(progress[l.slug]));
    if (!link || !anyStarted) return;
    const next = nextLesson(lessons, progress);
    if (!next) {
      link.textContent = `All ${doneCount} lessons done — review lesson 1`;
      return;
    }
    const number = lessons.indexOf(next) + 1;
    link.textContent = `Continue with lesson ${number}: ${next.title}`;
    link.href = link.href.replace(/lessons\/[a-z0-9-]+\/$/, `lessons/${next.slug}/`);
  }
}

if (!customElements.get("landing-progress")) customElements.define("landing-progress", LandingProgress);
