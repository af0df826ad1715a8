/**
 * Helpers for the per-lesson end-to-end tests: open a lesson, press its Run buttons or type into
 * its terminal as a learner would, watch its checklist, and answer its quiz with the answers its
 * own frontmatter marks right.
 */
import { readdirSync, readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { parse } from "yaml";
import { lessonSchema } from "../../src/lesson-schema.ts";

const LESSONS = new URL("../../content/lessons/", import.meta.url);

export function lessonData(slug: string) {
  const file = readdirSync(LESSONS).find((f) => f.replace(/^\d+-/, "") === `${slug}.mdx`);
  if (!file) throw new Error(`no lesson ${slug}`);
  return lessonSchema.parse(parse(readFileSync(new URL(file, LESSONS), "utf8").split(/^---$/m)[1] ?? ""));
}

/** Opens a lesson with its sandbox ready; simulated time runs at 10× so pods start quickly. */
export async function openLesson(page: Page, slug: string): Promise<void> {
  await page.goto(`lessons/${slug}/`);
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.locator("select[data-speed]").selectOption("10");
}

/** The code block whose text starts with `start` (its first command). */
export function codeBlock(page: Page, start: string): Locator {
  return page
    .locator(".lesson-text figure.frame")
    .filter({ has: page.locator("pre", { hasText: start }) })
    .first();
}

/** Presses the Run button of the code block starting with `start`. */
export async function runBlock(page: Page, start: string): Promise<void> {
  await codeBlock(page, start).locator(".run-command").click();
}

/** Types a command into the terminal and presses Enter. */
export async function typeCommand(page: Page, text: string): Promise<void> {
  await page.locator(".xterm").click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

export function task(page: Page, id: string): Locator {
  return page.locator(`lesson-checklist [data-task-id="${id}"]`);
}

export async function expectTicked(page: Page, id: string, timeout = 60_000): Promise<void> {
  await expect(task(page, id)).toHaveAttribute("data-done", "true", { timeout });
}

/** Answers every quiz question: first one wrong answer (refused), then the right ones (accepted). */
export async function answerQuiz(page: Page, slug: string): Promise<void> {
  const { quiz } = lessonData(slug);
  for (const question of quiz) {
    const form = page.locator(`form[data-question-id="${question.id}"]`);
    const wrong = question.choices.findIndex((c) => !c.correct);
    const multiple = question.choices.filter((c) => c.correct).length > 1;
    if (wrong >= 0) {
      await form.locator(`#quiz-${question.id}-${wrong}`).check();
      await form.getByRole("button", { name: "Check answer" }).click();
      await expect(form.getByRole("status")).toHaveText(/^Not quite/);
      if (multiple) await form.locator(`#quiz-${question.id}-${wrong}`).uncheck();
    }
    for (const [i, choice] of question.choices.entries()) {
      if (choice.correct) await form.locator(`#quiz-${question.id}-${i}`).check();
    }
    await form.getByRole("button", { name: "Check answer" }).click();
    await expect(form.getByRole("status")).toHaveText(/^Right!/);
  }
}

/** Every task ticked, the count says so, and the last tick was announced. */
export async function expectAllTicked(page: Page, slug: string): Promise<void> {
  const { tasks } = lessonData(slug);
  for (const t of tasks) await expectTicked(page, t.id);
  await expect(page.locator("lesson-checklist [data-count]")).toHaveText(
    `${tasks.length} of ${tasks.length} done`,
  );
}
