/**
 * The read-only verbs (get, describe, explain, api-resources, config, cluster-info, version),
 * registered into kubectl.ts's verb table in one line so that this list can grow without
 * touching the table others edit.
 */
import type { KubectlVerb } from "./command.ts";
import { apiResources } from "./commands/api-resources.ts";
import { clusterInfo } from "./commands/cluster-info.ts";
import { config } from "./commands/config.ts";
import { describe } from "./commands/describe.ts";
import { explain } from "./commands/explain.ts";
import { get } from "./commands/get.ts";
import { version } from "./commands/version.ts";

export const READ_VERBS: Record<string, KubectlVerb> = {
  "api-resources": apiResources,
  "cluster-info": clusterInfo,
  config,
  describe,
  explain,
  get,
  version,
};
