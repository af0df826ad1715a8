/**
 * The sandbox bar's "Share" and "Reset" buttons and their dialogs (server-rendered <dialog>
 * elements in Sandbox.astro: modal, keyboard-operable, Escape closes them). Only DOM wiring here;
 * what the actions do is passed in.
 */
import { neutraliseControls } from "../../engine/output.ts";
import { downloadSession, exportFileName, readImportFile } from "./export-file.ts";
import { type SavedSession, SavedStateError } from "./session-record.ts";
import { encodeShareLink, shareUrl } from "./share-link.ts";

export interface StateActions {
  /** The page key, for the export file's name. */
  page: string;
  /** The sandbox as it stands now. */
  capture(): Promise<SavedSession>;
  /** Back to the page's starting scenario, forgetting the saved state. */
  reset(): Promise<void>;
  /** Replaces the sandbox with an imported one; rejects with a message for the learner. */
  load(session: SavedSession): Promise<void>;
}

export interface StateControls {
  /** Asks whether a shared sandbox may replace the learner's own; resolves to the answer. */
  confirmShared(session: SavedSession): Promise<boolean>;
}

export function bindStateControls(root: HTMLElement, actions: StateActions): StateControls {
  const shareOpen = root.querySelector<HTMLButtonElement>("[data-share-open]")!;
  const resetOpen = root.querySelector<HTMLButtonElement>("[data-reset-open]")!;
  const resetDialog = root.querySelector<HTMLDialogElement>("[data-reset-dialog]")!;
  const shareDialog = root.querySelector<HTMLDialogElement>("[data-share-dialog]")!;
  const sharedDialog = root.querySelector<HTMLDialogElement>("[data-shared-dialog]")!;
  const shareUrlField = shareDialog.querySelector<HTMLInputElement>("[data-share-url]")!;
  const copy = shareDialog.querySelector<HTMLButtonElement>("[data-share-copy]")!;
  const message = shareDialog.querySelector<HTMLElement>("[data-share-message]")!;
  const exportButton = shareDialog.querySelector<HTMLButtonElement>("[data-export]")!;
  const importButton = shareDialog.querySelector<HTMLButtonElement>("[data-import]")!;
  const importFile = shareDialog.querySelector<HTMLInputElement>("[data-import-file]")!;
  // Messages may quote imported data (a file name): its bidi controls must not reorder the sentence.
  const say = (text: string) => {
    message.textContent = neutraliseControls(text);
  };

  resetOpen.addEventListener("click", () => {
    resetDialog.returnValue = "";
    resetDialog.showModal();
  });
  resetDialog.addEventListener("close", () => {
    if (resetDialog.returnValue === "reset") void actions.reset();
    resetOpen.focus();
  });

  shareOpen.addEventListener("click", async () => {
    say("");
    shareUrlField.value = "";
    copy.disabled = true;
    shareDialog.showModal();
    try {
      const link = shareUrl(location.href, encodeShareLink(await actions.capture()));
      shareUrlField.value = link;
      copy.disabled = false;
    } catch (error) {
      say(messageOf(error));
    }
  });
  shareDialog.addEventListener("close", () => shareOpen.focus());

  copy.addEventListener("click", async () => {
    shareUrlField.select();
    try {
      await navigator.clipboard.writeText(shareUrlField.value);
      say("Link copied. Anyone who opens it gets a copy of this sandbox.");
    } catch {
      say("The browser did not allow copying: the link is selected, press Ctrl+C (⌘C) to copy it.");
    }
  });

  exportButton.addEventListener("click", async () => {
    try {
      downloadSession(await actions.capture(), exportFileName(actions.page, new Date()));
      say("The sandbox was saved as a file (see your downloads).");
    } catch (error) {
      say(messageOf(error));
    }
  });

  importButton.addEventListener("click", () => importFile.click());
  importFile.addEventListener("change", async () => {
    const file = importFile.files?.[0];
    importFile.value = "";
    if (!file) return;
    try {
      await actions.load(await readImportFile(file));
      shareDialog.close();
    } catch (error) {
      say(`That file could not be imported: ${messageOf(error)}. Your sandbox is unchanged.`);
    }
  });

  return {
    confirmShared(session) {
      const when = sharedDialog.querySelector<HTMLElement>("[data-shared-when]");
      if (when) when.textContent = ` (saved ${new Date(session.savedAt).toLocaleString()})`;
      sharedDialog.returnValue = "";
      sharedDialog.showModal();
      return new Promise((resolve) => {
        sharedDialog.addEventListener("close", () => resolve(sharedDialog.returnValue === "open"), {
          once: true,
        });
      });
    },
  };
}

/** Enables the bar's buttons once the sandbox can act on them. */
export function enableStateControls(root: HTMLElement): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>("[data-share-open], [data-reset-open]")) {
    button.disabled = false;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof SavedStateError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
