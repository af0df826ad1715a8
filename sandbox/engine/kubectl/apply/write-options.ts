/**
 * What kubectl's mutating verbs share: the --dry-run flag and its suffixes, the success line of
 * the name printer (kubectl.md §6: `<kind>[.<group>]/<name> <operation>`, or just the name with
 * `-o name`), and the flags that go with them.
 */
import type { ResourceType } from "../../cluster/kinds.ts";
import type { FlagSpec } from "../flags.ts";
import { kindPrefix } from "../resources.ts";
import type { DryRun } from "./apply-object.ts";

export const DRY_RUN_FLAG: FlagSpec = {
  name: "dry-run",
  type: "string",
  default: "none",
  usage: 'Must be "none", "server", or "client".',
};

/** --dry-run's value, or kubectl's error for anything else. */
export function parseDryRun(raw: string): DryRun | { error: string } {
  if (raw === "none" || raw === "client" || raw === "server") return raw;
  return { error: `Invalid dry-run value (${raw}). Must be "none", "server", or "client".` };
}

/** ` (dry run)` / ` (server dry run)` as PrintFlagsWithDryRunStrategy appends them. */
export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
}

/** One success line with its newline; `-o name` prints the bare name. */
export function successLine(
  type: ResourceType,
  name: string,
  operation: string,
  options: { dryRun?: DryRun; output?: string } = {},
): string {
  const resource = `${kindPrefix(type)}/${name}`;
  if (options.output === "name") return `${resource}\n`;
  return `${resource} ${operation}${dryRunSuffix(options.dryRun ?? "none")}\n`;
}
