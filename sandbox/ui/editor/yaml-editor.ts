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

export function mountYamlEditor(host: HTMLElement): monaco.editor.IStandaloneCodeEditor {
  const dark = document.documentElement.dataset.theme !== "light";
  const editor = monaco.editor.create(host, {
    value: STARTER,
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
  host.dataset.editorReady = "";
  return editor;
}
