/**
 * Pod spec validation (pkg/apis/core/validation): the checks a learner's manifest can trip over,
 * with the server's exact texts. Used for Pods and for the templates of workloads.
 */
import type { FieldError } from "../../errors.ts";
import { duplicate, forbidden, invalid, notSupported, required } from "./field.ts";
import { isDNS1123Label } from "./names.ts";

type Obj = Record<string, unknown>;
const list = (value: unknown): Obj[] => (Array.isArray(value) ? (value as Obj[]) : []);

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];

function validateContainers(
  containers: Obj[],
  path: string,
  volumes: Set<string>,
  names: Set<string>,
): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    const p = `${path}[${i}]`;
    const name = c.name as string | undefined;
    if (!name) errs.push(required(`${p}.name`));
    else {
      for (const msg of isDNS1123Label(name)) errs.push(invalid(`${p}.name`, name, msg));
      if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
      names.add(name);
    }
    if (!c.image) errs.push(required(`${p}.image`));
    if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy as string)) {
      errs.push(notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
    }
    list(c.ports).forEach((port, j) => {
      const pp = `${p}.ports[${j}]`;
      const n = port.containerPort as number | undefined;
      if (n === undefined || n === 0) errs.push(required(`${pp}.containerPort`));
      else if (n < 1 || n > 65535)
        errs.push(invalid(`${pp}.containerPort`, n, "must be between 1 and 65535, inclusive"));
      if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol as string)) {
        errs.push(notSupported(`${pp}.protocol`, port.protocol, PROTOCOLS));
      }
    });
    const mountPaths = new Set<string>();
    list(c.volumeMounts).forEach((m, j) => {
      const mp = `${p}.volumeMounts[${j}]`;
      const mountName = m.name as string | undefined;
      if (!mountName) errs.push(required(`${mp}.name`));
      else if (!volumes.has(mountName)) errs.push(fieldNotFound(`${mp}.name`, mountName));
      const mountPath = m.mountPath as string | undefined;
      if (!mountPath) errs.push(required(`${mp}.mountPath`));
      else {
        if (mountPaths.has(mountPath)) errs.push(invalid(`${mp}.mountPath`, mountPath, "must be unique"));
        mountPaths.add(mountPath);
      }
    });
  });
  return errs;
}

function fieldNotFound(path: string, value: string): FieldError {
  return { field: path, type: "Not found", message: `${path}: Not found: ${JSON.stringify(value)}` };
}

export function validatePodSpec(spec: Obj | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const s = spec ?? {};
  const volumes = new Set<string>();
  list(s.volumes).forEach((v, i) => {
    const name = v.name as string | undefined;
    if (!name) errs.push(required(`${path}.volumes[${i}].name`));
    else {
      for (const msg of isDNS1123Label(name)) errs.push(invalid(`${path}.volumes[${i}].name`, name, msg));
      if (volumes.has(name)) errs.push(duplicate(`${path}.volumes[${i}].name`, name));
      volumes.add(name);
    }
  });
  const names = new Set<string>();
  const containers = list(s.containers);
  if (containers.length === 0) errs.push(required(`${path}.containers`));
  errs.push(...validateContainers(list(s.initContainers), `${path}.initContainers`, volumes, names));
  errs.push(...validateContainers(containers, `${path}.containers`, volumes, names));
  if (s.restartPolicy !== undefined && !RESTART_POLICIES.includes(s.restartPolicy as string)) {
    errs.push(notSupported(`${path}.restartPolicy`, s.restartPolicy, RESTART_POLICIES));
  }
  if (s.dnsPolicy !== undefined && !DNS_POLICIES.includes(s.dnsPolicy as string)) {
    errs.push(notSupported(`${path}.dnsPolicy`, s.dnsPolicy, DNS_POLICIES));
  }
  const grace = s.terminationGracePeriodSeconds as number | undefined;
  if (grace !== undefined && grace < 0) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, "must be greater than or equal to 0"));
  }
  const hostname = s.hostname as string | undefined;
  if (hostname)
    for (const msg of isDNS1123Label(hostname)) errs.push(invalid(`${path}.hostname`, hostname, msg));
  const subdomain = s.subdomain as string | undefined;
  if (subdomain)
    for (const msg of isDNS1123Label(subdomain)) errs.push(invalid(`${path}.subdomain`, subdomain, msg));
  return errs;
}

/**
 * ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations and a negative grace
 * period may change. The real message is followed by a diff of the PodSpec, left out here.
 */
export const POD_UPDATE_FORBIDDEN =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

export function validatePodSpecUpdate(
  spec: Obj,
  old: Obj,
  same: (a: unknown, b: unknown) => boolean,
): FieldError[] {
  const mutable = structuredClone(spec);
  const withOldImages = (key: string) => {
    const olds = list(old[key]);
    list(mutable[key]).forEach((c, i) => {
      if (olds[i]) c.image = olds[i]!.image;
    });
  };
  withOldImages("containers");
  withOldImages("initContainers");
  mutable.activeDeadlineSeconds = old.activeDeadlineSeconds;
  mutable.tolerations = old.tolerations;
  // The scheduler's binding sets nodeName once; it is not a learner's update.
  if (!old.nodeName) mutable.nodeName = old.nodeName;
  return same(mutable, old) ? [] : [forbidden("spec", POD_UPDATE_FORBIDDEN)];
}
