/**
 * kubectl create (pkg/cmd/create/*): `-f` creates every object read (errors after the success
 * lines, as apply does), and the generators build one object each: deployment, service
 * clusterip|nodeport|loadbalancer, namespace, configmap, secret generic. `--dry-run=client -o yaml`
 * prints the generated object instead of sending it.
 */
import type { ResourceType } from "../../cluster/kinds.ts";
import { resourceTypeForKind } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { resolvePath } from "../../fs/file-tree.ts";
import { type DryRun, writeOptions } from "../apply/apply-object.ts";
import { withLastApplied } from "../apply/last-applied.ts";
import { setOwn } from "../apply/strategic-merge.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorLine, errorsText, withSource } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/create.ts";
import { objectsFromFiles } from "../manifests/from-flags.ts";
import {
  configMapObject,
  deploymentObject,
  namespaceObject,
  type ServiceType,
  secretObject,
  serviceObject,
  withoutNulls,
} from "../manifests/generators.ts";
import { parseOutputFormat, printObjects } from "../printers/output.ts";

const OUTPUT_FLAGS: readonly FlagSpec[] = [
  COMMON_FLAGS.output,
  DRY_RUN_FLAG,
  { name: "save-config", type: "bool", default: false, usage: "" },
  { name: "validate", type: "string", default: "strict", usage: "" },
  { name: "field-manager", type: "string", default: "kubectl-create", usage: "" },
  { name: "show-managed-fields", type: "bool", default: false, usage: "" },
  { name: "template", type: "string", default: "", usage: "" },
  { name: "allow-missing-template-keys", type: "bool", default: true, usage: "" },
];

interface WriteSettings {
  dryRun: DryRun;
  output: string;
  saveConfig: boolean;
  /** --validate=strict (the default) asks the server for strict field validation. */
  strict: boolean;
}

function settingsOf(invocation: KubectlInvocation): WriteSettings | { error: string } {
  const dryRun = parseDryRun(invocation.flags.string("dry-run"));
  if (typeof dryRun === "object") return dryRun;
  const output = invocation.flags.string("output");
  const format = parseOutputFormat(output);
  if ("error" in format) return format;
  const strict = !["false", "ignore", "warn"].includes(invocation.flags.string("validate"));
  return { dryRun, output, saveConfig: invocation.flags.bool("save-config"), strict };
}

/**
 * Sends (or, in a dry run, only shows) one object and prints the `created` line or the -o output.
 * Returns the error instead of printing it so that `-f` can collect errors.
 */
function createOne(
  invocation: KubectlInvocation,
  type: ResourceType,
  object: KubeObject,
  settings: WriteSettings,
): unknown | undefined {
  const { ctx } = invocation;
  let toSend = object;
  if (settings.saveConfig) toSend = withLastApplied(object).object;
  let result = toSend;
  if (settings.dryRun !== "client") {
    try {
      result = ctx.env.cluster.api.create(
        withoutNulls(toSend),
        writeOptions(settings.dryRun, settings.strict),
      );
    } catch (error) {
      return error;
    }
  }
  if (settings.output === "" || settings.output === "name") {
    ctx.stdout(successLine(type, object.metadata.name, "created", settings));
    return undefined;
  }
  const format = parseOutputFormat(settings.output);
  if ("error" in format) return new Error(format.error);
  const printed = printObjects(format, [result], true);
  if ("error" in printed) return new Error(printed.error);
  ctx.stdout(printed.text);
  return undefined;
}

async function runFromFiles(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const settings = settingsOf(invocation);
  if ("error" in settings) return fail(invocation, settings.error);
  if (flags.strings("filename").length === 0) {
    ctx.stderr("Error: must specify one of -f and -k\n");
    return 1;
  }
  const read = objectsFromFiles(invocation);
  if ("fatal" in read) {
    ctx.stderr(errorsText(read.fatal.map((m) => new Error(m))));
    return 1;
  }
  const errors: unknown[] = read.errors.map((m) => new Error(m));
  for (const { object, type, source } of read.manifests) {
    const error = createOne(invocation, type, object, settings);
    if (error !== undefined) errors.push(withSource(error, "creating", source));
  }
  if (errors.length > 0) ctx.stderr(errorsText(errors));
  return errors.length > 0 ? 1 : 0;
}

function fail(invocation: KubectlInvocation, message: string): number {
  invocation.ctx.stderr(`error: ${message}\n`);
  return 1;
}

/** Runs a generator: exactly one NAME argument, then the object it builds. */
function generator(
  flags: readonly FlagSpec[],
  build: (invocation: KubectlInvocation, name: string) => KubeObject | { error: string },
  options: { namespaced: boolean } = { namespaced: true },
): KubectlVerb {
  return {
    flags: [...flags, ...OUTPUT_FLAGS],
    help: HELP,
    async run(invocation) {
      const settings = settingsOf(invocation);
      if ("error" in settings) return fail(invocation, settings.error);
      const [name, ...extra] = invocation.flags.args;
      if (name === undefined || extra.length > 0)
        return fail(invocation, `exactly one NAME is required, got ${invocation.flags.args.length}`);
      const built = build(invocation, name);
      if (!("apiVersion" in built)) return fail(invocation, String(built.error));
      const type = resourceTypeForKind(built.kind)!;
      const object =
        options.namespaced && type.namespaced
          ? { ...built, metadata: { ...built.metadata, namespace: invocation.namespace } }
          : built;
      const error = createOne(invocation, type, settings.dryRun === "client" ? built : object, settings);
      if (error === undefined) return 0;
      invocation.ctx.stderr(errorLine(error));
      return 1;
    },
  };
}

const deployment = generator(
  [
    { name: "image", type: "stringSlice", default: [], usage: "" },
    { name: "replicas", shorthand: "r", type: "int", default: 1, usage: "" },
    { name: "port", type: "int", default: -1, usage: "" },
  ],
  (invocation, name) => {
    const images = invocation.flags.strings("image");
    if (images.length === 0) return { error: 'required flag(s) "image" not set' };
    const port = invocation.flags.int("port");
    return deploymentObject(name, images, invocation.flags.int("replicas"), port >= 0 ? port : undefined);
  },
);

const SERVICE_TYPES: Record<string, ServiceType> = {
  clusterip: "ClusterIP",
  nodeport: "NodePort",
  loadbalancer: "LoadBalancer",
};

/** `create service <type> NAME`: the type word is the first argument here. */
const service: KubectlVerb = {
  flags: [
    { name: "tcp", type: "stringSlice", default: [], usage: "" },
    { name: "clusterip", type: "string", default: "", usage: "" },
    { name: "node-port", type: "int", default: 0, usage: "" },
    ...OUTPUT_FLAGS,
  ],
  help: HELP,
  async run(invocation) {
    const [typeWord = "", ...rest] = invocation.flags.args;
    const serviceType = SERVICE_TYPES[typeWord];
    if (!serviceType) {
      invocation.ctx.stderr(`error: Unknown service type "${typeWord}"\n`);
      return 1;
    }
    const inner = generator([], (inv, name) => {
      const tcp = inv.flags.strings("tcp");
      if (tcp.length === 0) return { error: "at least one tcp port specifier must be provided" };
      return serviceObject(name, serviceType, tcp, inv.flags.string("clusterip"), inv.flags.int("node-port"));
    });
    return inner.run({ ...invocation, flags: { ...invocation.flags, args: rest } });
  },
};

const namespace = generator([], (_invocation, name) => namespaceObject(name), { namespaced: false });

/** --from-literal=k=v and --from-file=[key=]path, in kubectl's order (files first, then literals). */
function dataFrom(
  invocation: KubectlInvocation,
  kind: string,
  name: string,
): Record<string, string> | { error: string } {
  const data: Record<string, string> = {};
  const add = (key: string, value: string): string | undefined => {
    if (Object.hasOwn(data, key))
      return `cannot add key "${key}", another key by that name already exists in Data for ${kind} "${name}"`;
    setOwn(data, key, value);
    return undefined;
  };
  const workspace = invocation.ctx.env.workspace;
  for (const source of invocation.flags.strings("from-file")) {
    const eq = source.indexOf("=");
    const path = eq >= 0 ? source.slice(eq + 1) : source;
    const node = workspace?.fs.stat(resolvePath(workspace.cwd, path));
    if (node?.type !== "file") return { error: `error reading ${path}: no such file or directory` };
    const key = eq >= 0 ? source.slice(0, eq) : (path.split("/").pop() ?? path);
    const error = add(key, node.content);
    if (error) return { error };
  }
  for (const literal of invocation.flags.strings("from-literal")) {
    const eq = literal.indexOf("=");
    if (eq <= 0) return { error: `invalid literal source ${literal}, expected key=value` };
    const error = add(literal.slice(0, eq), literal.slice(eq + 1));
    if (error) return { error };
  }
  return data;
}

const DATA_FLAGS: readonly FlagSpec[] = [
  { name: "from-literal", type: "stringArray", default: [], usage: "" },
  { name: "from-file", type: "stringSlice", default: [], usage: "" },
  { name: "from-env-file", type: "stringSlice", default: [], usage: "" },
  { name: "append-hash", type: "bool", default: false, usage: "" },
];

const configmap = generator(DATA_FLAGS, (invocation, name) => {
  const data = dataFrom(invocation, "ConfigMap", name);
  return "error" in data
    ? (data as { error: string })
    : configMapObject(name, data as Record<string, string>);
});

/** `create secret generic NAME`: the secret type word is the first argument here. */
const secret: KubectlVerb = {
  flags: [...DATA_FLAGS, { name: "type", type: "string", default: "", usage: "" }, ...OUTPUT_FLAGS],
  help: HELP,
  async run(invocation) {
    const [typeWord = "", ...rest] = invocation.flags.args;
    if (typeWord !== "generic") {
      invocation.ctx.stderr(`error: this sandbox supports "kubectl create secret generic" only\n`);
      return 1;
    }
    const inner = generator([], (inv, name) => {
      const data = dataFrom(inv, "Secret", name);
      return "error" in data
        ? (data as { error: string })
        : secretObject(name, data as Record<string, string>, inv.flags.string("type"));
    });
    return inner.run({ ...invocation, flags: { ...invocation.flags, args: rest } });
  },
};

export const create: KubectlVerb = {
  flags: [
    ...OUTPUT_FLAGS,
    COMMON_FLAGS.filename,
    COMMON_FLAGS.recursive,
    COMMON_FLAGS.selector,
    { name: "edit", type: "bool", default: false, usage: "" },
  ],
  help: HELP,
  run: runFromFiles,
  subcommands: {
    deployment,
    deploy: deployment,
    service,
    svc: service,
    namespace,
    ns: namespace,
    configmap,
    cm: configmap,
    secret,
  },
};
