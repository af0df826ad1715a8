/**
 * Monaco as the sandbox uses it, loaded only with the editor: the core, the editing features a
 * manifest needs, YAML highlighting, and monaco-yaml's language service (validation markers,
 * completion, hover) over the Kubernetes schema generated at build time (virtual:k8s-schema),
 * which its worker carries (yaml.worker.ts).
 */
import * as monaco from "monaco-editor/editor/editor.api.js";
import "monaco-editor/features/bracketMatching/register.js";
import "monaco-editor/features/clipboard/register.js";
import "monaco-editor/features/comment/register.js";
import "monaco-editor/features/contextmenu/register.js";
import "monaco-editor/features/find/register.js";
import "monaco-editor/features/folding/register.js";
import "monaco-editor/features/gotoError/register.js";
import "monaco-editor/features/hover/register.js";
import "monaco-editor/features/indentation/register.js";
import "monaco-editor/features/linesOperations/register.js";
import "monaco-editor/features/snippet/register.js";
import "monaco-editor/features/suggest/register.js";
import "monaco-editor/features/wordHighlighter/register.js";
import { conf, language } from "monaco-editor/languages/definitions/yaml/yaml.js";
// The suggest feature registers inline completions only: the suggest widget and the commands it
// binds (Enter, Tab, arrows) come with its controller and the core commands.
import "monaco-editor/editor/browser/coreCommands.js";
import "monaco-editor/editor/contrib/suggest/browser/suggestController.js";
import EditorWorker from "monaco-editor/editor/editor.worker.js?worker";
import { configureMonacoYaml } from "monaco-yaml";
import { KUBERNETES_SCHEMA_URI } from "./schema-uri.ts";
import YamlWorker from "./yaml.worker.ts?worker";

export { monaco };

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

// YAML registered with its tokenizer at hand, rather than by Monaco's register.js, which loads it
// lazily: the first file is coloured when it is shown, without a round trip after the editor's.
monaco.languages.register({ id: "yaml", extensions: [".yaml", ".yml"], aliases: ["YAML", "yaml"] });
monaco.languages.setMonarchTokensProvider("yaml", language);
monaco.languages.setLanguageConfiguration("yaml", conf);

/**
 * monaco-yaml 5.5.1 creates its worker with Monaco's pre-0.53 call (a `moduleId` for the default
 * worker to load), which Monaco 0.57 no longer honours: requests would reach the plain editor
 * worker. This hands Monaco a started YAML worker instead, as Monaco's own JSON language does:
 * the worker reads one message to start and then its creation data.
 */
type WorkerHost = Parameters<typeof monaco.editor.createWebWorker>[0]["host"];
const createWebWorker = ((options: { createData?: unknown; host?: WorkerHost }) => {
  const worker = new YamlWorker();
  worker.postMessage("ignore");
  worker.postMessage(options.createData);
  return monaco.editor.createWebWorker({ worker, host: options.host });
}) as unknown as typeof monaco.editor.createWebWorker;

configureMonacoYaml({ ...monaco, editor: { ...monaco.editor, createWebWorker } } as typeof monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  format: { enable: false },
  // The schema's body is added in the worker (yaml.worker.ts).
  schemas: [{ uri: KUBERNETES_SCHEMA_URI, fileMatch: ["*"] }],
});
