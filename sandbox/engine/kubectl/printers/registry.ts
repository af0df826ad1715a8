import {
  CONFIGMAP_PRINTER,
  EVENT_PRINTER,
  NAMESPACE_PRINTER,
  SECRET_PRINTER,
  SERVICE_ACCOUNT_PRINTER,
} from "./core.ts";
import { DEFAULT_PRINTER } from "./default.ts";
import { ENDPOINT_SLICE_PRINTER, ENDPOINTS_PRINTER, SERVICE_PRINTER } from "./networking.ts";
import { NODE_PRINTER } from "./node.ts";
import { POD_PRINTER } from "./pod.ts";
import { PV_PRINTER, PVC_PRINTER, STORAGE_CLASS_PRINTER } from "./storage.ts";
import type { KindPrinter } from "./types.ts";
import {
  CONTROLLER_REVISION_PRINTER,
  DAEMONSET_PRINTER,
  DEPLOYMENT_PRINTER,
  REPLICASET_PRINTER,
  STATEFULSET_PRINTER,
} from "./workloads.ts";

/** Every kind's table printer, by Kind. Kinds missing here get the server's default table. */
const PRINTERS: Record<string, KindPrinter> = {
  ConfigMap: CONFIGMAP_PRINTER,
  ControllerRevision: CONTROLLER_REVISION_PRINTER,
  DaemonSet: DAEMONSET_PRINTER,
  Deployment: DEPLOYMENT_PRINTER,
  EndpointSlice: ENDPOINT_SLICE_PRINTER,
  Endpoints: ENDPOINTS_PRINTER,
  Event: EVENT_PRINTER,
  Namespace: NAMESPACE_PRINTER,
  Node: NODE_PRINTER,
  PersistentVolume: PV_PRINTER,
  PersistentVolumeClaim: PVC_PRINTER,
  Pod: POD_PRINTER,
  ReplicaSet: REPLICASET_PRINTER,
  Secret: SECRET_PRINTER,
  Service: SERVICE_PRINTER,
  ServiceAccount: SERVICE_ACCOUNT_PRINTER,
  StatefulSet: STATEFULSET_PRINTER,
  StorageClass: STORAGE_CLASS_PRINTER,
};

export function printerFor(kind: string): KindPrinter {
  return Object.hasOwn(PRINTERS, kind) ? PRINTERS[kind]! : DEFAULT_PRINTER;
}
