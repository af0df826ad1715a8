import { FileTree } from "../../../sandbox/engine/fs/file-tree.ts";
import { kubectl } from "../../../sandbox/engine/kubectl/kubectl.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";
import type { SandboxEnv } from "../../../sandbox/engine/shell/command.ts";
import { createTimeDriver } from "../../../sandbox/engine/time-driver.ts";
import { splitWords } from "./split-words.ts";

export interface Result {
  stdout: string;
  stderr: string;
  status: number;
}

/**
 * A fresh cluster plus a workspace of files, driving kubectl directly (so a test can hand it stdin
 * and files without depending on the shell's redirections).
 */
export function lab() {
  const cluster = createDefaultCluster();
  const fs = new FileTree();
  fs.mkdir("/root", 0);
  const env = { cluster, time: createTimeDriver(cluster, "instant"), workspace: { fs, cwd: "/root" } };
  return {
    cluster,
    fs,
    env,
    write(path: string, text: string) {
      fs.writeFile(`/root/${path}`, text, cluster.clock.now());
    },
    async run(line: string, stdin = ""): Promise<Result> {
      const split = splitWords(line);
      if ("error" in split) throw new Error(split.error);
      let stdout = "";
      let stderr = "";
      const status = await kubectl({
        argv: split.words,
        stdin,
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        signal: new AbortController().signal,
        env: env as unknown as SandboxEnv,
      });
      cluster.runControllers();
      return { stdout, stderr, status };
    },
  };
}
