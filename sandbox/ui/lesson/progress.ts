/**
 * The learner's progress, kept in this browser only (localStorage): which tasks ticked and which
 * quiz questions were answered right, per lesson. A lesson is done when every task and question
 * is. Storage can be missing or full (private windows, quotas): progress then lives for the page
 * and nothing breaks.
 */

export const PROGRESS_KEY = "stateful-lab:progress:v1";

export interface LessonProgress {
  tasks: string[];
  quiz: string[];
  /** How many tasks and questions the lesson had when last seen, so other pages can tell "done". */
  totals: { tasks: number; quiz: number };
}

export type Progress = Record<string, LessonProgress>;

/** Reads progress from storage text, dropping anything malformed instead of failing. */
export function parseProgress(text: string | null): Progress {
  if (!text) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
  const progress: Progress = {};
  for (const [slug, value] of Object.entries(raw)) {
    const v = value as Partial<LessonProgress> | null;
    if (typeof v !== "object" || v === null) continue;
    const strings = (list: unknown) =>
      Array.isArray(list) ? [...new Set(list.filter((x): x is string => typeof x === "string"))] : [];
    const count = (n: unknown) => (Number.isInteger(n) && (n as number) >= 0 ? (n as number) : 0);
    progress[slug] = {
      tasks: strings(v.tasks),
      quiz: strings(v.quiz),
      totals: { tasks: count(v.totals?.tasks), quiz: count(v.totals?.quiz) },
    };
  }
  return progress;
}

export function isLessonDone(lesson: LessonProgress | undefined): boolean {
  if (!lesson) return false;
  const { tasks, quiz } = lesson.totals;
  return tasks + quiz > 0 && lesson.tasks.length >= tasks && lesson.quiz.length >= quiz;
}

export function isLessonStarted(lesson: LessonProgress | undefined): boolean {
  return lesson !== undefined && lesson.tasks.length + lesson.quiz.length > 0;
}

/** The first lesson (in course order) not done yet: where "Continue" leads. */
export function nextLesson<T extends { slug: string }>(
  lessons: readonly T[],
  progress: Progress,
): T | undefined {
  return lessons.find((lesson) => !isLessonDone(progress[lesson.slug]));
}

let memory: Progress | undefined;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** This page's progress: what it saved last, else what storage holds. */
export function loadProgress(): Progress {
  if (memory) return structuredClone(memory);
  try {
    return parseProgress(storage()?.getItem(PROGRESS_KEY) ?? null);
  } catch {
    return {};
  }
}

/** Applies `change` to one lesson's record and saves; returns the lesson's new record. */
export function updateLesson(
  slug: string,
  totals: LessonProgress["totals"],
  change: (lesson: LessonProgress) => void,
) {
  const progress = loadProgress();
  const lesson = progress[slug] ?? { tasks: [], quiz: [], totals };
  lesson.totals = totals;
  change(lesson);
  lesson.tasks = [...new Set(lesson.tasks)];
  lesson.quiz = [...new Set(lesson.quiz)];
  progress[slug] = lesson;
  memory = structuredClone(progress);
  try {
    storage()?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Storage full or forbidden: progress lasts for this page only.
  }
  return lesson;
}
