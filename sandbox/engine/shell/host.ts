/**
 * The learner's own machine: a bash prompt in /home/learner with GNU tools and kubectl on PATH.
 * Its files are the workspace the editor shows.
 */
import { FileTree } from "../fs/file-tree.ts";
import { kubectl } from "../kubectl/kubectl.ts";
import { awk } from "../tools/awk.ts";
import { cat } from "../tools/cat.ts";
import { clear } from "../tools/clear.ts";
import { cp } from "../tools/cp.ts";
import { cut } from "../tools/cut.ts";
import { date } from "../tools/date.ts";
import { echo } from "../tools/echo.ts";
import { env, printenv } from "../tools/env.ts";
import { grep } from "../tools/grep.ts";
import { head, tail } from "../tools/head.ts";
import { hostname } from "../tools/hostname.ts";
import { id } from "../tools/id.ts";
import { ls } from "../tools/ls.ts";
import { mkdir } from "../tools/mkdir.ts";
import { mv } from "../tools/mv.ts";
import { printf } from "../tools/printf.ts";
import { rm } from "../tools/rm.ts";
import { shellProgram } from "../tools/sh.ts";
import { sleep } from "../tools/sleep.ts";
import { sort } from "../tools/sort.ts";
import { touch } from "../tools/touch.ts";
import { uname } from "../tools/uname.ts";
import { uniq } from "../tools/uniq.ts";
import { watch } from "../tools/watch.ts";
import { wc } from "../tools/wc.ts";
import { which } from "../tools/which.ts";
import { xargs } from "../tools/xargs.ts";
import { SHELL_BUILTINS } from "./builtins.ts";
import type { SandboxEnv, Workspace } from "./command.ts";
import { BASH, BASH_SCRIPT, DASH } from "./dialect.ts";
import { docker } from "./docker.ts";
import { Shell, type Tool } from "./interpreter.ts";

export const HOME = "/home/learner";
export const HOST_NAME = "stateful-lab";

const HELP = `Stateful Lab sandbox: a Kubernetes 1.34 cluster running in your browser.

  kubectl <command>    talk to the cluster (try: kubectl get nodes, kubectl version)
  sleep <seconds>      let simulated time pass
  watch -n 2 <cmd>     rerun a command every 2 seconds (Ctrl-C to stop)
  clear                clear the screen (or press Ctrl-L)
  help                 show this help

Files (shared with the editor): ls, cat, cp, mv, rm, mkdir, touch, cd, pwd
Text: echo, grep, head, tail, wc, sort, uniq, cut, awk, xargs
Shell: pipes |, && ||, ;, redirections > >> < 2>&1, heredocs <<EOF, $VAR, $(...), $((...)),
       for/while/until loops, if, case, functions, ( ) and { }, [ ], read, export, env,
       history, date, true, false

Keys: Up/Down for history, Ctrl-C to cancel, Ctrl-A/Ctrl-E to jump, Ctrl-U/Ctrl-K/Ctrl-W to delete.
`;

const help: Tool = async (ctx) => {
  ctx.stdout(HELP);
  return 0;
};

/** The programs on the host's PATH. */
export const HOST_COMMANDS: Readonly<Record<string, Tool>> = {
  kubectl: (ctx) => kubectl(ctx),
  help,
  awk,
  bash: shellProgram(BASH_SCRIPT),
  cat,
  clear,
  cp,
  cut,
  date,
  docker,
  env,
  grep,
  head,
  hostname,
  id,
  ls,
  mkdir,
  mv,
  printenv,
  printf,
  rm,
  sh: shellProgram(DASH),
  sleep,
  sort,
  tail,
  touch,
  uname,
  uniq,
  watch,
  wc,
  which,
  xargs,
  echo,
};

const HOST_PATHS: Record<string, string> = {
  kubectl: "/usr/local/bin/kubectl",
  bash: "/usr/bin/bash",
  sh: "/usr/bin/sh",
};

/** A workspace: the learner's home directory (plus /tmp) in a fresh file tree. */
export function createWorkspace(now: number): { fs: FileTree; cwd: string } {
  const fs = new FileTree();
  fs.mkdir(HOME, now, { parents: true });
  fs.mkdir("/tmp", now);
  return { fs, cwd: HOME };
}

export function createHostShell(env: SandboxEnv & { workspace: Workspace }): Shell {
  return new Shell({
    env,
    place: env.workspace,
    dialect: BASH,
    toolset: "gnu",
    builtins: { ...SHELL_BUILTINS },
    commands: HOST_COMMANDS,
    commandPaths: HOST_PATHS,
    pid: 4242,
    variables: {
      HOME,
      HOSTNAME: HOST_NAME,
      LOGNAME: "learner",
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      PWD: env.workspace.cwd,
      SHELL: "/bin/bash",
      TERM: "xterm-256color",
      USER: "learner",
    },
  });
}
