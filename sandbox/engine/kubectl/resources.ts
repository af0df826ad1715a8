/**
 * Resolving what a learner names on the command line: type words (`sts`, `StatefulSet`,
 * `statefulsets.apps`, `deployments.v1.apps`, `sts,pods`, `all`) and the TYPE NAME / TYPE/NAME
 * argument forms, with the argument errors of cli-runtime's resource.Builder.
 */
import { qualifiedResource, RESOURCE_TYPES, type ResourceType } from "../cluster/kinds.ts";

/** The `all` category in the order discovery returns it (kubectl.md §1). Unserved kinds are skipped. */
const ALL_CATEGORY = [
  "pods",
  "replicationcontrollers",
  "services",
  "daemonsets.apps",
  "deployments.apps",
  "replicasets.apps",
  "statefulsets.apps",
  "horizontalpodautoscalers.autoscaling",
  "cronjobs.batch",
  "jobs.batch",
];

/**
 * The type a word names, or undefined. Case-insensitive; accepts plural, singular, short name,
 * Kind, and the same followed by `.group` or `.version.group`.
 */
export function resolveType(word: string): ResourceType | undefined {
  const lower = word.toLowerCase();
  const matchesName = (t: ResourceType, name: string) =>
    t.plural === name || t.singular === name || t.kind.toLowerCase() === name || t.shortNames.includes(name);
  const exact = RESOURCE_TYPES.find((t) => matchesName(t, lower));
  if (exact) return exact;
  const dot = lower.indexOf(".");
  if (dot < 0) return undefined;
  const name = lower.slice(0, dot);
  const qualifier = lower.slice(dot + 1);
  return RESOURCE_TYPES.find(
    (t) =>
      matchesName(t, name) &&
      (qualifier === t.group ||
        qualifier === `${t.version}.${t.group}` ||
        (t.group === "" && qualifier === t.version)),
  );
}

/** The message for a type word the server does not serve; quotes the resource part only. */
export function unknownTypeMessage(word: string): string {
  return `the server doesn't have a resource type "${word.split(".")[0]}"`;
}

/** `statefulset.apps`, `pod`: how kubectl prefixes names (`statefulset.apps/web`). */
export function kindPrefix(type: ResourceType): string {
  const kind = type.kind.toLowerCase();
  return type.group === "" ? kind : `${kind}.${type.group}`;
}

export { qualifiedResource };

/** Splits `a,b,a` into unique words in order (cli-runtime's SplitResourceArgument). */
export function splitResourceArgument(arg: string): string[] {
  return [...new Set(arg.split(","))];
}

/** Replaces the `all` category by its members in a comma list of type words. */
function expandCategories(arg: string): string {
  return arg
    .split(",")
    .map((word) =>
      word.toLowerCase() === "all"
        ? ALL_CATEGORY.filter((member) => resolveType(member) !== undefined).join(",")
        : word,
    )
    .join(",");
}

export interface BuilderOptions {
  /** The words that are not flags. */
  args: readonly string[];
  /** The namespace from -n or the context. */
  namespace: string;
  allNamespaces: boolean;
  /** -l as typed ("" when absent). */
  labelSelector: string;
  /** --field-selector as typed ("" when absent). */
  fieldSelector: string;
  /** `get pods` lists everything; verbs like describe allow the same. */
  allowEmptySelector: boolean;
  /** `get -w`: only one type may be watched. */
  singleResourceType?: boolean;
}

/** One request the builder resolved to: a whole list (with the selectors) or one named object. */
export interface ResourceTarget {
  type: ResourceType;
  /** undefined for cluster-scoped kinds and for -A lists. */
  namespace: string | undefined;
  /** Set when one object was asked for by name. */
  name?: string;
}

export type BuilderResult =
  | {
      ok: true;
      targets: ResourceTarget[];
      /** Exactly one object was named, so it prints bare (not in a List) and NotFound is an error. */
      singleItemImplied: boolean;
      /** The targets are lists filtered by selectors, not names. */
      bySelector: boolean;
    }
  | { ok: false; error: string };

/**
 * What cli-runtime's Builder.ResourceTypeOrNameArgs + Do() resolve arguments to, with its errors in
 * its order. Lists carry the namespace to list in; names are fetched one by one by the caller.
 */
export function buildTargets(options: BuilderOptions): BuilderResult {
  let args = normalizeMultipleResourcesArgs([...options.args]);
  const slashed = args.filter((a) => a.includes("/")).length;
  if (slashed > 0 && slashed !== args.length) {
    return {
      ok: false,
      error:
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    };
  }
  const namespaceFor = (type: ResourceType) => (type.namespaced ? options.namespace : undefined);
  const byNameNamespaceError = () =>
    options.allNamespaces
      ? "a resource cannot be retrieved by name across all namespaces"
      : "namespace may not be empty when retrieving a resource by name";

  if (slashed > 0) {
    const tuples: { resource: string; name: string }[] = [];
    for (const arg of args) {
      const segments = arg.split("/");
      if (segments.length !== 2) {
        return { ok: false, error: "arguments in resource/name form may not have more than one slash" };
      }
      const [resource, name] = segments as [string, string];
      if (resource === "" || name === "" || splitResourceArgument(resource).length !== 1) {
        return { ok: false, error: "arguments in resource/name form must have a single resource and name" };
      }
      tuples.push({ resource, name });
    }
    if (options.labelSelector || options.fieldSelector) {
      return {
        ok: false,
        error: "selectors and the all flag cannot be used when passing resource/name arguments",
      };
    }
    const targets: ResourceTarget[] = [];
    const canonical = new Set<ResourceType>();
    for (const { resource, name } of tuples) {
      const type = resolveType(resource);
      if (!type) return { ok: false, error: unknownTypeMessage(resource) };
      canonical.add(type);
      if (type.namespaced && options.allNamespaces) return { ok: false, error: byNameNamespaceError() };
      targets.push({ type, namespace: namespaceFor(type), name });
    }
    if (canonical.size > 1 && options.singleResourceType) {
      return { ok: false, error: "you may only specify a single resource type" };
    }
    return { ok: true, targets, singleItemImplied: targets.length === 1, bySelector: false };
  }

  if (args.length === 0) {
    return { ok: false, error: "You must provide one or more resources by argument or filename." };
  }
  args = [expandCategories(args[0]!), ...args.slice(1)];
  const typeWords = splitResourceArgument(args[0]!);
  const names = args.slice(1);
  const hasSelector = options.labelSelector !== "" || options.fieldSelector !== "";

  if (hasSelector || (names.length === 0 && options.allowEmptySelector)) {
    if (names.length > 0) return { ok: false, error: "name cannot be provided when a selector is specified" };
    if (typeWords.length > 1 && options.singleResourceType) {
      return { ok: false, error: "you may only specify a single resource type" };
    }
    const types = resolveAll(typeWords);
    if ("error" in types) return { ok: false, error: types.error };
    const targets = types.types.map((type) => ({
      type,
      namespace: options.allNamespaces ? undefined : namespaceFor(type),
    }));
    return { ok: true, targets, singleItemImplied: false, bySelector: true };
  }

  if (names.length === 0) {
    const types = resolveAll(typeWords);
    if ("error" in types) return { ok: false, error: types.error };
    return { ok: false, error: "resource(s) were provided, but no name was specified" };
  }
  if (typeWords.length > 1) return { ok: false, error: "you must specify only one resource" };
  const type = resolveType(typeWords[0]!);
  if (!type) return { ok: false, error: unknownTypeMessage(typeWords[0]!) };
  if (type.namespaced && options.allNamespaces) return { ok: false, error: byNameNamespaceError() };
  const targets = names.map((name) => ({ type, namespace: namespaceFor(type), name }));
  return { ok: true, targets, singleItemImplied: names.length === 1, bySelector: false };
}

/** `a,b x y` → `a/x a/y b/x b/y` (cli-runtime's normalizeMultipleResourcesArgs). */
function normalizeMultipleResourcesArgs(args: string[]): string[] {
  if (args.length < 2) return args;
  const resources = splitResourceArgument(args[0]!);
  if (resources.length <= 1) return args;
  return resources.flatMap((resource) => args.slice(1).map((name) => `${resource}/${name}`));
}

/** Resolves type words, dropping repeats of the same type (`pods,po`), in the order given. */
function resolveAll(words: readonly string[]): { types: ResourceType[] } | { error: string } {
  const types: ResourceType[] = [];
  for (const word of words) {
    const type = resolveType(word);
    if (!type) return { error: unknownTypeMessage(word) };
    if (!types.includes(type)) types.push(type);
  }
  return { types };
}
