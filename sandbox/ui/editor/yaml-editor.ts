/**
 * The YAML editor, loaded only when its panel is opened (or `kubectl edit` needs it): the
 * workspace's YAML files as tabs (New, Rename, Delete, shared with the shell), Monaco with the
 * Kubernetes schema (monaco.ts), Apply (also Ctrl/Cmd-S) running `kubectl apply -f <file>` visibly
 * in the terminal with the API's rejections marked on their lines, and `kubectl edit` sessions.
 */
import type { ApplyProblem } from "./apply-problems.ts";
import { EDITABLE, readFiles } from "./editor-preload.ts";
import { askName, FileTabs, fileName, type TabInfo } from "./file-tabs.ts";
import { monaco } from "./monaco.ts";

const STARTER = `# A headless Service and a StatefulSet: the classic pair.
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
    - name: web
      port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: registry.k8s.io/nginx-slim:0.27
          ports:
            - name: web
              containerPort: 80
`;

/** What the editor needs from its sandbox: the shared workspace files, and the terminal. */
export interface EditorHost {
  listFiles(): Promise<string[]>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  renameFile(from: string, to: string): Promise<void>;
  deleteFile(path: string): Promise<void>;
  watchFiles(onChange: (path: string) => void): Promise<() => void>;
  /** Runs a command visibly in the terminal; resolves to its exit status and what it printed. */
  run(command: string): Promise<{ status: number; output: string }>;
}

/** A file `kubectl edit` wrote for the learner to change, as the engine's EditorHost hands it over. */
export interface EditFile {
  name: string;
  content: string;
}

export interface YamlEditor {
  editor: monaco.editor.IStandaloneCodeEditor;
  /** Opens a `kubectl edit` file in a tab; resolves to the saved text, or null when cancelled. */
  edit(file: EditFile): Promise<string | null>;
  /** Shows the workspace file `path` (a lesson's "Open in editor" has just written it). */
  open(path: string): Promise<void>;
  /** Closes the `kubectl edit` tabs still open: the command stopped waiting (Ctrl-C). */
  closeEdits(): void;
}

const NEW_FILE = "manifest.yaml";
const SAVE_DELAY_MS = 300;
const MARKER_OWNER = "kubectl";

interface FileDoc {
  kind: "file";
  path: string;
  model: monaco.editor.ITextModel;
  /** The text last read from or written to the workspace, to tell our saves from others' edits. */
  synced: string;
  saveTimer?: ReturnType<typeof setTimeout>;
}

interface EditDoc {
  kind: "edit";
  key: string;
  name: string;
  model: monaco.editor.ITextModel;
  resolve: (text: string | null) => void;
}

type Doc = FileDoc | EditDoc;

function button(text: string, label: string, title: string): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "sandbox-button";
  element.textContent = text;
  if (label !== text) element.setAttribute("aria-label", label);
  element.title = title;
  return element;
}

/**
 * Where kubectl apply's complaints are in the text. Its code and the YAML parser it needs load with
 * the first Apply, not with the editor: they are not needed to show a file.
 */
async function findApplyProblems(text: string, output: string): Promise<ApplyProblem[]> {
  const { applyProblems } = await import("./apply-problems.ts");
  return applyProblems(text, output);
}

/** Why `name` cannot be a new or renamed file's name, if it cannot. */
function nameProblem(name: string, taken: readonly string[]): string | undefined {
  if (!name) return "Give the file a name.";
  if (name.startsWith("/") || name.split("/").some((part) => part === ".." || part === "."))
    return "Use a name inside the workspace, without .. or a leading /.";
  if (!EDITABLE.test(name)) return "Use a .yaml, .yml or .json name.";
  if (taken.includes(name)) return `${name} already exists.`;
  return undefined;
}

/**
 * In the editor Tab indents, so keyboard users need a way out, the same as the terminal's:
 * Escape (which also closes Monaco's widgets), then Tab or Shift-Tab moves focus on. The key is
 * stopped on its way down to Monaco, so the browser does what Tab does anywhere else.
 */
function letEscapeThenTabLeave(surface: HTMLElement): void {
  let escaped = false;
  surface.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Tab" && escaped) event.stopPropagation();
      if (!["Shift", "Control", "Alt", "Meta"].includes(event.key)) escaped = event.key === "Escape";
    },
    { capture: true },
  );
}

/**
 * Mounts the editor in `host` (the panel) with the workspace's editable files, `firstFiles`, read
 * while Monaco loaded (editor-preload.ts); resolves once the first file is shown.
 */
export async function mountYamlEditor(
  host: HTMLElement,
  sandbox: EditorHost,
  firstFiles: Promise<Map<string, string>>,
): Promise<YamlEditor> {
  const panelId = `${host.id || "sandbox-editor"}-panel`;
  const docs = new Map<string, Doc>();
  let editCount = 0;

  const bar = document.createElement("div");
  bar.className = "sandbox-editor-bar";
  const tabs = new FileTabs(panelId, (key) => show(key));
  const actions = document.createElement("div");
  actions.className = "sandbox-editor-actions";
  const newFile = button("New", "New file", "Create a YAML file in the workspace");
  const rename = button("Rename", "Rename file", "Rename this file, as mv would (F2 on its tab)");
  const remove = button(
    "Delete",
    "Delete file",
    "Delete this file from the workspace, as rm would (Delete on its tab)",
  );
  const apply = button("Apply", "Apply", "Save and run kubectl apply -f on this file (Ctrl+S)");
  const save = button("Save", "Save edit", "Save: kubectl edit applies your changes (Ctrl+S)");
  const cancel = button("Cancel edit", "Cancel edit", "Close without saving: kubectl edit makes no changes");
  actions.append(newFile, rename, remove, apply, save, cancel);
  bar.append(tabs.element, actions);
  const ask = document.createElement("form");
  ask.className = "sandbox-editor-ask";
  ask.id = `${panelId}-ask`;
  ask.hidden = true;
  const status = document.createElement("p");
  status.className = "sandbox-editor-status";
  status.setAttribute("role", "status");
  const surface = document.createElement("div");
  surface.className = "sandbox-editor-surface";
  surface.id = panelId;
  surface.setAttribute("role", "tabpanel");
  host.replaceChildren(bar, ask, surface, status);

  const dark = document.documentElement.dataset.theme !== "light";
  const editor = monaco.editor.create(surface, {
    model: null,
    theme: dark ? "vs-dark" : "vs",
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    fixedOverflowWidgets: true,
    ariaLabel: "YAML editor",
  });
  letEscapeThenTabLeave(surface);
  // Starlight switches themes by this attribute; Monaco follows.
  new MutationObserver(() =>
    monaco.editor.setTheme(document.documentElement.dataset.theme === "light" ? "vs" : "vs-dark"),
  ).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

  const current = (): Doc | undefined => docs.get(tabs.selected);
  const filePaths = () => [...docs.values()].flatMap((doc) => (doc.kind === "file" ? [doc.path] : []));

  const flush = async (doc: FileDoc) => {
    clearTimeout(doc.saveTimer);
    const text = doc.model.getValue();
    if (text === doc.synced) return;
    doc.synced = text;
    await sandbox.writeFile(doc.path, text);
  };

  const track = (doc: Doc) => {
    doc.model.onDidChangeContent(() => {
      // kubectl's complaints were about the text as applied; an edit makes them stale.
      monaco.editor.setModelMarkers(doc.model, MARKER_OWNER, []);
      if (doc.kind !== "file") return;
      clearTimeout(doc.saveTimer);
      doc.saveTimer = setTimeout(() => void flush(doc), SAVE_DELAY_MS);
    });
  };

  const fileDoc = (path: string, text: string): FileDoc => {
    const uri = monaco.Uri.from({ scheme: "inmemory", authority: "workspace", path: `/${path}` });
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, "yaml", uri);
    const doc: FileDoc = { kind: "file", path, model, synced: text };
    track(doc);
    return doc;
  };

  const tabList = (): TabInfo[] =>
    [...docs.entries()].map(([key, doc]) =>
      doc.kind === "file"
        ? { key, label: doc.path }
        : {
            key,
            label: `${doc.name} (kubectl edit)`,
            description: "kubectl edit is waiting: Save applies it",
          },
    );

  function show(key: string): void {
    tabs.render(tabList(), key);
    const doc = docs.get(tabs.selected);
    surface.setAttribute("aria-labelledby", tabs.selectedTabId());
    const editing = doc?.kind === "edit";
    for (const element of [rename, remove, apply]) element.hidden = editing || !doc;
    save.hidden = !editing;
    cancel.hidden = !editing;
    if (doc && editor.getModel() !== doc.model) editor.setModel(doc.model);
  }

  /** Opens tabs for `files` (path → text) not open yet, and shows `select` (or the tab shown). */
  const addTabs = (files: ReadonlyMap<string, string>, select?: string) => {
    for (const [path, text] of files) if (!docs.has(path)) docs.set(path, fileDoc(path, text));
    // Files first, sorted as `ls` sorts them; edit sessions after.
    const ordered = [...docs.entries()].sort(([a, da], [b, db]) =>
      da.kind === db.kind ? (a < b ? -1 : a > b ? 1 : 0) : da.kind === "file" ? -1 : 1,
    );
    docs.clear();
    for (const [key, doc] of ordered) docs.set(key, doc);
    show(select ?? tabs.selected);
  };

  /** Brings the tabs in line with the workspace's YAML files: new ones added, gone ones closed. */
  const sync = async (select?: string) => {
    const files = (await sandbox.listFiles()).filter((f) => EDITABLE.test(f));
    for (const [key, doc] of docs) {
      if (doc.kind === "file" && !files.includes(doc.path)) {
        clearTimeout(doc.saveTimer);
        doc.model.dispose();
        docs.delete(key);
      }
    }
    const added = await readFiles(
      sandbox,
      files.filter((path) => !docs.has(path)),
    );
    addTabs(added, select);
  };
  // One at a time: change notifications arrive in bursts and must not open a file twice.
  let syncing = Promise.resolve();
  const refresh = (select?: string) => {
    syncing = syncing.then(() => sync(select)).catch(() => undefined);
    return syncing;
  };

  const announce = (text: string) => {
    status.textContent = text;
  };

  newFile.addEventListener("click", async () => {
    const taken = filePaths();
    let n = 1;
    while (taken.includes(`untitled-${n}.yaml`)) n++;
    const name = await askName(ask, "New file name", `untitled-${n}.yaml`, (name) =>
      nameProblem(name, filePaths()),
    );
    if (name === null) return;
    await sandbox.writeFile(name, "");
    await refresh(name);
    announce(`Created ${name}.`);
    editor.focus();
  });

  rename.addEventListener("click", async () => {
    const doc = current();
    if (doc?.kind !== "file") return;
    const name = await askName(ask, ["Rename ", fileName(doc.path), " to"], doc.path, (name) =>
      name === doc.path ? "That is its name already." : nameProblem(name, filePaths()),
    );
    if (name === null) return;
    await flush(doc);
    await sandbox.renameFile(doc.path, name);
    await refresh(name);
    announce(`Renamed ${doc.path} to ${name}.`);
  });

  remove.addEventListener("click", async () => {
    const doc = current();
    if (doc?.kind !== "file") return;
    // The browser's own confirmation: modal, keyboard-operable and read by screen readers.
    // The name between FSI and PDI: plain text's isolation, as `fileName` is the DOM's.
    const quoted = `\u2068${doc.path}\u2069`;
    if (!window.confirm(`Delete ${quoted}? It is removed from the workspace, as rm would.`)) return;
    clearTimeout(doc.saveTimer);
    await sandbox.deleteFile(doc.path);
    await refresh();
    announce(`Deleted ${doc.path}.`);
    remove.focus();
  });

  const applyCurrent = async () => {
    const doc = current();
    if (doc?.kind !== "file") return;
    await flush(doc);
    const text = doc.synced;
    const { output } = await sandbox.run(`kubectl apply -f ${doc.path}`);
    const problems = await findApplyProblems(text, output);
    // The markers are for the text applied: not if the file has changed or closed meanwhile.
    if (doc.model.isDisposed() || doc.model.getValue() !== text) return;
    monaco.editor.setModelMarkers(
      doc.model,
      MARKER_OWNER,
      problems.map(({ from, to, message }) => {
        const start = doc.model.getPositionAt(from);
        const end = doc.model.getPositionAt(to);
        return {
          severity: monaco.MarkerSeverity.Error,
          message,
          source: "kubectl apply",
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        };
      }),
    );
    if (problems.length > 0)
      announce(`kubectl apply reported ${problems.length} problem(s), marked in the file.`);
  };

  const closeEdit = (doc: EditDoc, text: string | null) => {
    docs.delete(doc.key);
    doc.model.dispose();
    doc.resolve(text);
    show(tabs.selected === doc.key ? (filePaths()[0] ?? "") : tabs.selected);
  };

  const saveEdit = () => {
    const doc = current();
    if (doc?.kind === "edit") closeEdit(doc, doc.model.getValue());
  };

  // On a file's tab, F2 renames it and Delete deletes it (after the confirmation), as in file lists.
  tabs.element.addEventListener("keydown", (event) => {
    if (current()?.kind !== "file") return;
    if (event.key === "F2") rename.click();
    else if (event.key === "Delete") remove.click();
    else return;
    event.preventDefault();
  });
  apply.addEventListener("click", () => void applyCurrent());
  save.addEventListener("click", saveEdit);
  cancel.addEventListener("click", () => {
    const doc = current();
    if (doc?.kind === "edit") closeEdit(doc, null);
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => {
    if (current()?.kind === "edit") saveEdit();
    else void applyCurrent();
  });

  const changed = async (path: string) => {
    await refresh();
    // The shell rewrote an open file (e.g. `cat > web.yaml <<EOF`): show its new text, unless the
    // learner has typed something not yet saved.
    const doc = docs.get(path);
    if (doc?.kind !== "file") return;
    const text = await sandbox.readFile(path).catch(() => undefined);
    if (text !== undefined && text !== doc.synced && doc.model.getValue() === doc.synced) {
      doc.synced = text;
      doc.model.setValue(text);
    }
  };

  // The files were read while Monaco loaded: they are shown now, with no round trip to the engine
  // worker between building the editor and showing the first file. An empty workspace gets the
  // starter file, shown as it is written.
  let files = await firstFiles;
  let starterWritten: Promise<void> | undefined;
  if (files.size === 0) {
    files = new Map([[NEW_FILE, STARTER]]);
    starterWritten = sandbox.writeFile(NEW_FILE, STARTER);
  }
  addTabs(files);
  // Drawn now rather than at the next frame: ready means the file is on screen and takes keys.
  editor.render();
  host.dataset.editorReady = "";

  // Changes from now on, and any made since the files were read: each open file is looked at again.
  const watching = sandbox.watchFiles((path) => void changed(path));
  void watching.then(() => {
    for (const path of filePaths()) void changed(path);
  });
  await starterWritten;

  return {
    editor,
    async open(path) {
      await refresh(path);
      editor.focus();
    },
    closeEdits() {
      for (const doc of [...docs.values()]) if (doc.kind === "edit") closeEdit(doc, null);
    },
    edit(file) {
      return new Promise((resolve) => {
        const key = `edit:${++editCount}`;
        const uri = monaco.Uri.from({
          scheme: "inmemory",
          authority: "kubectl-edit",
          path: `/${editCount}/${file.name}`,
        });
        const doc: EditDoc = {
          kind: "edit",
          key,
          name: file.name,
          model: monaco.editor.createModel(file.content, "yaml", uri),
          resolve,
        };
        track(doc);
        docs.set(key, doc);
        show(key);
        announce(
          `kubectl edit opened ${file.name}: Save (Ctrl+S) applies it, Cancel edit leaves it unchanged.`,
        );
        editor.focus();
      });
    },
  };
}
