/**
 * `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [--tail=N] [--timestamps] [--prefix]`:
 * what a container's process wrote, from the kubelet's record of each run (the current one, or
 * with -p the one before). Error texts follow kubectl's logs.go and the API server's
 * (kubectl.md §15).
 */
import type { Pod } from "kubernetes-types/core/v1";
import { ApiError } from "../../cluster/errors.ts";
import { linesUntil } from "../../cluster/kubelet/process.ts";
import { type ContainerInstance, podRecordKey, runtimeState } from "../../cluster/kubelet/state.ts";
import type { KubeObject } from "../../cluster/types.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorLine, fail } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { findPod, pickContainer } from "./exec.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "all-containers", type: "bool", default: false, usage: "Get all containers' logs in the pod(s)." },
  {
    name: "container",
    shorthand: "c",
    type: "string",
    default: "",
    usage: "Print the logs of this container",
  },
  {
    name: "follow",
    shorthand: "f",
    type: "bool",
    default: false,
    usage: "Specify if the logs should be streamed.",
  },
  {
    name: "ignore-errors",
    type: "bool",
    default: false,
    usage: "If watching / following pod logs, allow for any errors that occur to be non-fatal",
  },
  { name: "limit-bytes", type: "int", default: 0, usage: "Maximum bytes of logs to return." },
  {
    name: "max-log-requests",
    type: "int",
    default: 5,
    usage: "Maximum number of concurrent logs to follow.",
  },
  { name: "pod-running-timeout", type: "duration", default: 20_000, usage: "The length of time to wait." },
  {
    name: "prefix",
    type: "bool",
    default: false,
    usage: "Prefix each log line with the log source (pod name and container name)",
  },
  {
    name: "previous",
    shorthand: "p",
    type: "bool",
    default: false,
    usage: "If true, print the logs for the previous instance of the container in a pod if it exists.",
  },
  {
    name: "selector",
    shorthand: "l",
    type: "string",
    default: "",
    usage: "Selector (label query) to filter on.",
  },
  {
    name: "since",
    type: "duration",
    default: 0,
    usage: "Only return logs newer than a relative duration like 5s, 2m, or 3h.",
  },
  {
    name: "since-time",
    type: "string",
    default: "",
    usage: "Only return logs after a specific date (RFC3339).",
  },
  { name: "tail", type: "int", default: -1, usage: "Lines of recent log file to display." },
  {
    name: "timestamps",
    type: "bool",
    default: false,
    usage: "Include timestamps on each line in the log output",
  },
  {
    name: "insecure-skip-tls-verify-backend",
    type: "bool",
    default: false,
    usage: "Skip verifying the identity of the kubelet that logs are requested from.",
  },
  { name: "all-pods", type: "bool", default: false, usage: "Get logs from all pod(s)." },
];

/** The kubelet's words for a container that has not started, after "is waiting to start: ". */
const WAITING_MESSAGES: Record<string, string> = {
  ImagePullBackOff: "trying and failing to pull image",
  ErrImagePull: "image can't be pulled",
  InvalidImageName: "image can't be pulled",
};

/** RFC 3339 with nanoseconds, as --timestamps prints them. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, millis: string) => `.${millis}000000Z`);
}

interface LogLine {
  at: number;
  text: string;
}

/** The lines an instance has written by `now`. */
function instanceLines(instance: ContainerInstance, now: number): LogLine[] {
  const end = Math.min(now, instance.finishedAt ?? now);
  return linesUntil(instance.plan, end - instance.startedAt, instance.startedAt).map((l) => ({
    at: instance.startedAt + l.afterMs,
    text: l.text,
  }));
}

const USAGE =
  "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n";

async function run(inv: KubectlInvocation): Promise<number> {
  const { ctx, flags } = inv;
  const args = flags.args;
  const selector = flags.string("selector");
  if (
    (args.length === 0 && !selector) ||
    args.length > 2 ||
    (args.length === 2 && flags.changed.has("container"))
  ) {
    ctx.stderr(USAGE);
    return 1;
  }
  if (selector) {
    if (args.length > 0) return fail(ctx, "only a selector (-l) or a POD name is allowed");
    return selectorLogs(inv, selector);
  }
  let found: { pod: KubeObject } | { error: string };
  try {
    found = findPod(inv, args[0]!);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // kubectl logs wraps the server's error in its own (kubectl ≥ 1.30).
    if (error.reason === "NotFound" && !args[0]!.includes("/")) {
      return fail(
        ctx,
        `error from server (NotFound): pods "${args[0]}" not found in namespace "${inv.namespace}"`,
      );
    }
    ctx.stderr(`Error from server (${error.reason}): ${error.message}\n`);
    return 1;
  }
  if ("error" in found) return fail(ctx, found.error);
  const { pod } = found;
  if (args[0]!.includes("/") && !args[0]!.startsWith("pod/") && !args[0]!.startsWith("pods/")) {
    const siblings = podsLike(inv, pod);
    if (siblings > 1) ctx.stderr(`Found ${siblings} pods, using pod/${pod.metadata.name}\n`);
  }
  const container = pickContainer(ctx, pod, flags.string("container") || args[1] || "", false);
  if ("error" in container) return fail(ctx, container.error);
  return podLogs(inv, pod, container.name, flags.int("tail"));
}

/** How many pods share `pod`'s owner selection (for "Found N pods, using pod/x"). */
function podsLike(inv: KubectlInvocation, pod: KubeObject): number {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (!owner) return 1;
  return inv.ctx.env.cluster.api
    .list("Pod", { namespace: inv.namespace })
    .filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === owner.uid)).length;
}

/**
 * `-l SELECTOR`: every matching pod's (default) container in turn; the default --tail becomes
 * 10, as kubectl documents.
 */
async function selectorLogs(inv: KubectlInvocation, selector: string): Promise<number> {
  const { ctx, flags } = inv;
  let pods: KubeObject[];
  try {
    pods = ctx.env.cluster.api.list("Pod", { namespace: inv.namespace, labelSelector: selector });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    ctx.stderr(errorLine(error));
    return 1;
  }
  if (pods.length === 0) {
    ctx.stderr(`No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  const tail = flags.changed.has("tail") ? flags.int("tail") : 10;
  let status = 0;
  for (const pod of pods) {
    const container = pickContainer(ctx, pod, flags.string("container"), false);
    if ("error" in container) return fail(ctx, container.error);
    const code = await podLogs(inv, pod, container.name, tail);
    if (code !== 0) status = code;
  }
  return status;
}

/** Prints one container's log (the current run, or with -p the previous one). */
async function podLogs(inv: KubectlInvocation, pod: KubeObject, containerName: string, tail: number) {
  const { ctx, flags } = inv;
  const { cluster } = ctx.env;
  const spec = (pod as unknown as Pod).spec;
  // The API server answers an unscheduled pod's log request with an empty body.
  if (!spec?.nodeName) return 0;
  const status = (pod.status ?? {}) as NonNullable<Pod["status"]>;
  const containerStatus = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find(
    (c) => c.name === containerName,
  );
  const record = runtimeState(cluster)
    .pods.get(podRecordKey(pod.metadata.namespace ?? "default", pod.metadata.name))
    ?.containers.find((c) => c.name === containerName);
  const where = `container "${containerName}" in pod "${pod.metadata.name}"`;
  const previous = flags.bool("previous");
  const instance = previous ? record?.previous : record?.current;
  if (!instance) {
    if (previous) {
      ctx.stderr(`Error from server (BadRequest): previous terminated ${where} not found\n`);
      return 1;
    }
    const reason = containerStatus?.state?.waiting?.reason ?? "ContainerCreating";
    ctx.stderr(
      `Error from server (BadRequest): ${where} is waiting to start: ${WAITING_MESSAGES[reason] ?? reason}\n`,
    );
    return 1;
  }
  const prefix = flags.bool("prefix") ? `[pod/${pod.metadata.name}/${containerName}] ` : "";
  const render = (line: LogLine) =>
    `${prefix}${flags.bool("timestamps") ? `${timestamp(line.at)} ` : ""}${line.text}\n`;
  const now = cluster.clock.now();
  let lines = instanceLines(instance, now);
  const sinceMs = flags.duration("since");
  if (sinceMs > 0) lines = lines.filter((l) => l.at >= now - sinceMs);
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  let text = lines.map(render).join("");
  const limit = flags.int("limit-bytes");
  if (limit > 0) text = new TextDecoder().decode(new TextEncoder().encode(text).slice(0, limit));
  ctx.stdout(text);
  if (!flags.bool("follow") || previous || ctx.env.time.mode === "instant") return 0;
  return follow(inv, instance, instanceLines(instance, now).length, render);
}

/** -f: prints each new line as simulated time reaches it, until the run ends or Ctrl-C. */
async function follow(
  inv: KubectlInvocation,
  instance: ContainerInstance,
  already: number,
  render: (line: LogLine) => string,
): Promise<number> {
  const { ctx } = inv;
  const { cluster } = ctx.env;
  let shown = already;
  return new Promise<number>((resolve) => {
    const finish = () => {
      stop();
      ctx.signal.removeEventListener("abort", abort);
      resolve(0);
    };
    const abort = () => {
      stop();
      resolve(130);
    };
    const stop = cluster.clock.onTick((now) => {
      const lines = instanceLines(instance, now);
      if (lines.length > shown) ctx.stdout(lines.slice(shown).map(render).join(""));
      shown = lines.length;
      if (instance.finishedAt !== undefined && now >= instance.finishedAt) finish();
    });
    ctx.signal.addEventListener("abort", abort, { once: true });
  });
}

// Verbatim from the real client: `kubectl logs --help` (v1.32).
const LOGS_HELP = `Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.

Examples:
  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx
  
  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubectl logs nginx --prefix
  
  # Return snapshot logs from pod nginx, limiting output to 500 bytes
  kubectl logs nginx --limit-bytes=500
  
  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
  kubectl logs nginx --pod-running-timeout=20s
  
  # Return snapshot logs from pod nginx with multi containers
  kubectl logs nginx --all-containers=true
  
  # Return snapshot logs from all pods in the deployment nginx
  kubectl logs deployment/nginx --all-pods=true
  
  # Return snapshot logs from all containers in pods defined by label app=nginx
  kubectl logs -l app=nginx --all-containers=true
  
  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
  kubectl logs -l app=nginx --max-log-requests=10
  
  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1
  
  # Begin streaming the logs from pod nginx, continuing even if errors occur
  kubectl logs nginx -f --ignore-errors=true
  
  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1
  
  # Begin streaming the logs from all containers in pods defined by label app=nginx
  kubectl logs -f -l app=nginx --all-containers=true
  
  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx
  
  # Show all logs from pod nginx written in the last hour
  kubectl logs --since=1h nginx
  
  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
  kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true
  
  # Show logs from a kubelet with an expired serving certificate
  kubectl logs --insecure-skip-tls-verify-backend nginx
  
  # Return snapshot logs from first container of a job named hello
  kubectl logs job/hello
  
  # Return snapshot logs from container nginx-1 of a deployment named nginx
  kubectl logs deployment/nginx -c nginx-1

Options:
    --all-containers=false:
	Get all containers' logs in the pod(s).

    --all-pods=false:
	Get logs from all pod(s). Sets prefix to true.

    -c, --container='':
	Print the logs of this container

    -f, --follow=false:
	Specify if the logs should be streamed.

    --ignore-errors=false:
	If watching / following pod logs, allow for any errors that occur to be non-fatal

    --insecure-skip-tls-verify-backend=false:
	Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.

    --limit-bytes=0:
	Maximum bytes of logs to return. Defaults to no limit.

    --max-log-requests=5:
	Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.

    --pod-running-timeout=20s:
	The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

    --prefix=false:
	Prefix each log line with the log source (pod name and container name)

    -p, --previous=false:
	If true, print the logs for the previous instance of the container in a pod if it exists.

    -l, --selector='':
	Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --since=0s:
	Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.

    --since-time='':
	Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.

    --tail=-1:
	Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.

    --timestamps=false:
	Include timestamps on each line in the log output

Usage:
  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const logs: KubectlVerb = { flags: FLAGS, help: LOGS_HELP, run };
