/**
 * The YAML editor, loaded only when its panel is opened: Monaco's core with the editing features
 * a manifest needs and YAML highlighting. (Schema validation and completion come with the
 * Kubernetes schema.)
 */
import * as monaco from "monaco-editor/editor/editor.api.js";
import "monaco-editor/features/bracketMatching/register.js";
import "monaco-editor/features/clipboard/register.js";
import "monaco-editor/features/comment/register.js";
import "monaco-editor/features/contextmenu/register.js";
import "monaco-editor/features/find/register.js";
import "monaco-editor/features/folding/register.js";
import "monaco-editor/features/hover/register.js";
import "monaco-editor/features/indentation/register.js";
import "monaco-editor/features/linesOperations/register.js";
import "monaco-editor/features/suggest/register.js";
import "monaco-editor/features/wordHighlighter/register.js";
import "monaco-editor/languages/definitions/yaml/register.js";
import EditorWorker from "monaco-editor/editor/editor.worker.js?worker";

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

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

/** What the editor needs from its sandbox: the shared workspace files, and a way to run commands. */
export interface EditorHost {
  listFiles(): Promise<string[]>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  watchFiles(onChange: (path: string) => void): Promise<() => void>;
  run(command: string): void;
}

const NEW_FILE = "manifest.yaml";
const SAVE_DELAY_MS = 300;

/**
 * Mounts the editor in `host`: a file picker over the workspace's YAML files, Monaco, and an Apply
 * button (also Ctrl/Cmd-S) that saves and runs `kubectl apply -f <file>` in the terminal, visibly,
 * as the learner would. Edits are saved to the workspace as you type, so `cat` and `kubectl` see
 * them; files the shell writes show up here.
 */
export async function mountYamlEditor(
  host: HTMLElement,
  sandbox: EditorHost,
): Promise<monaco.editor.IStandaloneCodeEditor> {
  const bar = document.createElement("div");
  bar.className = "sandbox-editor-bar";
  const picker = document.createElement("select");
  picker.className = "sandbox-select";
  picker.setAttribute("aria-label", "File");
  const apply = document.createElement("button");
  apply.type = "button";
  apply.className = "sandbox-button";
  apply.textContent = "Apply";
  apply.title = "Save and run kubectl apply -f on this file (Ctrl+S)";
  bar.append(picker, apply);
  const surface = document.createElement("div");
  surface.className = "sandbox-editor-surface";
  host.replaceChildren(bar, surface);

  const dark = document.documentElement.dataset.theme !== "light";
  const editor = monaco.editor.create(surface, {
    value: "",
    language: "yaml",
    theme: dark ? "vs-dark" : "vs",
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    ariaLabel: "YAML editor",
  });

  let current = "";
  /** The text last read from or written to the workspace, to tell our own saves from others' edits. */
  let synced = "";
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const save = async () => {
    clearTimeout(saveTimer);
    const text = editor.getValue();
    if (!current || text === synced) return;
    synced = text;
    await sandbox.writeFile(current, text);
  };
  const open = async (path: string) => {
    await save();
    current = path;
    synced = await sandbox.readFile(path);
    editor.setValue(synced);
    picker.value = path;
  };
  const refreshPicker = async () => {
    const files = (await sandbox.listFiles()).filter((f) => /\.(ya?ml|json)$/.test(f));
    picker.replaceChildren(
      ...files.map((file) => {
        const option = document.createElement("option");
        option.value = file;
        option.textContent = file;
        return option;
      }),
    );
    picker.value = current;
    return files;
  };

  const files = await refreshPicker();
  if (files.length === 0) {
    await sandbox.writeFile(NEW_FILE, STARTER);
    await refreshPicker();
  }
  await open(files[0] ?? NEW_FILE);

  editor.onDidChangeModelContent(() => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), SAVE_DELAY_MS);
  });
  picker.addEventListener("change", () => void open(picker.value));
  const applyFile = async () => {
    await save();
    sandbox.run(`kubectl apply -f ${current}`);
  };
  apply.addEventListener("click", () => void applyFile());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void applyFile());
  await sandbox.watchFiles(async (path) => {
    await refreshPicker();
    // The shell rewrote the open file (e.g. `cat > web.yaml <<EOF`): show its new text.
    if (path === current) {
      const text = await sandbox.readFile(path).catch(() => undefined);
      if (text !== undefined && text !== synced && editor.getValue() === synced) {
        synced = text;
        editor.setValue(text);
      }
    }
  });
  host.dataset.editorReady = "";
  return editor;
}
