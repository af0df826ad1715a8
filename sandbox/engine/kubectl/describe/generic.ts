/** describe for namespaces and configmaps, and describe.go's generic describer for everything else. */
import type { ConfigMap, Secret } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../cluster/types.ts";
import { describeEvents, printAnnotations, printLabels } from "./common.ts";
import { PrefixWriter } from "./tabbed.ts";

export function describeNamespace(object: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, `Status:\t${(object.status as { phase?: string } | undefined)?.phase ?? ""}\n`);
  // No quota or limit range objects exist in this cluster, as in a fresh kind cluster.
  w.write(0, "\n");
  w.write(0, "No resource quota.\n");
  w.write(0, "\n");
  w.write(0, "No LimitRange resource.\n");
  return w.toString();
}

export function describeConfigMap(
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const cm = object as unknown as ConfigMap;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, "\nData\n====\n");
  for (const key of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${key}:\n----\n`);
    w.write(0, `${cm.data![key]}\n`);
    w.write(0, "\n");
  }
  w.write(0, "\nBinaryData\n====\n");
  for (const key of Object.keys(cm.binaryData ?? {}).sort()) {
    w.write(0, `${key}: ${atobLength(cm.binaryData![key]!)} bytes\n`);
  }
  w.write(0, "\n");
  describeEvents(w, events, nowMs);
  return w.toString();
}

/** The decoded length of base64 data, as Go's []byte holds it. */
function atobLength(base64: string): number {
  const clean = base64.replace(/=+$/, "");
  return Math.floor((clean.length * 3) / 4);
}

/** The generic describer: metadata, then every other field as `Smart Label:  value`, sorted. */
export function describeGeneric(
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  const skip = new Set([
    ".metadata.managedFields",
    ".metadata.name",
    ".metadata.namespace",
    ".metadata.labels",
    ".metadata.annotations",
  ]);
  printContent(w, 0, object as unknown as Record<string, unknown>, "", skip);
  describeEvents(w, events, nowMs);
  return w.toString();
}

function printContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
  skip: Set<string>,
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skip.has(path) || value === undefined) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === "object")
          printContent(w, level + 1, child as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${String(child)}\n`);
      }
    } else if (value !== null && typeof value === "object") {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path, skip);
    } else {
      w.write(level, `${smartLabel(field)}:\t${value === null ? "<nil>" : String(value)}\n`);
    }
  }
}

/** describe.go smartLabelFor: `creationTimestamp` → `Creation Timestamp`, `apiVersion` → `API Version`. */
function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-/g) ?? [field];
  return parts
    .map((part) => {
      if (["API", "URL", "UID", "GUID"].includes(part.toUpperCase())) return part.toUpperCase();
      return part === part.toLowerCase() ? part.charAt(0).toUpperCase() + part.slice(1) : part;
    })
    .join(" ");
}

/** describe secret: values are never shown, only their sizes (a token's text is the exception). */
export function describeSecret(object: KubeObject): string {
  const secret = object as unknown as Secret;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  w.write(0, `\nType:\t${secret.type ?? ""}\n`);
  w.write(0, "\nData\n====\n");
  for (const key of Object.keys(secret.data ?? {}).sort()) {
    const value = secret.data![key]!;
    if (key === "token" && secret.type === "kubernetes.io/service-account-token")
      w.write(0, `${key}:\t${atob(value)}\n`);
    else w.write(0, `${key}:\t${atobLength(value)} bytes\n`);
  }
  return w.toString();
}
