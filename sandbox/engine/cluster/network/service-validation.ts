import type { Service, ServicePort } from "kubernetes-types/core/v1";
import { duplicate, forbidden, invalid, notSupported, required } from "../api/validation/field.ts";
import { isDNS1123Label } from "../api/validation/names.ts";
import type { FieldError } from "../errors.ts";
import type { KubeObject } from "../types.ts";

/**
 * The Service spec rules of ValidateService that learners run into, in the order the real
 * validation reports them: ports required (unless headless or ExternalName), the externalName,
 * each port's name, number, protocol and targetPort, the type, and nodePort on a ClusterIP.
 */

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const PORT_RANGE = "must be between 1 and 65535, inclusive";

export function validateService(object: KubeObject): FieldError[] {
  const service = object as unknown as Service;
  const spec = service.spec ?? {};
  const errs: FieldError[] = [];
  const type = spec.type ?? "ClusterIP";
  const ports = spec.ports ?? [];
  const headless = spec.clusterIP === "None";
  if (ports.length === 0 && !headless && type !== "ExternalName") errs.push(required("spec.ports"));
  if (type === "ExternalName" && !spec.externalName) errs.push(required("spec.externalName"));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    errs.push(...validatePort(port, `spec.ports[${i}]`, ports.length > 1, names));
  });
  if (!SERVICE_TYPES.includes(type)) errs.push(notSupported("spec.type", type, SERVICE_TYPES));
  if (type === "ClusterIP") {
    ports.forEach((port, i) => {
      if (port.nodePort)
        errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  return errs;
}

function validatePort(
  port: ServicePort,
  path: string,
  requireName: boolean,
  names: Set<string>,
): FieldError[] {
  const errs: FieldError[] = [];
  const name = port.name ?? "";
  if (requireName && name === "") errs.push(required(`${path}.name`));
  else if (name !== "") {
    for (const message of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, name, message));
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
    names.add(name);
  }
  if (!isPortNumber(port.port)) errs.push(invalid(`${path}.port`, port.port, PORT_RANGE));
  const protocol = port.protocol ?? "TCP";
  if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, PROTOCOLS));
  const target = port.targetPort;
  if (typeof target === "number" && target !== 0 && !isPortNumber(target)) {
    errs.push(invalid(`${path}.targetPort`, target, PORT_RANGE));
  }
  return errs;
}

function isPortNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 65535;
}
