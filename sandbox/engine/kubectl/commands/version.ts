/** kubectl version (pkg/cmd/version): client, kustomize and server versions; -o yaml|json. */
import { SERVER_VERSION } from "../../cluster/versions.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import type { FlagSpec } from "../flags.ts";
import { HELP } from "../help/version.ts";
import { toYaml } from "../printers/serialize.ts";

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

const FLAGS: readonly FlagSpec[] = [
  {
    name: "client",
    type: "bool",
    default: false,
    usage: "If true, shows client version only (no server required).",
  },
  { name: "output", shorthand: "o", type: "string", default: "", usage: "One of 'yaml' or 'json'." },
];

export const version: KubectlVerb = { flags: FLAGS, help: HELP, run };

async function run({ ctx, flags }: KubectlInvocation): Promise<number> {
  const clientOnly = flags.bool("client");
  const output = flags.string("output");
  if (output !== "" && output !== "yaml" && output !== "json") {
    ctx.stderr("error: --output must be 'yaml' or 'json'\n");
    return 1;
  }
  if (output !== "") {
    // JSON keeps the Go struct's field order with a 2-space indent (json.MarshalIndent); YAML goes
    // through sigs.k8s.io/yaml, which sorts keys.
    const info = {
      clientVersion: CLIENT_VERSION,
      kustomizeVersion: KUSTOMIZE_VERSION,
      ...(clientOnly ? {} : { serverVersion: SERVER_VERSION }),
    };
    ctx.stdout(output === "json" ? `${JSON.stringify(info, null, 2)}\n` : toYaml(info));
    return 0;
  }
  let lines = `Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
  if (!clientOnly) lines += `Server Version: ${SERVER_VERSION.gitVersion}\n`;
  ctx.stdout(lines);
  return 0;
}
