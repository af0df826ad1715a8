/**
 * Reading what the builder resolved: one API list per type (with the selectors) or one GET per
 * named object, through cluster.api exactly as kubectl's visitors would call the server.
 */
import type { ListOptions } from "../cluster/api.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { ApiError } from "../cluster/errors.ts";
import type { ResourceType } from "../cluster/kinds.ts";
import type { KubeObject } from "../cluster/types.ts";
import type { ResourceTarget } from "./resources.ts";

/** What one target gave back: the objects of a list or the one named object, or its error. */
export interface FetchedGroup {
  type: ResourceType;
  /** The namespace asked for (undefined for -A and cluster-scoped kinds). */
  namespace: string | undefined;
  objects: KubeObject[];
  /** True for a list request (a Table even when empty), false for a named GET. */
  isList: boolean;
}

export interface FetchResult {
  groups: FetchedGroup[];
  /** API errors in request order (NotFound for missing names, BadRequest for bad selectors). */
  errors: unknown[];
}

export interface Selectors {
  labelSelector: string;
  fieldSelector: string;
}

export function fetchTargets(
  cluster: Cluster,
  targets: readonly ResourceTarget[],
  selectors: Selectors,
): FetchResult {
  const groups: FetchedGroup[] = [];
  const errors: unknown[] = [];
  for (const target of targets) {
    try {
      if (target.name === undefined) {
        const objects = listObjects(cluster, target.type, target.namespace, selectors);
        groups.push({ type: target.type, namespace: target.namespace, objects, isList: true });
      } else {
        const object = cluster.api.get(target.type.kind, target.namespace, target.name);
        groups.push({ type: target.type, namespace: target.namespace, objects: [object], isList: false });
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      errors.push(error);
    }
  }
  return { groups, errors };
}

/** A list call with -l / --field-selector handed to the API server, which parses and applies them. */
export function listObjects(
  cluster: Cluster,
  type: ResourceType,
  namespace: string | undefined,
  selectors: Selectors,
): KubeObject[] {
  const options: ListOptions = {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(selectors.labelSelector ? { labelSelector: selectors.labelSelector } : {}),
    ...(selectors.fieldSelector ? { fieldSelector: selectors.fieldSelector } : {}),
  };
  try {
    return cluster.api.list(type.kind, options);
  } catch (error) {
    throw explainListError(error, type, selectors);
  }
}

/**
 * cli-runtime's Selector visitor rewrites a BadRequest or NotFound from a list so the message
 * says what was asked: `Unable to find "/v1, Resource=pods" that match label selector "",
 * field selector "foo=bar": field label not supported: foo`.
 */
function explainListError(error: unknown, type: ResourceType, selectors: Selectors): unknown {
  if (!(error instanceof ApiError) || (error.reason !== "BadRequest" && error.reason !== "NotFound"))
    return error;
  const resource = `${type.group}/${type.version}, Resource=${type.plural}`;
  const { labelSelector, fieldSelector } = selectors;
  const message =
    labelSelector === "" && fieldSelector === ""
      ? `Unable to list "${resource}": ${error.message}`
      : `Unable to find "${resource}" that match label selector "${labelSelector}", field selector "${fieldSelector}": ${error.message}`;
  return new ApiError(error.reason, message, error.causes, error.details);
}

/** The API server's deprecation warning for core/v1 Endpoints (1.33+), printed once per command. */
export const ENDPOINTS_WARNING =
  "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n";

/** Warnings the server would send for these requests, in kubectl's `Warning: ...` form. */
export function serverWarnings(targets: readonly ResourceTarget[]): string {
  return targets.some((t) => t.type.kind === "Endpoints") ? ENDPOINTS_WARNING : "";
}
