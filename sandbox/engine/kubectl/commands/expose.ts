/**
 * kubectl expose (pkg/cmd/expose/expose.go, kubectl.md §20): a Service named after the object
 * (or --name) whose selector is the object's (a Deployment's / StatefulSet's / ReplicaSet's
 * matchLabels, a Service's selector, a Pod's labels), labels copied from the object, and ports from
 * --port or, without it, from the pod template's container ports. Prints `service/<name> exposed`.
 */
import { resourceTypeForKind } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorLine, errorsText } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/expose.ts";
import { liveTargets } from "../manifests/targets.ts";
import { parseOutputFormat, printObjects } from "../printers/output.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "port", type: "string", default: "", usage: "" },
  { name: "target-port", type: "string", default: "", usage: "" },
  { name: "protocol", type: "string", default: "", usage: "" },
  { name: "type", type: "string", default: "", usage: "" },
  { name: "name", type: "string", default: "", usage: "" },
  { name: "cluster-ip", type: "string", default: "", usage: "" },
  { name: "selector", type: "string", default: "", usage: "" },
  { name: "labels", shorthand: "l", type: "string", default: "", usage: "" },
  COMMON_FLAGS.filename,
  COMMON_FLAGS.recursive,
  DRY_RUN_FLAG,
  COMMON_FLAGS.output,
];

interface PodTemplateSpec {
  containers?: { ports?: { containerPort: number; protocol?: string; name?: string }[] }[];
}

/** The selector and container ports kubectl's MapBasedSelectorForObject / PortsForObject find. */
function introspect(object: KubeObject): {
  selector?: Record<string, string>;
  ports: { port: number; protocol: string }[];
} {
  const spec = (object.spec ?? {}) as {
    selector?: { matchLabels?: Record<string, string> } | Record<string, string>;
    template?: { spec?: PodTemplateSpec };
    ports?: { port: number; protocol?: string }[];
  } & PodTemplateSpec;
  const containerPorts = (podSpec: PodTemplateSpec | undefined) =>
    (podSpec?.containers ?? [])
      .flatMap((c) => c.ports ?? [])
      .map((p) => ({ port: p.containerPort, protocol: p.protocol ?? "TCP" }));
  switch (object.kind) {
    case "Pod":
      return { selector: object.metadata.labels ?? {}, ports: containerPorts(spec) };
    case "Service":
      return {
        selector: spec.selector as Record<string, string>,
        ports: (spec.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? "TCP" })),
      };
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
    case "ReplicationController": {
      const selector = spec.selector as { matchLabels?: Record<string, string> } | undefined;
      return {
        selector:
          object.kind === "ReplicationController"
            ? (spec.selector as Record<string, string>)
            : selector?.matchLabels,
        ports: containerPorts(spec.template?.spec),
      };
    }
    default:
      return { ports: [] };
  }
}

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const fail = (message: string) => {
    ctx.stderr(`error: ${message}\n`);
    return 1;
  };
  const dryRun = parseDryRun(flags.string("dry-run"));
  if (typeof dryRun === "object") return fail(dryRun.error);
  const resolved = liveTargets(invocation, { args: flags.args });
  if (!resolved.ok) return fail(resolved.error);
  const errors = [...resolved.errors];
  for (const { object } of resolved.targets) {
    const found = introspect(object);
    if (!found.selector) {
      errors.push(new Error(`cannot expose a ${object.kind}`));
      continue;
    }
    const protocol = flags.string("protocol") || undefined;
    let ports: Record<string, unknown>[];
    const targetPort = flags.string("target-port");
    const asPort = (text: string) => (/^\d+$/.test(text) ? Number(text) : text);
    if (flags.string("port")) {
      ports = flags
        .string("port")
        .split(",")
        .map((p) => ({ port: Number(p), protocol: protocol ?? "TCP", targetPort: asPort(targetPort || p) }));
    } else if (found.ports.length > 0) {
      ports = found.ports.map((p) => ({
        port: p.port,
        protocol: protocol ?? p.protocol,
        targetPort: targetPort ? asPort(targetPort) : p.port,
      }));
    } else {
      errors.push(new Error("couldn't find port via --port flag or introspection"));
      continue;
    }
    if (ports.length > 1) ports = ports.map((p, i) => ({ name: `port-${i + 1}`, ...p }));
    const name = flags.string("name") || object.metadata.name;
    const service: KubeObject = {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name,
        namespace: object.metadata.namespace ?? invocation.namespace,
        ...(object.metadata.labels ? { labels: { ...object.metadata.labels } } : {}),
      },
      spec: {
        ...(flags.string("cluster-ip") ? { clusterIP: flags.string("cluster-ip") } : {}),
        ports,
        selector: found.selector,
        ...(flags.string("type") ? { type: flags.string("type") } : {}),
      },
    };
    let result = service;
    if (dryRun === "none") {
      try {
        result = ctx.env.cluster.api.create(service);
      } catch (error) {
        errors.push(error);
        continue;
      }
    }
    const output = flags.string("output");
    if (output === "" || output === "name") {
      ctx.stdout(successLine(resourceTypeForKind("Service")!, name, "exposed", { dryRun, output }));
      continue;
    }
    const format = parseOutputFormat(output);
    if ("error" in format) return fail(format.error);
    const printed = printObjects(format, [result], true);
    if ("error" in printed) return fail(printed.error);
    ctx.stdout(printed.text);
  }
  if (errors.length === 1) {
    ctx.stderr(errorLine(errors[0]));
    return 1;
  }
  if (errors.length > 0) ctx.stderr(errorsText(errors));
  return errors.length > 0 ? 1 : 0;
}

export const expose: KubectlVerb = { flags: FLAGS, help: HELP, run };
