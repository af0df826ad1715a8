/**
 * Gives every shell command block in a lesson a "Run" button that types the command into the
 * lesson's terminal, as if the learner had typed it (Expressive Code already adds Copy).
 */
import type { K8sSandbox } from "./k8s-sandbox.ts";

const SHELL_LANGUAGES = ["sh", "bash", "shell", "console"];

export function addRunButtons(text: HTMLElement, sandbox: K8sSandbox): void {
  const selector = SHELL_LANGUAGES.map((lang) => `figure.is-terminal pre[data-language="${lang}"]`).join(",");
  for (const pre of text.querySelectorAll<HTMLPreElement>(selector)) {
    const figure = pre.closest("figure");
    if (!figure || figure.querySelector(".run-command")) continue;
    const lines = [...pre.querySelectorAll(".ec-line")].map((line) => line.textContent ?? "");
    const command = lines.join("\n").trim();
    if (!command) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "run-command";
    button.textContent = "Run";
    button.setAttribute("aria-label", `Run in the terminal: ${command.split("\n")[0]}`);
    button.addEventListener("click", () => {
      sandbox.run(command);
      sandbox.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
    figure.append(button);
  }
}
