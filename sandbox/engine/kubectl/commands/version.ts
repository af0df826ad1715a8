import { SERVER_VERSION } from "../../cluster/versions.ts";
import type { CommandContext } from "../../shell/command.ts";

/** The kubectl this sandbox plays: the client a kind 1.34 user has. */
export const CLIENT_VERSION = {
  major: "1",
  minor: "34",
  gitVersion: "v1.34.1",
  gitCommit: "93248f9ae092f571eb870b7664c534bfc7d00f03",
  gitTreeState: "clean",
  buildDate: "2025-09-09T19:44:50Z",
  goVersion: "go1.24.6",
  compiler: "gc",
  platform: "linux/amd64",
} as const;

export const KUSTOMIZE_VERSION = "v5.7.1";

export async function version(ctx: CommandContext, args: string[]): Promise<number> {
  const clientOnly = args.includes("--client") || args.includes("--client=true");
  let lines = `Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
  if (!clientOnly) lines += `Server Version: ${SERVER_VERSION.gitVersion}\n`;
  ctx.stdout(lines);
  return 0;
}
