/**
 * The learner's own machine: a bash prompt in /home/learner with GNU tools and kubectl on PATH.
 * Its files are the workspace the editor shows.
 */
import { FileTree } from "../fs/file-tree.ts";
import { kubectl } from "../kubectl/kubectl.ts";
import { echo } from "../tools/echo.ts";
import { printf, SHELL_BUILTINS } from "./builtins.ts";
import type { SandboxEnv, Workspace } from "./command.ts";
import { BASH, BASH_SCRIPT, DASH } from "./dialect.ts";
import { globRegex } from "./expand.ts";
import { Shell, type Tool } from "./interpreter.ts";
import { loadTool, onFirstUse } from "./lazy-tool.ts";

export const HOME = "/home/learner";
export const HOST_NAME = "stateful-lab";

const HELP = `Stateful Lab sandbox: a Kubernetes 1.34 cluster running in your browser.

  kubectl <command>    talk to the cluster (try: kubectl get nodes, kubectl version)
  sleep <seconds>      let simulated time pass
  watch -n 2 <cmd>     rerun a command every 2 seconds (Ctrl-C to stop)
  clear                clear the screen (or press Ctrl-L)
  help                 show this help

Files (shared with the editor): ls, cat, cp, mv, rm, mkdir, rmdir, touch, cd, pwd,
       basename, dirname, readlink
Text: echo, printf, grep, sed, head, tail, wc, sort, uniq, cut, awk, xargs, tr, tee, tac,
      base64, md5sum, sha256sum
Shell: pipes |, && ||, ;, redirections > >> < 2>&1, heredocs <<EOF, $VAR, \${VAR:-x},
       \${HOSTNAME##*-} and the other \${...} forms, $(...), $((...)), {a,b} and {0..2},
       for/while/until loops, if, case, functions, ( ) and { }, [ ], [[ ]], read, export, env,
       set -e/-u/-x/-o pipefail, shift, eval, time, alias (alias k=kubectl), history, date,
       true, false, seq, expr, yes, timeout, whoami, nproc

Keys: Up/Down for history, Ctrl-C to cancel, Ctrl-A/Ctrl-E to jump, Ctrl-U/Ctrl-K/Ctrl-W to delete.
`;

/** bash 5.2's builtins and keywords with help topics: what `help PATTERN` can match. */
const BASH_HELP_TOPICS =
  "% (( . : [ [[ alias bg bind break builtin caller case cd command compgen complete compopt continue coproc declare dirs disown echo enable eval exec exit export false fc fg for function getopts hash help history if jobs kill let local logout mapfile popd printf pushd pwd read readarray readonly return select set shift shopt source suspend test time times trap true type typeset ulimit umask unalias unset until variables wait while {".split(
    " ",
  );

/**
 * The overview of this machine's commands; `help PATTERN` that matches none of bash's topics
 * fails as bash's builtin does (naming the last pattern). A matching topic shows the overview.
 */
const help: Tool = async (ctx) => {
  const patterns = ctx.argv.slice(1).filter((a) => !/^-[dms]+$/.test(a) && a !== "--");
  if (patterns.length > 0) {
    const found = patterns.some((p) => BASH_HELP_TOPICS.some((t) => globRegex(p).test(t) || t.startsWith(p)));
    if (!found) {
      const last = patterns[patterns.length - 1]!;
      ctx.stderr(
        `${ctx.shell.dialect.prefix(ctx.shell.line)}help: no help topics match \`${last}'.  Try \`help help' or \`man -k ${last}' or \`info ${last}'.\n`,
      );
      return 1;
    }
  }
  ctx.stdout(HELP);
  return 0;
};

/**
 * The programs on the host's PATH. kubectl, help and echo load with the shell; the others on first
 * use (lazy-tool.ts), printf through the builtin's own loader (builtins.ts).
 */
export const HOST_COMMANDS: Readonly<Record<string, Tool>> = {
  kubectl: (ctx) => kubectl(ctx),
  help,
  awk: onFirstUse(async () => (await import("../tools/awk.ts")).awk),
  base64: onFirstUse(async () => (await import("../tools/base64.ts")).base64),
  basename: onFirstUse(async () => (await import("../tools/basename.ts")).basename),
  bash: onFirstUse(async () => (await import("../tools/sh.ts")).shellProgram(BASH_SCRIPT)),
  cat: onFirstUse(async () => (await import("../tools/cat.ts")).cat),
  clear: onFirstUse(async () => (await import("../tools/clear.ts")).clear),
  cp: onFirstUse(async () => (await import("../tools/cp.ts")).cp),
  cut: onFirstUse(async () => (await import("../tools/cut.ts")).cut),
  date: onFirstUse(async () => (await import("../tools/date.ts")).date),
  dirname: onFirstUse(async () => (await import("../tools/basename.ts")).dirname),
  docker: onFirstUse(async () => (await import("./docker.ts")).docker),
  env: onFirstUse(async () => (await import("../tools/env.ts")).env),
  expr: onFirstUse(async () => (await import("../tools/expr.ts")).expr),
  grep: onFirstUse(async () => (await import("../tools/grep.ts")).grep),
  head: onFirstUse(async () => (await import("../tools/head.ts")).head),
  hostname: onFirstUse(async () => (await import("../tools/hostname.ts")).hostname),
  id: onFirstUse(async () => (await import("../tools/id.ts")).id),
  ls: onFirstUse(async () => (await import("../tools/ls.ts")).ls),
  md5sum: onFirstUse(async () => (await import("../tools/checksum.ts")).md5sum),
  mkdir: onFirstUse(async () => (await import("../tools/mkdir.ts")).mkdir),
  mv: onFirstUse(async () => (await import("../tools/mv.ts")).mv),
  nproc: onFirstUse(async () => (await import("../tools/whoami-nproc.ts")).nproc),
  printenv: onFirstUse(async () => (await import("../tools/env.ts")).printenv),
  readlink: onFirstUse(async () => (await import("../tools/readlink.ts")).readlink),
  printf,
  rm: onFirstUse(async () => (await import("../tools/rm.ts")).rm),
  rmdir: onFirstUse(async () => (await import("../tools/rmdir.ts")).rmdir),
  sed: onFirstUse(async () => (await import("../tools/sed.ts")).sed),
  seq: onFirstUse(async () => (await import("../tools/seq.ts")).seq),
  sh: onFirstUse(async () => (await import("../tools/sh.ts")).shellProgram(DASH)),
  sha256sum: onFirstUse(async () => (await import("../tools/checksum.ts")).sha256sum),
  sleep: onFirstUse(async () => (await import("../tools/sleep.ts")).sleep),
  sort: onFirstUse(async () => (await import("../tools/sort.ts")).sort),
  tac: onFirstUse(async () => (await import("../tools/tac.ts")).tac),
  tail: onFirstUse(async () => (await import("../tools/head.ts")).tail),
  tee: onFirstUse(async () => (await import("../tools/tee.ts")).tee),
  timeout: onFirstUse(async () => (await import("../tools/timeout.ts")).timeout),
  touch: onFirstUse(async () => (await import("../tools/touch.ts")).touch),
  tr: onFirstUse(async () => (await import("../tools/tr.ts")).tr),
  uname: onFirstUse(async () => (await import("../tools/uname.ts")).uname),
  uniq: onFirstUse(async () => (await import("../tools/uniq.ts")).uniq),
  watch: onFirstUse(async () => (await import("../tools/watch.ts")).watch),
  wc: onFirstUse(async () => (await import("../tools/wc.ts")).wc),
  which: onFirstUse(async () => (await import("../tools/which.ts")).which),
  whoami: onFirstUse(async () => (await import("../tools/whoami-nproc.ts")).whoami),
  xargs: onFirstUse(async () => (await import("../tools/xargs.ts")).xargs),
  yes: onFirstUse(async () => (await import("../tools/yes.ts")).yes),
  echo,
};

/** Loads every host tool's code now (tests do, as they do kubectl's verbs: see lazy-tool.ts). */
export async function loadHostTools(): Promise<void> {
  await Promise.all(Object.values(HOST_COMMANDS).map(loadTool));
}

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
