import type { KubeObject } from "../../cluster/types.ts";
import type { FileSystem } from "../../fs/file-tree.ts";
import type { Stream } from "../../output.ts";
import type { CommandContext } from "../../shell/command.ts";

/**
 * A network tool run inside a pod (nslookup, wget, curl, ping): the command line in `ctx.argv`,
 * the pod it runs in as `pod`; resolves to the exit status.
 */
export type PodTool = (ctx: PodToolContext, pod: KubeObject) => Promise<number>;

/**
 * What a pod tool is given: the command context, and when the pod shell runs it, the shell's
 * filesystem and working directory (to save downloads) and whether it runs on a terminal. The
 * pod shell's ToolContext has this shape.
 */
export interface PodToolContext extends CommandContext {
  shell?: { fs: FileSystem; cwd: string };
  stdinIsTerminal?: boolean;
  stdoutIsTerminal?: boolean;
  /** The pod shell's ToolContext.control: progress meters' CR reaches the terminal as the engine's own. */
  control?: (text: string, stream?: Stream) => void;
}
