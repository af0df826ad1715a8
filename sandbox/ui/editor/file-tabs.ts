/**
 * The editor's tab strip: one tab per open document, the ARIA tabs pattern (arrow keys, Home and
 * End move between tabs and select them; only the selected tab is in the Tab order), and a small
 * inline form that asks for a file name (New, Rename) without a modal dialog.
 */

export interface TabInfo {
  /** Stable key: a workspace path, or `edit:<n>` for a `kubectl edit` session. */
  key: string;
  label: string;
  /** Shown on hover and read by screen readers after the label. */
  description?: string;
}

export class FileTabs {
  readonly element: HTMLElement;
  readonly #panelId: string;
  readonly #onSelect: (key: string) => void;
  #tabs: TabInfo[] = [];
  #selected = "";

  constructor(panelId: string, onSelect: (key: string) => void) {
    this.#panelId = panelId;
    this.#onSelect = onSelect;
    this.element = document.createElement("div");
    this.element.className = "sandbox-editor-tabs";
    this.element.setAttribute("role", "tablist");
    this.element.setAttribute("aria-label", "Files");
    this.element.addEventListener("keydown", (event) => this.#onKey(event));
  }

  get selected(): string {
    return this.#selected;
  }

  /** Redraws the strip with `tabs`, keeping the selected one (or selecting `select`). */
  render(tabs: TabInfo[], select = this.#selected): void {
    this.#tabs = tabs;
    this.#selected = tabs.some((t) => t.key === select) ? select : (tabs[0]?.key ?? "");
    const hadFocus = this.element.contains(document.activeElement);
    this.element.replaceChildren(
      ...tabs.map((tab) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "sandbox-editor-tab";
        button.setAttribute("role", "tab");
        button.id = this.#tabId(tab.key);
        button.dataset.key = tab.key;
        button.textContent = tab.label;
        if (tab.description) button.title = tab.description;
        const selected = tab.key === this.#selected;
        button.setAttribute("aria-selected", String(selected));
        button.setAttribute("aria-controls", this.#panelId);
        button.tabIndex = selected ? 0 : -1;
        button.addEventListener("click", () => this.#select(tab.key, false));
        return button;
      }),
    );
    if (hadFocus) this.#button(this.#selected)?.focus();
  }

  /** The id of the selected tab's element, for the panel's aria-labelledby. */
  selectedTabId(): string {
    return this.#tabId(this.#selected);
  }

  #tabId(key: string): string {
    return `${this.#panelId}-tab-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  }

  #button(key: string): HTMLButtonElement | undefined {
    return [...this.element.querySelectorAll<HTMLButtonElement>("[role=tab]")].find(
      (b) => b.dataset.key === key,
    );
  }

  #select(key: string, focus: boolean): void {
    if (key !== this.#selected) {
      this.#selected = key;
      this.render(this.#tabs, key);
      this.#onSelect(key);
    }
    if (focus) this.#button(key)?.focus();
  }

  #onKey(event: KeyboardEvent): void {
    const index = this.#tabs.findIndex((t) => t.key === this.#selected);
    const last = this.#tabs.length - 1;
    const target = {
      ArrowRight: index >= last ? 0 : index + 1,
      ArrowLeft: index <= 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (target === undefined || !this.#tabs[target]) return;
    event.preventDefault();
    this.#select(this.#tabs[target].key, true);
  }
}

/**
 * A file name inside a sentence, isolated (`<bdi>`): a bidi control in the name (U+202E) cannot
 * reorder the words around it, as a tab's own button keeps it from reordering the tab strip.
 */
export function fileName(name: string): HTMLElement {
  const element = document.createElement("bdi");
  element.className = "sandbox-file-name";
  element.textContent = name;
  return element;
}

/**
 * Asks for a file name in `form` (a label, an input, OK and Cancel): resolves to the trimmed name,
 * or null on Cancel or Escape. `check` returns an error to show instead of accepting a name. The
 * label is text, or text and elements (a name quoted with `fileName`).
 */
export function askName(
  form: HTMLFormElement,
  label: string | readonly (string | Node)[],
  initial: string,
  check: (name: string) => string | undefined,
): Promise<string | null> {
  const returnFocus = document.activeElement as HTMLElement | null;
  const id = `${form.id}-input`;
  const text = document.createElement("label");
  text.htmlFor = id;
  text.append(...(typeof label === "string" ? [label] : label));
  const input = document.createElement("input");
  input.id = id;
  input.className = "sandbox-input";
  input.value = initial;
  input.spellcheck = false;
  input.autocomplete = "off";
  const ok = document.createElement("button");
  ok.type = "submit";
  ok.className = "sandbox-button";
  ok.textContent = "OK";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "sandbox-button";
  cancel.textContent = "Cancel";
  const error = document.createElement("span");
  error.className = "sandbox-editor-error";
  error.setAttribute("role", "alert");
  // OK and Cancel wrap together, never one without the other.
  const buttons = document.createElement("span");
  buttons.className = "sandbox-editor-ask-buttons";
  buttons.append(ok, cancel);
  form.replaceChildren(text, input, buttons, error);
  form.hidden = false;
  input.focus();
  input.setSelectionRange(0, initial.lastIndexOf(".") > 0 ? initial.lastIndexOf(".") : initial.length);
  return new Promise((resolve) => {
    const finish = (value: string | null) => {
      form.hidden = true;
      form.replaceChildren();
      form.onsubmit = null;
      form.onkeydown = null;
      returnFocus?.focus();
      resolve(value);
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      const name = input.value.trim();
      const problem = check(name);
      if (problem) {
        error.textContent = problem;
        input.setAttribute("aria-invalid", "true");
        input.focus();
      } else finish(name);
    };
    cancel.addEventListener("click", () => finish(null));
    form.onkeydown = (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        finish(null);
      }
    };
  });
}
