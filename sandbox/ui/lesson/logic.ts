/** The lesson UI's decisions, free of the DOM so that they are unit-tested under Node. */
import type { TaskCheck } from "../../protocol.ts";

export interface ChecklistTask extends TaskCheck {
  title: string;
  solution?: string;
}

/** The solutions to replay for "Start from here" at task `index`: those of every task before it. */
export function checkpointReplay(tasks: readonly ChecklistTask[], index: number): string[] {
  return tasks.slice(0, index).flatMap((task) => (task.solution ? [task.solution] : []));
}

/** Whether exactly the right choices are picked: all of the correct ones and none of the others. */
export function isRightAnswer(picked: readonly number[], correct: readonly number[]): boolean {
  const want = new Set(correct);
  return picked.length === want.size && picked.every((i) => want.has(i));
}

/** `/stateful-lab/lessons/statefulsets/` → `statefulsets`. */
export function lessonSlugOf(href: string): string | undefined {
  return /\/lessons\/([a-z0-9-]+)\/?$/.exec(new URL(href, "http://x").pathname)?.[1];
}
