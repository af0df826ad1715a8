import { curl } from "./curl.ts";
import { nslookup, type PodTool } from "./nslookup.ts";
import { ping } from "./ping.ts";
import { wget } from "./wget.ts";

export type { PodTool } from "./nslookup.ts";

/**
 * The network tools a pod shell can run, by command name. Each is `(ctx, pod) => exit code`:
 * `ctx.argv` is the command line, `pod` the pod the shell runs in. The shell decides which of
 * them an image has (images/*: `commands`); nslookup picks its flavour from the pod's image.
 */
export const NET_TOOLS: Readonly<Record<string, PodTool>> = { nslookup, wget, curl, ping };
