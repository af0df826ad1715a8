import type { Pod } from "kubernetes-types/core/v1";
import type { Tool, ToolContext } from "../shell/interpreter.ts";

/** What ps needs to know about the container it runs in. */
export interface ProcessTable {
  /** PID 1's command line: the pod's command/args, else the image's entrypoint and cmd. */
  main: string;
}

/** PID 1's command line for a container: spec command/args override the image's. */
export function mainCommandLine(
  container: NonNullable<Pod["spec"]>["containers"][number],
  image: { entrypoint: readonly string[]; cmd: readonly string[] } | undefined,
): string {
  const entrypoint = container.command ?? image?.entrypoint ?? [];
  const args = container.args ?? (container.command ? [] : (image?.cmd ?? []));
  return [...entrypoint, ...args].join(" ");
}

/**
 * BusyBox `ps` (the busybox and alpine images): `PID USER TIME COMMAND` for every process in the
 * container: PID 1, the interactive shell if there is one, and ps itself.
 */
export function busyboxPs(table: ProcessTable): Tool {
  return async (ctx: ToolContext) => {
    const rows: [number, string][] = [[1, table.main]];
    // kubectl exec -it starts the shell as PID 7 (after the pause-less runtime's own helpers);
    // commands run from it get the next PIDs.
    if (ctx.shell.pid === 7) rows.push([7, ctx.shell.dialect.program]);
    rows.push([ctx.shell.pid === 7 ? 13 : 7, ctx.argv.join(" ")]);
    const line = (pid: string, user: string, time: string, command: string) =>
      `${pid} ${user.padEnd(8)} ${time} ${command}\n`;
    ctx.stdout(line("PID  ", "USER", "TIME ", "COMMAND"));
    for (const [pid, command] of rows) ctx.stdout(line(String(pid).padStart(5), "root", " 0:00", command));
    return 0;
  };
}
