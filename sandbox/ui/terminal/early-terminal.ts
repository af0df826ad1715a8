/**
 * The early terminal: the banner and prompt the server renders into a sandbox's terminal, with an
 * inline script (early-terminal-script.js) that takes keys before xterm has loaded. Once xterm
 * shows the same screen, it takes over here: the early terminal goes, and the keys typed into it
 * are given to the real terminal, in order, as if typed there (focus follows).
 */
import type { TerminalSession } from "./terminal-session.ts";

type EarlyTerminal = HTMLElement & { earlyKeys?: string[] };

const earlyTerminalIn = (host: HTMLElement) => host.querySelector<EarlyTerminal>("[data-early-terminal]");

/** Whether the learner has already focused or typed into the early terminal in `host`. */
export function earlyTerminalUsed(host: HTMLElement): boolean {
  const early = earlyTerminalIn(host);
  return !!early && (early.contains(document.activeElement) || (early.earlyKeys?.length ?? 0) > 0);
}

/** Hands the early terminal in `host` over to `session`. */
export function handOverEarlyTerminal(host: HTMLElement, session: TerminalSession): void {
  const early = earlyTerminalIn(host);
  if (!early) return;
  const keys = early.earlyKeys ?? [];
  const focused = early.contains(document.activeElement);
  // Its script goes too: it has run, and a stale copy of it is not worth keeping in the DOM.
  if (early.nextElementSibling instanceof HTMLScriptElement) early.nextElementSibling.remove();
  early.remove();
  if (focused) session.focus();
  for (const data of keys) session.input(data);
}
