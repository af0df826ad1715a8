import type { Page } from "@playwright/test";

/**
 * Pastes `text` into the terminal as the browser delivers a paste (one ClipboardEvent on xterm's
 * textarea, which xterm turns into one bracketed chunk). For a test whose subject is not typing,
 * a manifest pasted in takes a moment where typed key by key it takes seconds on a busy machine;
 * typing a heredoc and pasting several lines are tested in sandbox.spec.ts.
 */
export async function pasteIntoTerminal(page: Page, text: string): Promise<void> {
  await page.locator(".xterm").click();
  await page.evaluate((pasted) => {
    const textarea = document.querySelector<HTMLTextAreaElement>(".xterm-helper-textarea")!;
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    textarea.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
  }, text);
}
