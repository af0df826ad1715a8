/**
 * kubectl run (pkg/cmd/run/run.go, kubectl.md §20): creates a bare Pod labelled `run=NAME` (or
 * --labels), restartPolicy from --restart, and the words after `--` as args (or, with --command,
 * as the command). Attaching (-i/-t/--rm) needs a terminal session and is refused here.
 */
import { resourceTypeForKind } from "../../cluster/kinds.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorLine } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/run.ts";
import { runPodObject, withoutNulls } from "../manifests/generators.ts";
import { parseOutputFormat, printObjects } from "../printers/output.ts";

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
  if (flags.bool("stdin") || flags.bool("tty") || flags.bool("rm") || flags.bool("attach")) {
    return fail(
      "attaching to a pod (-i, -t, --rm, --attach) is not available in this sandbox yet; run the pod, then use kubectl exec",
    );
  }
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
