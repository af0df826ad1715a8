/**
 * Export / Import: a whole sandbox (cluster, files, terminal history and scrollback) as a `.json`
 * file the learner can keep, mail or hand to a room. Import checks the file exactly as a share
 * link is checked; nothing in it is run.
 */
import { type SavedSession, SavedStateError, validateSession } from "./session-record.ts";

/** Far above a lesson's sandbox (a few hundred KB), far below what would stall the page. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** `stateful-lab-lessons-statefulsets-2026-11-21-1403.json` */
export function exportFileName(page: string, when: Date): string {
  const stamp = when.toISOString().slice(0, 16).replace("T", "-").replace(":", "");
  const slug = page.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "sandbox";
  return `stateful-lab-${slug}-${stamp}.json`;
}

export function exportText(session: SavedSession): string {
  return `${JSON.stringify(session)}\n`;
}

/** The session in an imported file's text; throws SavedStateError, and only that. */
export function parseExportText(text: string): SavedSession {
  if (text.length > MAX_IMPORT_BYTES) {
    throw new SavedStateError(`the file is too large (more than ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SavedStateError("the file is not valid JSON (it may be incomplete)");
  }
  return validateSession(value);
}

/** Reads a chosen file, refusing oversized ones before reading them. */
export async function readImportFile(file: Blob): Promise<SavedSession> {
  if (file.size > MAX_IMPORT_BYTES) {
    throw new SavedStateError(`the file is too large (more than ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`);
  }
  return parseExportText(await file.text());
}

/** Offers the session as a download (an object URL on a temporary link; nothing leaves the page). */
export function downloadSession(session: SavedSession, fileName: string): void {
  const url = URL.createObjectURL(new Blob([exportText(session)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
