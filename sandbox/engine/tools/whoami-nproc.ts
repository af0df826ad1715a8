/** `whoami` and `nproc`: the two small questions a shell asks of the machine it runs on. */
import { KIND_NODE_CAPACITY } from "../cluster/nodes/kind.ts";
import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";

function extraOperand(program: string, operand: string): string {
  return `${program}: extra operand '${operand}'\nTry '${program} --help' for more information.\n`;
}

/** `whoami`: the shell's user, as `id -un` names it (root in containers, learner on the host). */
export const whoami: Tool = async (ctx) => {
  const options = getopt(ctx, {});
  if (typeof options === "number") return options;
  if (options.operands.length > 0) {
    ctx.stderr(extraOperand("whoami", options.operands[0]!));
    return 1;
  }
  ctx.stdout(`${ctx.shell.vars.get("USER") ?? "root"}\n`);
  return 0;
};

/**
 * `nproc [--all] [--ignore=N]`: the CPUs a process may use. Kind's nodes are containers on one
 * docker host and see all of its CPUs, as the learner's machine does: the capacity every node reports.
 */
export const nproc: Tool = async (ctx) => {
  const options = getopt(ctx, { values: "i", long: { all: "a", ignore: "i" } });
  if (typeof options === "number") return options;
  if (options.operands.length > 0) {
    ctx.stderr(extraOperand("nproc", options.operands[0]!));
    return 1;
  }
  const ignore = options.values.get("i") ?? "0";
  if (!/^\s*\+?\d+$/.test(ignore)) {
    ctx.stderr(`nproc: invalid number: '${ignore}'\n`);
    return 1;
  }
  ctx.stdout(`${Math.max(1, Number(KIND_NODE_CAPACITY.cpu) - Number(ignore))}\n`);
  return 0;
};
