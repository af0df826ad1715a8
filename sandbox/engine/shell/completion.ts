/**
 * Tab completion, as bash with kubectl's completion script offers it: command names, kubectl
 * verbs and subcommands, resource types, object names from the live cluster, flags, namespaces,
 * contexts and file names. Every table comes from where the engine already keeps it (the shell's
 * commands, kubectl's verbs and flags, the resource types, the filesystem); nothing is copied.
 * Pure apart from reading those: it never writes to the cluster or the files.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster/cluster.ts";
import { RESOURCE_TYPES } from "../cluster/kinds.ts";
import type { KubeObject } from "../cluster/types.ts";
import { type FileSystem, resolvePath } from "../fs/file-tree.ts";
import type { KubectlVerb } from "../kubectl/command.ts";
import { type FlagSpec, GLOBAL_FLAGS } from "../kubectl/flags.ts";
import { currentNamespace, kubeconfigOf } from "../kubectl/kubeconfig.ts";
import { verbNamed } from "../kubectl/kubectl.ts";
import { ALLOWED as OUTPUT_FORMATS } from "../kubectl/printers/output.ts";
import { resolveType } from "../kubectl/resources.ts";
import { KUBECTL_COMMANDS } from "../kubectl/verbs.ts";

/** What completion reads: the shell the line goes to and, on the host, the cluster. */
export interface CompletionContext {
  /** Everything the shell can run by name: builtins, programs on PATH, functions, aliases. */
  commands: readonly string[];
  /**
   * The shell's aliases: a line starting with one is completed as its value would be, so that
   * `k get po<Tab>` works after `alias k=kubectl` (what kubectl's documentation sets up with
   * `complete -o default -F __start_kubectl k`).
   */
  aliases?: ReadonlyMap<string, string>;
  fs: FileSystem;
  cwd: string;
  /** `~/` in a word stands for this directory. */
  home?: string;
  /** The cluster kubectl talks to; undefined where kubectl is not installed (inside a pod). */
  cluster?: Cluster;
}

export interface Completion {
  /** Where (in UTF-16 code units of the line) the word being completed starts. */
  replaceFrom: number;
  /** Whole words that may replace line[replaceFrom, cursor), sorted, each extending that text. */
  candidates: string[];
  /** Candidates are paths: a listing shows only their last component, as bash does. */
  filenames: boolean;
}

interface Word {
  text: string;
  start: number;
}

/** Verbs whose first argument is a resource type (or TYPE/NAME) and whose next ones are names. */
const TYPED_VERBS = new Set([
  "get",
  "describe",
  "delete",
  "edit",
  "label",
  "annotate",
  "patch",
  "scale",
  "wait",
  "expose",
  "history",
  "restart",
  "status",
  "undo",
  "pause",
  "resume",
  "image",
]);
/** Verbs that take a pod (or TYPE/NAME) first. */
const POD_VERBS = new Set(["logs", "exec", "attach", "port-forward"]);
const NODE_VERBS = new Set(["cordon", "uncordon", "drain"]);
/** `watch -n 2 kubectl get pods`: the command after watch's own options is completed as a command. */
const WRAPPERS: Record<string, readonly string[]> = { watch: ["-n", "--interval"], xargs: [] };

const NONE = (replaceFrom: number): Completion => ({ replaceFrom, candidates: [], filenames: false });

export async function complete(
  context: CompletionContext,
  line: string,
  cursor: number,
): Promise<Completion> {
  const at = Math.max(0, Math.min(line.length, Number.isFinite(cursor) ? Math.trunc(cursor) : line.length));
  const split = splitCommand(line.slice(0, at));
  if (!split) return NONE(at);
  const { words, current, afterRedirect } = split;
  const result = (candidates: Iterable<string>, filenames = false): Completion => ({
    replaceFrom: current.start,
    candidates: [...new Set(candidates)].filter((c) => c.startsWith(current.text) && c !== "").sort(),
    filenames,
  });
  if (afterRedirect) return result(fileCandidates(context, current.text, false), true);
  const typed = stripWrappers(words.filter((w, i) => i > 0 || !isAssignment(w.text)).map((w) => w.text));
  const aliased = typed[0] === undefined ? undefined : context.aliases?.get(typed[0]);
  const command =
    aliased === undefined ? typed : [...aliased.split(/[ \t]+/).filter(Boolean), ...typed.slice(1)];
  if (command.length === 0) {
    if (current.text.includes("/")) return result(fileCandidates(context, current.text, false), true);
    return result(context.commands);
  }
  if (command[0] === "kubectl" && context.cluster) {
    const { words: candidates, filenames } = await kubectlCandidates(
      context,
      context.cluster,
      command.slice(1),
      current.text,
    );
    return result(candidates, filenames);
  }
  return result(fileCandidates(context, current.text, command[0] === "cd"), true);
}

/**
 * The words of the simple command the cursor is in, and the (unfinished) word at the cursor.
 * Undefined when the word at the cursor is quoted, escaped or expanded: what it means is then
 * not plain text, so nothing is offered rather than something wrong.
 */
function splitCommand(text: string): { words: Word[]; current: Word; afterRedirect: boolean } | undefined {
  let words: Word[] = [];
  let word: Word | undefined;
  let quote: string | undefined;
  /** The word being read (or the next one) is a redirection's target: a file name. */
  let redirect = false;
  const end = () => {
    if (word) {
      if (redirect) redirect = false;
      else words.push(word);
    }
    word = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      word!.text += ch;
      continue;
    }
    if (ch === " " || ch === "\t") {
      end();
    } else if (ch === "&" && (text[i - 1] === ">" || text[i - 1] === "<")) {
      // `2>&1` duplicates a descriptor: no file name follows.
      redirect = false;
    } else if ("|;&()`\n".includes(ch)) {
      end();
      words = [];
      redirect = false;
    } else if (ch === "<" || ch === ">") {
      end();
      redirect = true;
    } else {
      word ??= { text: "", start: i };
      if (ch === "'" || ch === '"') quote = ch;
      word.text += ch;
      if (ch === "\\") {
        // An escaped character stays in the word, whatever it is.
        i++;
        if (i < text.length) word.text += text[i];
      }
    }
  }
  const current = word ?? { text: "", start: text.length };
  if (quote || /["'\\$`{}*?[]/.test(current.text)) return undefined;
  return { words, current, afterRedirect: redirect };
}

function isAssignment(word: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
}

/** Drops leading `watch [-n N]`, `xargs`: what follows them is a command of its own. */
function stripWrappers(words: string[]): string[] {
  let rest = words;
  while (rest.length > 0 && Object.hasOwn(WRAPPERS, rest[0]!)) {
    const valued = WRAPPERS[rest[0]!]!;
    let i = 1;
    while (i < rest.length && rest[i]!.startsWith("-")) i += valued.includes(rest[i]!) ? 2 : 1;
    rest = rest.slice(i);
  }
  return rest;
}

/** What a kubectl command line so far says: its verb, positional words, namespace, open flag. */
interface KubectlLine {
  verb: KubectlVerb | undefined;
  verbName: string | undefined;
  /** The verb's subcommand name when one was given (`rollout status`). */
  subName: string | undefined;
  positionals: string[];
  namespace: string | undefined;
  /** `-c NAME` / `--container=NAME`: the container exec, logs and attach talk to. */
  container: string | undefined;
  /** How many positional words came before `--` (after it, exec's command begins). */
  beforeDash: number;
  /** A flag that still waits for its value (the word being completed is that value). */
  pending: FlagSpec | undefined;
  afterDash: boolean;
}

async function readKubectlLine(args: readonly string[]): Promise<KubectlLine> {
  const line: KubectlLine = {
    verb: undefined,
    verbName: undefined,
    subName: undefined,
    positionals: [],
    namespace: undefined,
    container: undefined,
    beforeDash: 0,
    pending: undefined,
    afterDash: false,
  };
  for (const word of args) {
    if (line.pending) {
      if (line.pending.name === "namespace") line.namespace = word;
      if (line.pending.name === "container") line.container = word;
      line.pending = undefined;
    } else if (line.afterDash) {
      line.positionals.push(word);
    } else if (word === "--") {
      line.afterDash = true;
      line.beforeDash = line.positionals.length;
    } else if (word.startsWith("-") && word.length > 1) {
      const long = word.startsWith("--");
      const name = long ? word.slice(2).split("=")[0]! : word.slice(1, 2);
      const spec = flagsOf(line.verb).find((s) => (long ? s.name === name : s.shorthand === name));
      const inline = long ? word.includes("=") : word.length > 2;
      if (spec && spec.type !== "bool" && !inline) line.pending = spec;
      const value = long ? word.slice(word.indexOf("=") + 1) : word.slice(2).replace(/^=/, "");
      if (spec?.name === "namespace" && inline) line.namespace = value;
      if (spec?.name === "container" && inline) line.container = value;
    } else if (!line.verbName) {
      line.verbName = word;
      line.verb = await verbNamed(word);
    } else if (
      line.verb?.subcommands &&
      !line.subName &&
      line.positionals.length === 0 &&
      Object.hasOwn(line.verb.subcommands, word)
    ) {
      line.subName = word;
      line.verb = line.verb.subcommands[word];
    } else {
      line.positionals.push(word);
    }
  }
  return line;
}

function flagsOf(verb: KubectlVerb | undefined): readonly FlagSpec[] {
  return verb ? [...verb.flags, ...GLOBAL_FLAGS] : GLOBAL_FLAGS;
}

async function kubectlCandidates(
  context: CompletionContext,
  cluster: Cluster,
  args: readonly string[],
  word: string,
): Promise<{ words: string[]; filenames: boolean }> {
  const line = await readKubectlLine(args);
  const files = line.pending?.name === "filename" || /^--filename=|^-f=?/.test(word);
  return { words: await kubectlWords(context, cluster, line, word), filenames: files };
}

async function kubectlWords(
  context: CompletionContext,
  cluster: Cluster,
  line: KubectlLine,
  word: string,
): Promise<string[]> {
  const namespace = line.namespace ?? currentNamespace(cluster);
  if (line.pending) return flagValues(context, cluster, line, line.pending, word);
  if (line.afterDash) {
    // `kubectl exec POD -- ` runs a program of the container: offer what its image has.
    const commandWord = line.verbName === "exec" && line.beforeDash === 1 && line.positionals.length === 1;
    return commandWord ? containerCommands(cluster, line, namespace) : [];
  }
  if (word.startsWith("-")) {
    const eq = word.indexOf("=");
    if (word.startsWith("--") && eq > 0) {
      const spec = flagsOf(line.verb).find((s) => s.name === word.slice(2, eq));
      if (!spec) return [];
      const prefix = word.slice(0, eq + 1);
      return (await flagValues(context, cluster, line, spec, word.slice(eq + 1))).map(
        (value) => prefix + value,
      );
    }
    return flagsOf(line.verb).map((s) => `--${s.name}`);
  }
  if (!line.verbName) return [...KUBECTL_COMMANDS];
  if (!line.verb) return [];
  if (line.verb.subcommands && !line.subName && line.positionals.length === 0) {
    return Object.keys(line.verb.subcommands);
  }
  const verbKey = line.subName ?? line.verbName;
  const first = line.positionals[0];
  if (NODE_VERBS.has(verbKey)) return namesOf(cluster, "nodes", namespace);
  if (verbKey === "explain") return line.positionals.length === 0 ? typeWords() : [];
  if (POD_VERBS.has(verbKey)) {
    if (line.positionals.length > 0) return [];
    return word.includes("/") ? typedNames(cluster, word, namespace) : namesOf(cluster, "pods", namespace);
  }
  if (!TYPED_VERBS.has(verbKey)) return [];
  if (first === undefined) {
    if (word.includes("/")) return typedNames(cluster, word, namespace);
    // `get sts,po`: a comma-separated list of types, the last one being typed.
    const comma = word.lastIndexOf(",");
    return comma < 0 ? typeWords() : typeWords().map((type) => word.slice(0, comma + 1) + type);
  }
  if (first.includes("/") || first.includes(","))
    return word.includes("/") ? typedNames(cluster, word, namespace) : [];
  return namesOf(cluster, first, namespace);
}

/** Values a flag takes, where the sandbox knows them. */
async function flagValues(
  context: CompletionContext,
  cluster: Cluster,
  line: KubectlLine,
  spec: FlagSpec,
  word: string,
): Promise<string[]> {
  switch (spec.name) {
    case "container":
      // As kubectl's CompGetContainers: the init containers and containers of the named pod.
      return containersOf(podOf(cluster, line, line.namespace ?? currentNamespace(cluster))).map(
        (c) => c.name,
      );
    case "namespace":
      return namesOf(cluster, "namespaces", undefined);
    case "context":
      return kubeconfigOf(cluster).contexts.map((c) => c.name);
    case "filename":
      return fileCandidates(context, word, false);
    case "output":
      return OUTPUT_FORMATS.split(",");
    default:
      return [];
  }
}

/** The pod a line's first positional names (`web-0` or `pod/web-0`), if it exists. */
function podOf(cluster: Cluster, line: KubectlLine, namespace: string): Pod | undefined {
  const first = line.positionals[0];
  if (first === undefined) return undefined;
  const slash = first.indexOf("/");
  if (slash >= 0 && resolveType(first.slice(0, slash))?.kind !== "Pod") return undefined;
  const name = first.slice(slash + 1);
  const pod = cluster.api.list("Pod", { namespace }).find((p) => p.metadata.name === name);
  return pod as unknown as Pod | undefined;
}

function containersOf(pod: Pod | undefined): Container[] {
  return [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])];
}

/** The commands on the PATH of the container `kubectl exec` would run in (as exec picks it). */
async function containerCommands(cluster: Cluster, line: KubectlLine, namespace: string): Promise<string[]> {
  const pod = podOf(cluster, line, namespace);
  const containers = pod?.spec?.containers ?? [];
  const annotated = pod?.metadata?.annotations?.["kubectl.kubernetes.io/default-container"];
  const container = line.container
    ? containersOf(pod).find((c) => c.name === line.container)
    : (containers.find((c) => c.name === annotated) ?? containers[0]);
  if (!pod || !container) return [];
  // Loaded on first use: the pod shell brings every tool, which the host's start-up does not need.
  const { commandNames } = await import("./pod-shell.ts");
  return commandNames(cluster, pod as unknown as KubeObject, container);
}

/** Plural, singular and short names of every type the API serves. */
function typeWords(): string[] {
  return RESOURCE_TYPES.flatMap((t) => [t.plural, t.singular, ...t.shortNames]);
}

/** `sts/we` → `sts/web` for every StatefulSet whose name fits. */
function typedNames(cluster: Cluster, word: string, namespace: string): string[] {
  const slash = word.indexOf("/");
  const typeWord = word.slice(0, slash);
  return namesOf(cluster, typeWord, namespace).map((name) => `${typeWord}/${name}`);
}

function namesOf(cluster: Cluster, typeWord: string, namespace: string | undefined): string[] {
  const type = resolveType(typeWord);
  if (!type) return [];
  return cluster.api
    .list(type.kind, type.namespaced && namespace !== undefined ? { namespace } : {})
    .map((object) => object.metadata.name);
}

/** Entries of the directory the word points into, directories with a trailing slash. */
function fileCandidates(context: CompletionContext, word: string, directoriesOnly: boolean): string[] {
  const slash = word.lastIndexOf("/");
  const dirPart = word.slice(0, slash + 1);
  const base = word.slice(slash + 1);
  const home = context.home ?? "/";
  const dirPath = dirPart === "" ? "." : dirPart.startsWith("~/") ? home + dirPart.slice(1) : dirPart;
  const dir = resolvePath(context.cwd, dirPath);
  if (context.fs.stat(dir)?.type !== "dir") return [];
  const candidates: string[] = [];
  for (const name of context.fs.list(dir)) {
    if (!name.startsWith(base) || (name.startsWith(".") && !base.startsWith("."))) continue;
    const isDir = context.fs.stat(resolvePath(dir, name))?.type === "dir";
    if (directoriesOnly && !isDir) continue;
    candidates.push(`${dirPart}${escapeWord(name)}${isDir ? "/" : ""}`);
  }
  return candidates;
}

/** A file name as a shell word: characters the shell would split or expand are backslashed. */
function escapeWord(name: string): string {
  return name.replace(/[\s"'\\$`|&;()<>*?[\]{}!#~]/g, "\\$&");
}
