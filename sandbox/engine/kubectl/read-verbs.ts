/**
 * The read-only verbs (get, describe, explain, api-resources, config, cluster-info, version),
 * registered into kubectl.ts's verb table in one line so that this list can grow without
 * touching the table others edit.
 */
import type { VerbLoader } from "./command.ts";
// `get` is the first command nearly every learner runs: it comes with the engine worker rather
// than on first use, so that the first answer waits for no chain of chunk round trips.
import { get } from "./commands/get.ts";

export const READ_VERBS: Record<string, VerbLoader> = {
  "api-resources": async () => (await import("./commands/api-resources.ts")).apiResources,
  "cluster-info": async () => (await import("./commands/cluster-info.ts")).clusterInfo,
  config: async () => (await import("./commands/config.ts")).config,
  describe: async () => (await import("./commands/describe.ts")).describe,
  explain: async () => (await import("./commands/explain.ts")).explain,
  get: async () => get,
  version: async () => (await import("./commands/version.ts")).version,
};
