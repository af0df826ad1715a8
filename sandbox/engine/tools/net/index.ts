import { CURL_VERSION, createCurl } from "./curl.ts";
import { getent } from "./getent.ts";
import { kvdbCli } from "./kvdb-cli.ts";
import { nslookup } from "./nslookup.ts";
import { ping } from "./ping.ts";
import type { PodTool } from "./pod-tool.ts";
import { createWget } from "./wget.ts";

export type { PodTool, PodToolContext } from "./pod-tool.ts";

/**
 * The network tools a pod shell can run, by command name. Each is `(ctx, pod) => exit code`:
 * `ctx.argv` is the command line, `pod` the pod the shell runs in. The shell decides which of
 * them an image has (images/*: `commands`); nslookup picks its flavour from the pod's image.
 */
export const NET_TOOLS: Readonly<Record<string, PodTool>> = {
  nslookup,
  getent,
  // The User-Agent each sends, as the server's access log shows it: BusyBox wget says just "Wget".
  wget: createWget({ userAgent: "Wget" }),
  curl: createCurl({ userAgent: `curl/${CURL_VERSION}` }),
  ping,
  "kvdb-cli": kvdbCli,
};
