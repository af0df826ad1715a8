// @ts-check
/**
 * The early terminal's keyboard, inlined by Sandbox.astro right after the server-rendered banner
 * and prompt, so that it runs as the parser reaches the sandbox: the terminal takes keys from
 * the first paint, long before xterm and the sandbox's module have loaded (about half a second on
 * a 2-core machine). Each key is kept as the text xterm would have sent for it, and echoed the
 * way a tty echoes type-ahead; early-terminal.ts hands them to the real terminal, which runs them
 * as if they had been typed there. Plain script, no imports: it must not wait for anything.
 */
(() => {
  const early = document.currentScript?.previousElementSibling;
  const sandbox = early?.closest("k8s-sandbox");
  const input = early?.querySelector("[data-early-input]");
  const typed = early?.querySelector("[data-early-typed]");
  if (!early || !sandbox || !(input instanceof HTMLTextAreaElement) || !typed) return;

  /** @type {string[]} What xterm's onData would have delivered, in order. */
  const keys = [];
  /** @type {Record<string, string>} */
  const SPECIAL = {
    Enter: "\r",
    Backspace: "\x7f",
    Tab: "\t",
    Delete: "\x1b[3~",
    ArrowUp: "\x1b[A",
    ArrowDown: "\x1b[B",
    ArrowRight: "\x1b[C",
    ArrowLeft: "\x1b[D",
    Home: "\x1b[H",
    End: "\x1b[F",
  };
  // As in create-terminal.ts: Tab belongs to the shell, Escape then Tab moves focus on.
  let escaped = false;

  /** A tty's echo of the keys: text, Backspace rubbing out, Enter and ^C starting a new line. */
  const echo = () => {
    const lines = [""];
    const add = (/** @type {string} */ text) => {
      lines[lines.length - 1] += text;
    };
    for (const data of keys) {
      if (data === "\r") lines.push("");
      else if (data === "\x7f")
        lines[lines.length - 1] = Array.from(lines.at(-1) ?? "")
          .slice(0, -1)
          .join("");
      else if (data === "\x03") {
        add("^C");
        lines.push("");
      } else if (data.startsWith("\x1b[200~")) {
        const [first = "", ...rest] = data.slice(6, -6).split("\r");
        add(first);
        lines.push(...rest);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: keys that print nothing are not echoed.
      } else if (!/[\x00-\x1f\x7f]/.test(data)) add(data);
    }
    typed.textContent = lines.join("\n");
  };
  const record = (/** @type {string} */ data) => {
    keys.push(data);
    echo();
  };

  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    if (event.key === "Escape") {
      escaped = true;
      // The shell hears it (it ends a Ctrl-R search): a lone ESC is what decodeKeys reads as Escape.
      record("\x1b");
      return;
    }
    if (event.key === "Tab" && escaped) return;
    if (!["Shift", "Control", "Alt", "Meta"].includes(event.key)) escaped = false;
    const ctrlLetter = event.ctrlKey && !event.shiftKey && !event.altKey && /^[a-z]$/i.test(event.key);
    const data = ctrlLetter
      ? String.fromCharCode(event.key.toLowerCase().charCodeAt(0) - 96)
      : SPECIAL[event.key];
    if (data === undefined || event.metaKey || (event.altKey && !ctrlLetter)) return;
    event.preventDefault();
    record(data);
  });
  // Typed text arrives here (IME compositions once they end); pastes come bracketed, as xterm sends them.
  input.addEventListener("input", (event) => {
    if (event instanceof InputEvent && event.isComposing) return;
    if (input.value) record(input.value);
    input.value = "";
  });
  input.addEventListener("paste", (event) => {
    event.preventDefault();
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (text) record(`\x1b[200~${text.replace(/\r?\n/g, "\r")}\x1b[201~`);
  });

  Object.assign(early, { earlyKeys: keys });
  sandbox.setAttribute("data-ready", "");
  const status = sandbox.querySelector("[data-status]");
  if (status) status.textContent = "Ready";
})();
