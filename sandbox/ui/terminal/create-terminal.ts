/** Creates the xterm terminal inside `host` (lazy-loaded with xterm itself). */
import "@xterm/xterm/css/xterm.css";
import "./terminal.css";
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import type { SandboxClient } from "../sandbox-client.ts";
import { TerminalSession } from "./terminal-session.ts";

export function createTerminal(host: HTMLElement, client: SandboxClient): TerminalSession {
  const term = new Terminal({
    convertEol: true,
    cursorBlink: true,
    fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    lineHeight: 1.15,
    scrollback: 5000,
    // The sandbox bar's "Screen reader" toggle turns this on (screen-reader-toggle.ts).
    screenReaderMode: false,
    theme: {
      background: "#0f1723",
      foreground: "#e3e8ef",
      cursor: "#7fb0ff",
      selectionBackground: "#35507a",
    },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();
  new ResizeObserver(() => fit.fit()).observe(host);
  copyOnSelect(term);
  const session = new TerminalSession(term, fit, client);
  letEscapeThenTabLeave(term, () => session.escape());
  // No autofocus: focusing would scroll the page away from the lesson text and surprise screen readers.
  return session;
}

/**
 * Selecting text copies it, as in most Linux terminals. Where the page may not write the
 * clipboard (no permission, no secure context) nothing happens: Ctrl-Shift-C style copying
 * through the browser's own menu still works.
 */
function copyOnSelect(term: Terminal): void {
  term.onSelectionChange(() => {
    const text = term.getSelection();
    if (text === "" || !navigator.clipboard?.writeText) return;
    navigator.clipboard.writeText(text).catch(() => undefined);
  });
}

/**
 * Inside the terminal Tab belongs to the shell (completion), so keyboard users need another way
 * out: Escape, then Tab (or Shift-Tab), moves focus on as it would anywhere else on the page.
 */
function letEscapeThenTabLeave(term: Terminal, onEscape: () => void): void {
  let escaped = false;
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== "keydown") return true;
    if (event.key === "Escape") {
      escaped = true;
      // The shell still hears it (it ends a Ctrl-R search), though xterm does not send it.
      onEscape();
      return false;
    }
    if (event.key === "Tab" && escaped) {
      escaped = false;
      return false; // xterm ignores the key, so the browser moves focus.
    }
    if (!["Shift", "Control", "Alt", "Meta"].includes(event.key)) escaped = false;
    return true;
  });
}
