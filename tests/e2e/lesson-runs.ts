/**
 * For the lessons 5–11 end-to-end tests: press a lesson's Run buttons by position, in the order the
 * lesson shows them (the nth shell block is the nth Run button). The terminal keeps what is typed
 * while a command runs, so blocks can be queued; waiting for a tick is what paces the test.
 */
import type { Page } from "@playwright/test";

export async function runBlocks(page: Page, from: number, to: number): Promise<void> {
  const buttons = page.locator(".lesson-text .run-command");
  for (let i = from; i < to; i++) await buttons.nth(i).click();
}

/** Stops a command that runs until interrupted (a watch), as a learner does with Ctrl+C. */
export async function interrupt(page: Page): Promise<void> {
  await page.locator(".xterm").click();
  await page.keyboard.press("Control+C");
}
