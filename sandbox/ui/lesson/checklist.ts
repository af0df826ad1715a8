/**
 * <lesson-checklist>: ticks the lesson's tasks as the learner works. It hands the tasks' checks to
 * the sandbox, whose worker re-evaluates them after every command and cluster change and sends
 * the results back; a task once done stays ticked (progress.ts remembers it across visits), and
 * each new tick is announced politely to screen readers. "Start from here" restarts the sandbox
 * at a task: the solutions of the tasks before it are replayed in instant time (a checkpoint).
 */
import { neutraliseControls } from "../../engine/output.ts";
import type { TaskCheck, TaskResult } from "../../protocol.ts";
import { type ChecklistTask, checkpointReplay } from "./logic.ts";
import { loadProgress, updateLesson } from "./progress.ts";

/** What the checklist needs from the lesson's <k8s-sandbox>. */
export interface TaskHost extends HTMLElement {
  watchTasks(tasks: TaskCheck[], onResults: (results: TaskResult[]) => void): Promise<() => void>;
  run(text: string): void;
  startFrom(replay: string[], notice: string): Promise<void>;
}

export class LessonChecklist extends HTMLElement {
  #tasks: ChecklistTask[] = [];
  #slug = "";
  #quizCount = 0;
  #done = new Set<string>();
  #stop: (() => void) | undefined;

  async connectedCallback(): Promise<void> {
    if (this.#tasks.length > 0) return;
    const data = JSON.parse(this.querySelector("[data-tasks]")?.textContent ?? "{}") as {
      slug: string;
      quizCount: number;
      tasks: ChecklistTask[];
    };
    this.#tasks = data.tasks ?? [];
    this.#slug = data.slug;
    this.#quizCount = data.quizCount;
    this.#done = new Set(loadProgress()[this.#slug]?.tasks ?? []);
    for (const task of this.#tasks) this.#render(task.id, this.#done.has(task.id));
    this.#renderCount();

    await customElements.whenDefined("k8s-sandbox");
    const host = document.querySelector<TaskHost>("k8s-sandbox");
    if (!host) return;
    this.addEventListener("click", (event) => this.#onClick(event, host));
    this.#stop = await host.watchTasks(
      this.#tasks.map(({ id, check }) => ({ id, check })),
      (results) => this.#onResults(results),
    );
  }

  disconnectedCallback(): void {
    this.#stop?.();
  }

  #onClick(event: Event, host: TaskHost): void {
    const target = (event.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!target) return;
    const run = target.dataset.runSolution;
    if (run) {
      const solution = this.#tasks.find((t) => t.id === run)?.solution;
      if (solution) {
        host.run(solution.replace(/\n+$/, ""));
        host.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
      return;
    }
    const from = target.dataset.startFrom;
    if (from) void this.#startFrom(from, host);
  }

  async #startFrom(id: string, host: TaskHost): Promise<void> {
    const index = this.#tasks.findIndex((t) => t.id === id);
    const task = this.#tasks[index];
    if (!task) return;
    const ok = window.confirm(
      `Restart the sandbox at task ${index + 1}, "${task.title}"? The cluster and your files start over from that step.`,
    );
    if (!ok) return;
    this.#announce(`Restarting the sandbox at task ${index + 1}…`);
    const replayed =
      index === 0 ? "the lesson's starting cluster" : `the solutions of tasks 1–${index} replayed`;
    await host.startFrom(checkpointReplay(this.#tasks, index), `Started at task ${index + 1}: ${replayed}.`);
    this.#announce(`The sandbox is at task ${index + 1}: ${task.title}`);
  }

  #onResults(results: TaskResult[]): void {
    const newlyDone: ChecklistTask[] = [];
    for (const result of results) {
      const task = this.#tasks.find((t) => t.id === result.id);
      if (!task) continue;
      const item = this.#item(task.id);
      const detail = item?.querySelector<HTMLElement>("[data-detail]");
      // A detail may quote cluster data (a pod's image is any string): no bidi control may reorder it.
      if (detail)
        detail.textContent = this.#done.has(task.id) || result.done ? "" : neutraliseControls(result.detail);
      if (result.done && !this.#done.has(task.id)) {
        this.#done.add(task.id);
        newlyDone.push(task);
        this.#render(task.id, true);
      }
    }
    if (newlyDone.length === 0) return;
    updateLesson(this.#slug, { tasks: this.#tasks.length, quiz: this.#quizCount }, (lesson) => {
      lesson.tasks.push(...newlyDone.map((t) => t.id));
    });
    this.#renderCount();
    const all = this.#done.size === this.#tasks.length ? " All tasks done!" : "";
    this.#announce(`Task done: ${newlyDone.map((t) => t.title).join("; ")}.${all}`);
    this.dispatchEvent(new CustomEvent("lesson-progress", { bubbles: true }));
  }

  #item(id: string): HTMLElement | null {
    return this.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(id)}"]`);
  }

  #render(id: string, done: boolean): void {
    const item = this.#item(id);
    if (!item) return;
    item.dataset.done = String(done);
    const state = item.querySelector("[data-state]");
    if (state) state.textContent = done ? "Done: " : "Not done: ";
    if (done) item.querySelector<HTMLElement>("[data-detail]")?.replaceChildren();
  }

  #renderCount(): void {
    const count = this.querySelector("[data-count]");
    if (count) count.textContent = `${this.#done.size} of ${this.#tasks.length} done`;
  }

  #announce(text: string): void {
    const region = this.querySelector("[data-announce]");
    if (region) region.textContent = text;
  }
}

if (!customElements.get("lesson-checklist")) customElements.define("lesson-checklist", LessonChecklist);
