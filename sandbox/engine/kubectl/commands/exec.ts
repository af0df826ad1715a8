/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: runs a command
 * in a container's shell (the same interpreter as the host, over the container's files and the
 * image's commands), or with `-it POD -- sh|bash` makes that shell the terminal's session until
 * `exit`. Error texts follow kubectl's exec.go and the API server (kubectl.md §14).
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { ApiError } from "../../cluster/errors.ts";
import type { KubeObject } from "../../cluster/types.ts";
import type { ToolContext } from "../../shell/interpreter.ts";
import {
  createPodShell,
  imageOf,
  isShellProgram,
  type PodTarget,
  podSession,
} from "../../shell/pod-shell.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorLine, fail, usageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveType, unknownTypeMessage } from "../resources.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "container", shorthand: "c", type: "string", default: "", usage: "Container name." },
  {
    name: "filename",
    shorthand: "f",
    type: "stringSlice",
    default: [],
    usage: "to use to exec into the resource",
  },
  { name: "pod-running-timeout", type: "duration", default: 60_000, usage: "The length of time to wait." },
  {
    name: "quiet",
    shorthand: "q",
    type: "bool",
    default: false,
    usage: "Only print output from the remote session",
  },
  { name: "stdin", shorthand: "i", type: "bool", default: false, usage: "Pass stdin to the container" },
  { name: "tty", shorthand: "t", type: "bool", default: false, usage: "Stdin is a TTY" },
];

const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

/** Kinds whose pods `TYPE/NAME` picks from, and where their selector lives. */
function selectorOf(object: KubeObject): Record<string, string> | undefined {
  const spec = object.spec as {
    selector?: { matchLabels?: Record<string, string> } | Record<string, string>;
  };
  if (!spec?.selector) return undefined;
  if (object.kind === "Service" || object.kind === "ReplicationController")
    return spec.selector as Record<string, string>;
  return (spec.selector as { matchLabels?: Record<string, string> }).matchLabels;
}

/**
 * The pod a `POD` or `TYPE/NAME` argument means: for a workload or Service, its first pod (running
 * and ready ones first, then by name). Throws the API's NotFound, or returns an error text.
 */
export function findPod(inv: KubectlInvocation, argument: string): { pod: KubeObject } | { error: string } {
  const { cluster } = inv.ctx.env;
  const slash = argument.indexOf("/");
  if (slash < 0) return { pod: cluster.api.get("Pod", inv.namespace, argument) };
  const type = resolveType(argument.slice(0, slash));
  if (!type) return { error: unknownTypeMessage(argument.slice(0, slash)) };
  const name = argument.slice(slash + 1);
  if (type.kind === "Pod") return { pod: cluster.api.get("Pod", inv.namespace, name) };
  const owner = cluster.api.get(type.kind, inv.namespace, name);
  const selector = selectorOf(owner);
  const pods = selector ? cluster.api.list("Pod", { namespace: inv.namespace, labels: selector }) : [];
  const rank = (pod: KubeObject) => {
    const status = pod.status as Pod["status"];
    const ready = status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
    return (status?.phase === "Running" ? 0 : 2) + (ready ? 0 : 1);
  };
  const first = [...pods].sort(
    (a, b) => rank(a) - rank(b) || a.metadata.name.localeCompare(b.metadata.name),
  )[0];
  if (!first) return { error: `cannot attach to ${type.kind.toLowerCase()}: selector matched no pods` };
  return { pod: first };
}

/**
 * The container to use: `-c` if given (else an error naming the valid ones), the
 * default-container annotation, or the first container with kubectl's "Defaulted container"
 * note on stderr when the pod has several.
 */
export function pickContainer(
  ctx: { stderr(text: string): void },
  pod: KubeObject,
  requested: string,
  quiet: boolean,
): Container | { error: string } {
  const spec = (pod as unknown as Pod).spec;
  const containers = spec?.containers ?? [];
  const all = [...(spec?.initContainers ?? []), ...containers];
  if (requested) {
    const found = all.find((c) => c.name === requested);
    if (found) return found;
    const names = [
      ...containers.map((c) => c.name),
      ...(spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
    ];
    return {
      error: `container ${requested} is not valid for pod ${pod.metadata.name} out of: ${names.join(", ")}`,
    };
  }
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const byAnnotation = annotated ? containers.find((c) => c.name === annotated) : undefined;
  if (byAnnotation) return byAnnotation;
  const first = containers[0];
  if (!first) return { error: `pod ${pod.metadata.name} does not have any containers` };
  if (containers.length > 1 && !quiet) {
    const names = [
      ...containers.map((c) => c.name),
      ...(spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
    ];
    ctx.stderr(`Defaulted container "${first.name}" out of: ${names.join(", ")}\n`);
  }
  return first;
}

/** A random container-exec id, as containerd names exec processes (64 hex characters). */
function execId(inv: KubectlInvocation): string {
  let id = "";
  for (let i = 0; i < 8; i++) id += inv.ctx.env.cluster.rng.nextUint32().toString(16).padStart(8, "0");
  return id;
}

async function run(inv: KubectlInvocation): Promise<number> {
  const { ctx, flags } = inv;
  const tool = ctx as Partial<ToolContext>;
  const args = flags.args;
  const dash = flags.argsLenAtDash;
  const resourceArgs = dash >= 0 ? args.slice(0, dash) : args.slice(0, 1);
  const command = dash >= 0 ? args.slice(dash) : args.slice(1);
  if (resourceArgs.length === 0 && flags.strings("filename").length === 0) {
    return fail(ctx, "pod, type/name or --filename must be specified");
  }
  if (dash < 0 && args.length > 1) {
    return usageError(
      ctx,
      "exec",
      "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
    );
  }
  if (command.length === 0) return fail(ctx, "you must specify at least one command for the container");
  let found: { pod: KubeObject } | { error: string };
  try {
    found = findPod(inv, resourceArgs[0]!);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    ctx.stderr(errorLine(error));
    return 1;
  }
  if ("error" in found) return fail(ctx, found.error);
  const { pod } = found;
  const status = (pod.status ?? {}) as NonNullable<Pod["status"]>;
  if (status.phase === "Succeeded" || status.phase === "Failed") {
    return fail(ctx, `cannot exec into a container in a completed pod; current phase is ${status.phase}`);
  }
  const quiet = flags.bool("quiet");
  const container = pickContainer(ctx, pod, flags.string("container"), quiet);
  if ("error" in container) return fail(ctx, container.error);
  if (!(pod as unknown as Pod).spec?.nodeName) {
    ctx.stderr(`Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned\n`);
    return 1;
  }
  const containerStatus = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find(
    (c) => c.name === container.name,
  );
  if (!containerStatus?.state?.running) {
    return fail(ctx, `unable to upgrade connection: container not found ("${container.name}")`);
  }
  const stdinFlag = flags.bool("stdin");
  let tty = flags.bool("tty") && stdinFlag;
  if (tty && tool.stdinIsTerminal === false) {
    tty = false;
    if (!quiet) ctx.stderr("Unable to use a TTY - input is not a terminal or the right kind of file\n");
  }
  const target: PodTarget = { pod, container, image: imageOf(container) };
  const program = command[0]!;
  const interactive =
    stdinFlag &&
    tool.stdinIsTerminal === true &&
    tool.shell?.terminal !== undefined &&
    isShellProgram(target, program);
  if (interactive && command.slice(1).every((a) => /^-[il]+$/.test(a))) {
    const base = program.slice(program.lastIndexOf("/") + 1);
    tool.shell!.terminal!.enter(podSession(ctx.env, target, base === "bash" ? "bash" : "sh", tty));
    return 0;
  }
  const shell = createPodShell(ctx.env, target, { program: "sh", interactive: false, tty });
  if (!shell.lookup(program)) {
    ctx.stderr(
      `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(inv)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown\n`,
    );
    return 1;
  }
  const code = await shell.runArgv(
    command,
    {
      stdin: stdinFlag ? ctx.stdin : "",
      stdinIsTerminal: false,
      stdoutIsTerminal: tty,
      out: (t) => ctx.stdout(t),
      err: (t) => ctx.stderr(t),
      signal: ctx.signal,
    },
    shell.environ(),
  );
  if (code !== 0) ctx.stderr(`command terminated with exit code ${code}\n`);
  return code;
}

// Verbatim from the real client: `exec --help` (kubectl v1.32).
export const EXEC_HELP = `Execute a command in a container.

Examples:
  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date
  
  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date
  
  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl exec mypod -c ruby-container -i -t -- bash -il
  
  # List contents of /usr from the first container of pod mypod and sort by modification time
  # If the command you want to execute in the pod has any flags in common (e.g. -i),
  # you must use two dashes (--) to separate your command's flags/arguments
  # Also note, do not surround your command and its flags/arguments with quotes
  # unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
  kubectl exec mypod -i -t -- ls -t /usr
  
  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date
  
  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
  kubectl exec svc/myservice -- date

Options:
    -c, --container='':
	Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen

    -f, --filename=[]:
	to use to exec into the resource

    --pod-running-timeout=1m0s:
	The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

    -q, --quiet=false:
	Only print output from the remote session

    -i, --stdin=false:
	Pass stdin to the container

    -t, --tty=false:
	Stdin is a TTY

Usage:
  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const exec: KubectlVerb = { flags: FLAGS, help: EXEC_HELP, run };
