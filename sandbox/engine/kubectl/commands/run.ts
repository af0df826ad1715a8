/**
 * kubectl run (pkg/cmd/run/run.go, kubectl.md §20): creates a bare Pod labelled `run=NAME` (or
 * --labels), restartPolicy from --restart, and the words after `--` as args (or, with --command,
 * as the command). With -i/-t/--attach it waits for the pod and attaches (run-attach.ts).
 */
import { resourceTypeForKind } from "../../cluster/kinds.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorLine } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/run.ts";
import { runPodObject, withoutNulls } from "../manifests/generators.ts";
import { parseOutputFormat, printObjects } from "../printers/output.ts";
import { attachToRunPod } from "./run-attach.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "image", type: "string", default: "", usage: "" },
  { name: "restart", type: "string", default: "Always", usage: "" },
  { name: "labels", shorthand: "l", type: "string", default: "", usage: "" },
  { name: "port", type: "string", default: "", usage: "" },
  { name: "env", type: "stringArray", default: [], usage: "" },
  { name: "command", type: "bool", default: false, usage: "" },
  { name: "stdin", shorthand: "i", type: "bool", default: false, usage: "" },
  { name: "tty", shorthand: "t", type: "bool", default: false, usage: "" },
  { name: "rm", type: "bool", default: false, usage: "" },
  { name: "attach", type: "bool", default: false, usage: "" },
  { name: "image-pull-policy", type: "string", default: "", usage: "" },
  { name: "pod-running-timeout", type: "duration", default: 60_000, usage: "" },
  { name: "quiet", shorthand: "q", type: "bool", default: false, usage: "" },
  DRY_RUN_FLAG,
  COMMON_FLAGS.output,
];

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const usage = (message: string) => {
    ctx.stderr(`error: ${message}\nSee 'kubectl run -h' for help and examples\n`);
    return 1;
  };
  const fail = (message: string) => {
    ctx.stderr(`error: ${message}\n`);
    return 1;
  };
  const dash = flags.argsLenAtDash;
  const before = dash >= 0 ? flags.args.slice(0, dash) : flags.args;
  const words = dash >= 0 ? flags.args.slice(dash) : flags.args.slice(1);
  const name = before[0];
  const image = flags.string("image");
  if (!image) return fail('required flag(s) "image" not set');
  if (name === undefined) return usage("NAME is required for run");
  const restart = flags.string("restart");
  if (!["Always", "OnFailure", "Never"].includes(restart)) {
    ctx.stderr(`Error: invalid restart policy: ${restart}\nSee 'kubectl run -h' for help and examples\n`);
    return 1;
  }
  const stdin = flags.bool("stdin");
  const attach = flags.bool("attach") || stdin;
  const remove = flags.bool("rm");
  if (flags.bool("tty") && !stdin) {
    ctx.stderr(
      "Error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n",
    );
    return 1;
  }
  if (remove && !attach) return usage("--rm should only be used for attached containers");
  const labels: Record<string, string> = {};
  if (flags.string("labels")) {
    for (const pair of flags.string("labels").split(",")) {
      const eq = pair.indexOf("=");
      if (eq <= 0) return fail(`unexpected label spec: ${pair}`);
      labels[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  } else {
    labels.run = name;
  }
  const dryRun = parseDryRun(flags.string("dry-run"));
  if (typeof dryRun === "object") return fail(dryRun.error);
  if (attach && dryRun !== "none")
    return usage(
      "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
    );
  const port = flags.string("port");
  const pod = runPodObject(name, {
    image,
    labels,
    restart,
    ...(port !== "" ? { port: Number(port) } : {}),
    words,
    command: flags.bool("command"),
    env: flags.strings("env"),
  });
  if (stdin) {
    // What run.go sets on the container it will attach to.
    const container = (pod.spec as { containers: Record<string, unknown>[] }).containers[0]!;
    container.stdin = true;
    container.stdinOnce = true;
    if (flags.bool("tty")) container.tty = true;
  }
  let result = pod;
  if (dryRun === "none") {
    try {
      result = ctx.env.cluster.api.create(
        withoutNulls({ ...pod, metadata: { ...pod.metadata, namespace: invocation.namespace } }),
      );
    } catch (error) {
      ctx.stderr(errorLine(error));
      return 1;
    }
  }
  if (attach) {
    return attachToRunPod(invocation, result, {
      stdin,
      tty: flags.bool("tty"),
      remove,
      timeoutMs: flags.duration("pod-running-timeout"),
    });
  }
  const output = flags.string("output");
  if (output === "" || output === "name") {
    ctx.stdout(successLine(resourceTypeForKind("Pod")!, name, "created", { dryRun, output }));
    return 0;
  }
  const format = parseOutputFormat(output);
  if ("error" in format) return fail(format.error);
  const printed = printObjects(format, [result], true);
  if ("error" in printed) return fail(printed.error);
  ctx.stdout(printed.text);
  return 0;
}

export const runVerb: KubectlVerb = { flags: FLAGS, help: HELP, run };
