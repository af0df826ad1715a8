/**
 * Marks lessons in the sidebar as done (a tick, and "done" for screen readers) or started, from
 * the progress saved in this browser. Runs on every page with a sidebar, and again whenever a
 * task ticks or a question is answered on this page.
 */
import { lessonSlugOf } from "./logic.ts";
import { isLessonDone, isLessonStarted, loadProgress } from "./progress.ts";

export function markSidebar(root: ParentNode = document): void {
  const progress = loadProgress();
  for (const link of root.querySelectorAll<HTMLAnchorElement>("nav a[href*='/lessons/']")) {
    const slug = lessonSlugOf(link.getAttribute("href") ?? "");
    if (!slug) continue;
    const state = isLessonDone(progress[slug]) ? "done" : isLessonStarted(progress[slug]) ? "started" : "";
    let mark = link.querySelector<HTMLElement>(".lesson-mark");
    if (!state) {
      mark?.remove();
      continue;
    }
    if (!mark) {
      mark = document.createElement("span");
      mark.className = "lesson-mark";
      link.append(mark);
    }
    mark.dataset.state = state;
    // The symbol is decoration; the words are what a screen reader says.
    mark.innerHTML = `<span aria-hidden="true">${state === "done" ? "✓" : "•"}</span><span class="sr-only"> (${state === "done" ? "done" : "in progress"})</span>`;
  }
}

markSidebar();
document.addEventListener("lesson-progress", () => markSidebar());
