/**
 * Validation of a check's params against its spec: used at build time by the lesson schema
 * (a lesson with a wrong param fails the build) and before every evaluation in the engine.
 */
import type { Check, CheckParams } from "./types.ts";

/** Problems with `params` for `check`, one sentence each; empty when they are fine. */
export function paramProblems(check: Check, params: unknown): string[] {
  if (params === undefined || params === null) params = {};
  if (typeof params !== "object" || Array.isArray(params))
    return [`params of ${check.name} must be a mapping`];
  const given = params as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(check.params, key)) {
      const known = Object.keys(check.params).join(", ") || "none";
      problems.push(`${check.name} has no param "${key}" (params: ${known})`);
    }
  }
  for (const [key, spec] of Object.entries(check.params)) {
    const value = given[key];
    if (value === undefined) {
      if (!spec.optional) problems.push(`${check.name} needs param "${key}": ${spec.description}`);
      continue;
    }
    const ok =
      spec.type === "string"
        ? typeof value === "string" && value.length > 0
        : spec.type === "integer"
          ? Number.isInteger(value) && (value as number) >= 0
          : typeof value === "boolean";
    if (!ok)
      problems.push(
        `${check.name} param "${key}" must be ${article(spec.type)}, got ${JSON.stringify(value)}`,
      );
  }
  return problems;
}

function article(type: string): string {
  return type === "integer"
    ? "a non-negative integer"
    : type === "string"
      ? "a non-empty string"
      : "a boolean";
}

/** Narrowing helpers for check bodies (params are validated before `run`). */
export const str = (params: CheckParams, key: string): string => params[key] as string;
export const optStr = (params: CheckParams, key: string): string | undefined =>
  params[key] as string | undefined;
export const optInt = (params: CheckParams, key: string): number | undefined =>
  params[key] as number | undefined;
