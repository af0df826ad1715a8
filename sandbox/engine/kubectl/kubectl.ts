import type { CommandContext } from "../shell/command.ts";
import type { KubectlVerb, VerbLoader } from "./command.ts";
import { flagErrorText, GLOBAL_FLAGS, parseFlags } from "./flags.ts";
import { currentNamespace, hasContext } from "./kubeconfig.ts";
import { loadYamlParser } from "./manifests/yaml-parser.ts";
import { READ_VERBS } from "./read-verbs.ts";
import { suggestionsFor } from "./suggest.ts";
import { KUBECTL_COMMANDS } from "./verbs.ts";
import { WRITE_VERBS } from "./write-verbs.ts";

/**
 * The verbs this sandbox implements, one file each under commands/. Register new verbs here.
 * Each is imported on first use (see VerbLoader): the worker starts without any verb's code.
 */
const VERBS: Record<string, VerbLoader> = {
  exec: async () => (await import("./commands/exec.ts")).exec,
  logs: async () => (await import("./commands/logs.ts")).logs,
  top: async () => (await import("./commands/top.ts")).top,
  ...READ_VERBS,
  ...WRITE_VERBS,
};
/** Verbs already imported: once loaded, a verb starts within the same tick, as it always did. */
const loaded = new Map<string, KubectlVerb>();

async function loadVerb(name: string): Promise<KubectlVerb> {
  const verb = await VERBS[name]!();
  loaded.set(name, verb);
  return verb;
}

/** The verb this sandbox implements under `name` (loaded on first use), for tab completion. */
export async function verbNamed(name: string): Promise<KubectlVerb | undefined> {
  if (!Object.hasOwn(VERBS, name)) return undefined;
  return loaded.get(name) ?? loadVerb(name);
}

/**
 * Imports every verb (and the YAML parser) now. The browser never calls it (they load on first
 * use); Node callers that rely on a command starting synchronously, such as tests that write
 * while a watch runs, do.
 */
export async function loadAllVerbs(): Promise<void> {
  await Promise.all([...Object.keys(VERBS).map(loadVerb), loadYamlParser()]);
}

/** `kubectl ...`: finds the verb (global flags may come first), parses its flags and runs it. */
export async function kubectl(ctx: CommandContext): Promise<number> {
  const words = ctx.argv.slice(1);
  const found = findVerb(words);
  if ("error" in found) {
    ctx.stderr(found.error);
    return 1;
  }
  const { verbIndex } = found;
  if (verbIndex < 0) {
    ctx.stdout((await import("./help/kubectl.ts")).HELP);
    return 0;
  }
  const verbName = words[verbIndex]!;
  if (!Object.hasOwn(VERBS, verbName)) return unknownVerb(ctx, verbName);
  let verb = loaded.get(verbName) ?? (await loadVerb(verbName));
  let commandPath = `kubectl ${verbName}`;
  let rest = [...words.slice(0, verbIndex), ...words.slice(verbIndex + 1)];
  const subName = rest[verbIndex] ?? "";
  const sub =
    verb.subcommands && Object.hasOwn(verb.subcommands, subName) ? verb.subcommands[subName] : undefined;
  if (sub) {
    commandPath += ` ${subName}`;
    rest = [...rest.slice(0, verbIndex), ...rest.slice(verbIndex + 1)];
    verb = sub;
  }
  const parsed = parseFlags(rest, verb.flags);
  if (!parsed.ok) {
    ctx.stderr(flagErrorText(commandPath, parsed.error));
    return 1;
  }
  const { flags } = parsed;
  if (flags.bool("help")) {
    ctx.stdout(verb.help);
    return 0;
  }
  const contextName = flags.changed.has("context") ? flags.string("context") : undefined;
  if (
    contextName !== undefined &&
    !commandPath.startsWith("kubectl config") &&
    !hasContext(ctx.env.cluster, contextName)
  ) {
    // clientcmd refuses to build a client for a context the kubeconfig does not have.
    ctx.stderr(`Error in configuration: context was not found for specified context: ${contextName}\n`);
    return 1;
  }
  const namespaceExplicit = flags.changed.has("namespace");
  // Manifests are read with the YAML library, which loads on first use (manifests/yaml-parser.ts).
  if (flags.changed.has("filename")) await loadYamlParser();
  return verb.run({
    ctx,
    flags,
    commandPath,
    namespace: namespaceExplicit ? flags.string("namespace") : currentNamespace(ctx.env.cluster, contextName),
    namespaceExplicit,
  });
}

/**
 * The index of the verb among the words, skipping global flags (and their values) written before
 * it, as cobra does for `kubectl -n dev get pods`. -1 when there is no verb.
 */
function findVerb(words: readonly string[]): { verbIndex: number } | { error: string } {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith("-") || word === "-") return { verbIndex: i };
    const long = word.startsWith("--");
    const name = long ? word.slice(2).split("=")[0]! : word.slice(1, 2);
    const spec = GLOBAL_FLAGS.find((s) => (long ? s.name === name : s.shorthand === name));
    if (!spec) return { error: `Error: flags cannot be placed before plugin name: ${word}\n` };
    const hasInlineValue = long ? word.includes("=") : word.length > 2;
    if (spec.type !== "bool" && !hasInlineValue) {
      if (i + 1 >= words.length) {
        const shown = long ? `--${name}` : `'${name}' in -${name}`;
        return { error: flagErrorText("kubectl", `flag needs an argument: ${shown}`) };
      }
      i++;
    }
  }
  return { verbIndex: -1 };
}

function unknownVerb(ctx: CommandContext, verb: string): number {
  if ((KUBECTL_COMMANDS as readonly string[]).includes(verb)) {
    ctx.stderr(`error: "kubectl ${verb}" is not available in this sandbox yet\n`);
    return 1;
  }
  const suggestions = suggestionsFor(verb, KUBECTL_COMMANDS);
  const hint =
    suggestions.length > 0 ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join("")}` : "";
  ctx.stderr(`Error: unknown command "${verb}" for "kubectl"${hint}\n`);
  return 1;
}
