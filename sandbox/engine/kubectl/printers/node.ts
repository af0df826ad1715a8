import type { KubeObject } from "../../cluster/types.ts";
import { age } from "./duration.ts";
import type { KindPrinter } from "./types.ts";

interface NodeStatus {
  conditions?: { type: string; status: string }[];
  addresses?: { type: string; address: string }[];
  nodeInfo?: {
    kubeletVersion?: string;
    osImage?: string;
    kernelVersion?: string;
    containerRuntimeVersion?: string;
  };
}

export const NODE_COLUMNS = ["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
export const NODE_WIDE_COLUMNS = [
  "INTERNAL-IP",
  "EXTERNAL-IP",
  "OS-IMAGE",
  "KERNEL-VERSION",
  "CONTAINER-RUNTIME",
];

/** One row of `kubectl get nodes`, as printers.go's printNode builds it. */
export function nodeRow(node: KubeObject, nowMs: number, wide: boolean): string[] {
  const status = (node.status ?? {}) as NodeStatus;
  const spec = (node.spec ?? {}) as { unschedulable?: boolean };
  const ready = status.conditions?.find((c) => c.type === "Ready");
  const states = [ready === undefined ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady"];
  if (spec.unschedulable) states.push("SchedulingDisabled");
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((key) => key.startsWith("node-role.kubernetes.io/"))
    .map((key) => key.slice("node-role.kubernetes.io/".length))
    .sort();
  const row = [
    node.metadata.name,
    states.join(","),
    roles.length > 0 ? roles.join(",") : "<none>",
    age(node.metadata.creationTimestamp, nowMs),
    status.nodeInfo?.kubeletVersion ?? "",
  ];
  if (wide) {
    const address = (type: string) => status.addresses?.find((a) => a.type === type)?.address ?? "<none>";
    row.push(
      address("InternalIP"),
      address("ExternalIP"),
      status.nodeInfo?.osImage || "<unknown>",
      status.nodeInfo?.kernelVersion || "<unknown>",
      status.nodeInfo?.containerRuntimeVersion || "<unknown>",
    );
  }
  return row;
}

export const NODE_PRINTER: KindPrinter = {
  columns: NODE_COLUMNS,
  wideColumns: NODE_WIDE_COLUMNS,
  row: nodeRow,
};
