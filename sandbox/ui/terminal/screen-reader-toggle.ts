/**
 * The sandbox bar's "Screen reader" toggle: xterm's screen-reader mode (its output mirrored into
 * an accessible live region) on or off. The choice belongs to the person, not to one page, so it
 * is kept for the whole site in localStorage; where storage is unavailable it lasts for the page.
 */
const STORAGE_KEY = "stateful-lab:terminal-screen-reader";

export interface ScreenReaderTarget {
  setScreenReaderMode(on: boolean): void;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function screenReaderPreferred(): boolean {
  try {
    return storage()?.getItem(STORAGE_KEY) === "on";
  } catch {
    return false;
  }
}

function remember(on: boolean): void {
  try {
    storage()?.setItem(STORAGE_KEY, on ? "on" : "off");
  } catch {
    // Private mode or a full quota: the setting simply lasts until the page closes.
  }
}

/** Wires `button` (aria-pressed) to the terminal, starting from the remembered choice. */
export function bindScreenReaderToggle(button: HTMLButtonElement, target: ScreenReaderTarget): void {
  const show = (on: boolean) => {
    button.setAttribute("aria-pressed", String(on));
    target.setScreenReaderMode(on);
  };
  show(screenReaderPreferred());
  button.disabled = false;
  button.addEventListener("click", () => {
    const on = button.getAttribute("aria-pressed") !== "true";
    remember(on);
    show(on);
  });
}
