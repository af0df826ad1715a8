/**
 * Buttons on a lesson's code blocks (Expressive Code already gives every block Copy):
 * - shell blocks get "Run", which types the command into the lesson's terminal as if the learner
 *   had typed it;
 * - YAML blocks, and shell blocks that write a manifest with a heredoc (`cat > web.yaml <<'EOF'`),
 *   get "Open in editor", which writes the YAML as a workspace file and opens the editor on it.
 */
import type { K8sSandbox } from "./k8s-sandbox.ts";

const SHELL_LANGUAGES = ["sh", "bash", "shell", "console"];
const YAML_LANGUAGES = ["yaml", "yml"];

/** `cat > web.yaml <<'EOF'` … `EOF` at the start of a block: the file it writes and its text. */
export function heredocFile(command: string): { path: string; content: string } | undefined {
  const match = /^cat\s+>\s*([\w./-]+\.ya?ml)\s+<<-?\s*(['"]?)(\w+)\2\n([\s\S]*?)\n\3(?:\n|$)/.exec(command);
  return match ? { path: match[1]!, content: `${match[4]}\n` } : undefined;
}

/** A file name for a YAML block: its title if it has one, else the first object's name. */
export function yamlFileName(yaml: string, title: string | undefined): string {
  if (title && /^[\w.-]+\.ya?ml$/.test(title)) return title;
  const name = /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*["']?([a-z0-9][a-z0-9.-]*)/m.exec(yaml)?.[1];
  return name ? `${name}.yaml` : "manifest.yaml";
}

function button(label: string, className: string, name: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.className = className;
  element.textContent = label;
  element.setAttribute("aria-label", name);
  element.addEventListener("click", onClick);
  return element;
}

/** Pointing at or focusing a button that will use the sandbox starts its engine (see K8sSandbox.wake). */
function wakesSandbox(element: HTMLButtonElement, sandbox: K8sSandbox): HTMLButtonElement {
  for (const type of ["pointerenter", "focus"])
    element.addEventListener(type, () => sandbox.wake(), { once: true });
  return element;
}

function actionsOf(figure: HTMLElement): HTMLElement {
  let actions = figure.querySelector<HTMLElement>(":scope > .code-actions");
  if (!actions) {
    actions = document.createElement("div");
    actions.className = "code-actions";
    figure.append(actions);
  }
  return actions;
}

export function addRunButtons(text: HTMLElement, sandbox: K8sSandbox): void {
  const shell = SHELL_LANGUAGES.map((lang) => `pre[data-language="${lang}"]`).join(",");
  const yaml = YAML_LANGUAGES.map((lang) => `pre[data-language="${lang}"]`).join(",");
  for (const pre of text.querySelectorAll<HTMLPreElement>(`${shell},${yaml}`)) {
    const figure = pre.closest("figure");
    if (!figure || figure.querySelector(".code-actions")) continue;
    const lines = [...pre.querySelectorAll(".ec-line")].map((line) => line.textContent ?? "");
    const code = lines.join("\n").trim();
    if (!code) continue;
    const isShell = pre.matches(shell);
    const file = isShell
      ? heredocFile(code)
      : {
          path: yamlFileName(code, figure.querySelector("figcaption .title")?.textContent ?? undefined),
          content: `${code}\n`,
        };
    if (file) {
      actionsOf(figure).append(
        wakesSandbox(
          button("Open in editor", "open-in-editor", `Open in editor: ${file.path}`, () => {
            void sandbox.openInEditor(file.path, file.content);
            sandbox.scrollIntoView({ block: "nearest", behavior: "smooth" });
          }),
          sandbox,
        ),
      );
    }
    if (isShell && figure.matches(".is-terminal")) {
      actionsOf(figure).append(
        wakesSandbox(
          button("Run", "run-command", `Run in the terminal: ${code.split("\n")[0]}`, () => {
            sandbox.run(code);
            sandbox.scrollIntoView({ block: "nearest", behavior: "smooth" });
          }),
          sandbox,
        ),
      );
    }
  }
}
