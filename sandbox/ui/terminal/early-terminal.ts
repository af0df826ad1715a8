/**
 * The early terminal: the banner and prompt the server renders into a sandbox's terminal, with an
 * inline script (early-terminal-script.js) that takes keys before xterm has loaded. Once xterm
 * shows the same screen, it takes over here: the early terminal goes, and the keys typed into it
 * are given to the real terminal, in order, as if typed there (focus follows).
 */
import type { TerminalSession } from "./terminal-session.ts";

type EarlyTerminal = HTMLElement & { earlyKeys?: string[] };

/** Hands the early terminal in `host` over to `session`; says whether the learner had used it. */
export function handOverEarlyTerminal(host: HTMLElement, session: TerminalSession): boolean {
  const early = host.querySelector<EarlyTerminal>("[data-early-terminal]");
  if (!early) return false;
  const keys = early.earlyKeys ?? [];
  const focused = early.contains(document.activeElement);
  // Its script goes too: it has run, and a stale copy of it is not worth keeping in the DOM.
  if (early.nextElementSibling instanceof HTMLScriptElement) early.nextElementSibling.remove();
  early.remove();
  if (focused) session.focus();
  for (const data of keys) session.input(data);
  return focused || keys.length > 0;
}
