/**
 * A sandbox whose state survives: it starts from what this page saved last (or from a share link
 * in the address), falls back to a fresh sandbox with a clear message when that state is damaged,
 * keeps itself saved, restarts from the last save when the worker hangs, and wires Share / Reset.
 */
import type { SandboxInit } from "../../protocol.ts";
import { SandboxClient } from "../sandbox-client.ts";
import type { TerminalSession } from "../terminal/terminal-session.ts";
import { SessionKeeper } from "./session-keeper.ts";
import { type SavedSession, SavedStateError } from "./session-record.ts";
import { decodeShareLink, SHARE_PARAM, shareLinkPayload } from "./share-link.ts";
import { bindStateControls, enableStateControls } from "./state-controls.ts";
import { SessionStore } from "./store.ts";
import type { HangReason } from "./watchdog.ts";

export interface PersistentSandboxOptions {
  /** The <k8s-sandbox> element, holding the bar's buttons and dialogs. */
  root: HTMLElement;
  terminalHost: HTMLElement;
  /** The page's key for saved state (`playground`, `lessons/statefulsets`). */
  page: string;
  scenario: string;
  seed: number;
  banner: string;
  createTerminal(host: HTMLElement, client: SandboxClient): Promise<TerminalSession>;
  /** Told the client as soon as it exists, before the terminal is made (xterm may still be loading). */
  onClient?(client: SandboxClient): void;
}

export interface PersistentSandbox {
  client: SandboxClient;
  session: TerminalSession;
}

export async function startPersistentSandbox(options: PersistentSandboxOptions): Promise<PersistentSandbox> {
  const { root, page, scenario, seed, banner } = options;
  const fresh = (): SandboxInit => ({ scenario, startMs: Math.floor(Date.now() / 1000) * 1000, seed });
  const from = (saved: SavedSession | undefined): SandboxInit => ({ ...fresh(), restore: saved?.sandbox });
  const store = new SessionStore(page);
  const notices: string[] = [];

  const shared = takeSharedSession(notices);
  const loaded = await store.load();
  const own = loaded.kind === "found" ? loaded.session : undefined;
  if (loaded.kind === "unusable") notices.push(unusableNotice(loaded.reason));
  if (loaded.kind === "unavailable") {
    notices.push(
      `This browser does not let the page keep your sandbox (${loaded.reason}). Your work stays while the page is open; use Share → Export to file to keep it.`,
    );
  }
  // A shared sandbox replaces nothing without asking; with no state of one's own there is nothing to ask.
  let start = shared && !own ? shared : own;
  let keeper: SessionKeeper | undefined;
  // Until the keeper exists, the state the sandbox started from is the last saved one.
  const restartInit = () => from(keeper ? keeper.lastSaved : start);

  // A fresh sandbox's engine starts on first use; a saved or shared one starts now, so that the
  // terminal says "restored" only once the engine has really taken the state back.
  let restoreFailure: string | undefined;
  const client = new SandboxClient(
    () => from(start),
    restartInit,
    (error) => {
      restoreFailure = messageOf(error);
    },
  );
  options.onClient?.(client);
  if (start) {
    await client.start();
    if (restoreFailure !== undefined) {
      notices.push(
        start === own
          ? unusableNotice(restoreFailure)
          : `The shared sandbox could not be opened: ${restoreFailure}.`,
      );
      if (start === own) await store.clear().catch(() => undefined);
      start = undefined;
    }
  }

  // A hang noticed while the terminal is still being made is told once it exists.
  const hangs: HangReason[] = [];
  let tellHang = (reason: HangReason): void => {
    hangs.push(reason);
  };
  client.onHang((reason) => tellHang(reason));

  const session = await options.createTerminal(options.terminalHost, client);
  if (start) await session.resume(start.terminal, restoredNotice(start, start === shared));
  else session.start(banner);
  for (const notice of notices) session.notice(notice);

  const sessionKeeper = new SessionKeeper(store, client, session, start);
  keeper = sessionKeeper;
  if (start && start === shared) void sessionKeeper.adopt(start);
  session.onCommandDone = () => void sessionKeeper.save();
  void client.watchFiles(() => {
    if (!session.busy) void sessionKeeper.save();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") void sessionKeeper.save();
  });
  tellHang = (reason) => session.notice(hangNotice(reason, sessionKeeper.lastSaved !== undefined));
  for (const reason of hangs.splice(0)) tellHang(reason);

  /** Puts another sandbox in place (Reset, Import, a share link) and the terminal with it. */
  const replace = async (saved: SavedSession | undefined, notice: string) => {
    try {
      await client.replace(from(saved));
    } catch (error) {
      throw new SavedStateError(messageOf(error));
    }
    await session.idle();
    session.clear();
    if (saved) await session.resume(saved.terminal, notice);
    else session.start(banner);
    if (saved) await sessionKeeper.adopt(saved);
    else await sessionKeeper.forget();
  };

  const controls = bindStateControls(root, {
    page,
    capture: () => sessionKeeper.capture(),
    reset: () => replace(undefined, ""),
    load: (saved) => replace(saved, restoredNotice(saved, false, "Imported a sandbox")),
  });
  enableStateControls(root);

  if (shared && start !== shared && own) {
    void controls.confirmShared(shared).then(async (open) => {
      if (!open) return;
      await replace(shared, restoredNotice(shared, true)).catch((error) =>
        session.notice(
          `The shared sandbox could not be opened: ${messageOf(error)}. Your sandbox is unchanged.`,
        ),
      );
    });
  }
  return { client, session };
}

/**
 * The session a share link in the address carries, if any. The fragment is removed at once, so
 * that a reload shows the learner's own saved state instead of asking again.
 */
function takeSharedSession(notices: string[]): SavedSession | undefined {
  const payload = shareLinkPayload(location.hash);
  if (payload === undefined) return undefined;
  const params = new URLSearchParams(location.hash.slice(1));
  params.delete(SHARE_PARAM);
  const rest = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${location.search}${rest ? `#${rest}` : ""}`);
  try {
    return decodeShareLink(payload);
  } catch (error) {
    notices.push(`The shared sandbox in this link could not be opened: ${messageOf(error)}.`);
    return undefined;
  }
}

function restoredNotice(saved: SavedSession, shared: boolean, what = "Session restored"): string {
  const when = new Date(saved.savedAt).toLocaleString();
  return shared ? `Opened a shared sandbox (saved ${when}).` : `${what} (saved ${when}).`;
}

function unusableNotice(reason: string): string {
  return `Your saved sandbox for this page could not be restored: ${reason}. This is a fresh sandbox; other pages keep theirs.`;
}

function hangNotice(reason: HangReason, fromSave: boolean): string {
  const what =
    reason === "ignored-cancel"
      ? "The sandbox did not stop when asked (a command ran away) and stopped answering"
      : "The sandbox stopped answering (it crashed or got stuck)";
  const whence = fromSave ? "the state saved after your last command" : "this page's starting state";
  return `${what}, so it was restarted from ${whence}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
