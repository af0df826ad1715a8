/**
 * `kubectl run -i/-t/--attach/--rm` (run.go's attach path): once the pod is created kubectl waits
 * for it to run (--pod-running-timeout), then attaches to its container. Attaching is modelled
 * on exec: a shell program with a terminal becomes the terminal's session (as `exec -it`), any
 * other command's output is printed as the container writes it. With --rm kubectl deletes the pod
 * when the session or command ends, printing the delete line (the v1.34 form) and not waiting.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { resourceTypeForKind } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import type { ToolContext } from "../../shell/interpreter.ts";
import {
  createPodShell,
  imageOf,
  isShellProgram,
  type PodTarget,
  podSession,
} from "../../shell/pod-shell.ts";
import type { KubectlInvocation } from "../command.ts";
import { errorLine } from "../errors.ts";

const POLL_MS = 1000;

export interface AttachOptions {
  stdin: boolean;
  tty: boolean;
  remove: boolean;
  timeoutMs: number;
}

/** Waits for the pod to run, attaches, and with --rm deletes it afterwards. Returns the exit status. */
export async function attachToRunPod(
  inv: KubectlInvocation,
  created: KubeObject,
  options: AttachOptions,
): Promise<number> {
  const { ctx } = inv;
  const tool = ctx as Partial<ToolContext>;
  const { cluster } = ctx.env;
  const { namespace, name } = created.metadata;
  const deadline = cluster.clock.now() + options.timeoutMs;
  cluster.runControllers();
  let pod = cluster.api.tryGet("Pod", namespace, name);
  while (pod && !runningOrDone(pod)) {
    if (cluster.clock.now() >= deadline) {
      ctx.stderr("error: timed out waiting for the condition\n");
      return 1;
    }
    await ctx.env.time.wait(Math.min(POLL_MS, deadline - cluster.clock.now()), ctx.signal);
    pod = cluster.api.tryGet("Pod", namespace, name);
  }
  if (!pod) {
    ctx.stderr(`Error from server (NotFound): pods "${name}" not found\n`);
    return 1;
  }
  const container = (pod as unknown as Pod).spec!.containers[0]!;
  const target: PodTarget = { pod, container, image: imageOf(container) };
  const words = [...(container.command ?? []), ...(container.args ?? [])];
  let tty = options.tty && options.stdin;
  if (tty && tool.stdinIsTerminal === false) {
    tty = false;
    ctx.stderr("Unable to use a TTY - input is not a terminal or the right kind of file\n");
  }
  const removeLine = () => deletePod(inv, namespace ?? inv.namespace, name);
  const program = words[0];
  if (
    program !== undefined &&
    options.stdin &&
    tool.stdinIsTerminal === true &&
    tool.shell?.terminal !== undefined &&
    isShellProgram(target, program) &&
    words.slice(1).every((a) => /^-[il]+$/.test(a))
  ) {
    if (tty) ctx.stderr("If you don't see a command prompt, try pressing enter.\n");
    const base = program.slice(program.lastIndexOf("/") + 1);
    const session = podSession(ctx.env, target, base === "bash" ? "bash" : "sh", tty);
    const onExit = session.onExit;
    session.onExit = (status, onOutput) => {
      const final = onExit(status, onOutput);
      if (options.remove) onOutput({ stream: "stdout", text: removeLine() });
      else
        onOutput({
          stream: "stdout",
          text: `Session ended, resume using 'kubectl attach ${name} -c ${container.name} -i -t' command when the pod is running\n`,
        });
      return final;
    };
    tool.shell!.terminal!.enter(session);
    return 0;
  }
  let code = 0;
  if (program !== undefined) {
    const shell = createPodShell(ctx.env, target, { program: "sh", interactive: false, tty });
    code = await shell.runArgv(
      words,
      {
        stdin: options.stdin ? ctx.stdin : "",
        stdinIsTerminal: false,
        stdoutIsTerminal: tty,
        out: (t) => ctx.stdout(t),
        err: (t) => ctx.stderr(t),
        signal: ctx.signal,
      },
      shell.environ(),
    );
  }
  if (options.remove) ctx.stdout(removeLine());
  // run.go returns a CodeExitError with the container's exit code once the pod has completed;
  // with --restart=Always the container would start again, so it does not wait for one.
  if (code === 0 || (pod as unknown as Pod).spec?.restartPolicy === "Always") return 0;
  ctx.stderr(`error: pod ${namespace}/${name} terminated (Error)\n`);
  return code;
}

function runningOrDone(pod: KubeObject): boolean {
  const status = pod.status as Pod["status"];
  if (status?.phase === "Succeeded" || status?.phase === "Failed") return true;
  return status?.containerStatuses?.some((c) => c.state?.running !== undefined) ?? false;
}

/** Deletes the pod without waiting (run's delete flags default to --wait=false) and says so. */
function deletePod(inv: KubectlInvocation, namespace: string, name: string): string {
  try {
    inv.ctx.env.cluster.api.delete("Pod", namespace, name, {});
  } catch (error) {
    return errorLine(error);
  }
  const kind = resourceTypeForKind("Pod")!.singular;
  return `${kind} "${name}" deleted from ${namespace} namespace\n`;
}
