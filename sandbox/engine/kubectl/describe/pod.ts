/** describe pod and the pod-template parts other describers reuse (describe.go describePod). */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  Pod,
  PodTemplateSpec,
  Toleration,
  Volume,
} from "kubernetes-types/core/v1";
import type { KubeObject } from "../../cluster/types.ts";
import { age } from "../printers/duration.ts";
import { controllerOf, describeEvents, printAnnotations, printLabels, rfc1123z } from "./common.ts";
import { PrefixWriter } from "./tabbed.ts";

export function describePod(
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
): string {
  const pod = object as unknown as Pod;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${object.metadata.name}\n`);
  w.write(0, `Namespace:\t${object.metadata.namespace ?? ""}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ""}\n` : "Node:\t<none>\n");
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabels(w, "Labels", object.metadata.labels);
  printAnnotations(w, "Annotations", object.metadata.annotations);
  if (object.metadata.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
    w.write(0, `Status:\tTerminating (lasts ${age(object.metadata.deletionTimestamp, nowMs)})\n`);
    w.write(0, `Termination Grace Period:\t${object.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ""}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ""}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) w.write(0, "IPs:\t<none>\n");
  else {
    w.write(0, "IPs:\n");
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = controllerOf(object);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if ((spec.initContainers ?? []).length > 0) {
    describeContainers(w, "Init Containers", spec.initContainers ?? [], status.initContainerStatuses, "");
  }
  describeContainers(w, "Containers", spec.containers ?? [], status.containerStatuses ?? [], "");
  if ((status.conditions ?? []).length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of status.conditions ?? []) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, "");
  w.write(0, `QoS Class:\t${status.qosClass ?? qosClass(spec.containers ?? [])}\n`);
  printLabels(w, "Node-Selectors", spec.nodeSelector);
  printTolerations(w, "Tolerations", spec.tolerations, "");
  describeEvents(w, events, nowMs);
  return w.toString();
}

/** DescribePodTemplate: the `Pod Template:` block of workload describers. */
export function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(0, "Pod Template:\n");
  if (!template) {
    w.write(1, "<unset>");
    return;
  }
  printLabels(w, "  Labels", template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotations(w, "  Annotations", template.metadata?.annotations);
  }
  const spec = template.spec ?? { containers: [] };
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) {
    describeContainers(w, "Init Containers", spec.initContainers ?? [], undefined, "  ");
  }
  describeContainers(w, "Containers", spec.containers ?? [], undefined, "  ");
  describeVolumes(w, spec.volumes, "  ");
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, "  Node-Selectors", spec.nodeSelector);
  printTolerations(w, "  Tolerations", spec.tolerations, "");
}

function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space: string,
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  const nameIndent = space ? " " : "";
  for (const container of containers) {
    const status = byName.get(container.name);
    w.write(1, `${nameIndent}${container.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ""}\n`);
    w.write(2, `Image:\t${container.image ?? ""}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ""}\n`);
    const ports = (container.ports ?? []).map(
      (p) => `${p.containerPort}/${p.protocol ?? "TCP"}${p.name ? ` (${p.name})` : ""}`,
    );
    const hostPorts = (container.ports ?? []).map(
      (p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}${p.name ? ` (${p.name})` : ""}`,
    );
    const portText = ports.join(", ");
    const hostPortText = hostPorts.join(", ");
    w.write(2, portText.includes(",") ? `Ports:\t${portText}\n` : `Port:\t${portText || "<none>"}\n`);
    w.write(
      2,
      hostPortText.includes(",")
        ? `Host Ports:\t${hostPortText}\n`
        : `Host Port:\t${hostPortText || "<none>"}\n`,
    );
    for (const [title, words] of [
      ["Command", container.command],
      ["Args", container.args],
    ] as const) {
      if ((words ?? []).length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const word of words ?? []) for (const line of word.split("\n")) w.write(3, `${line}\n`);
    }
    if (status) {
      describeState(w, "State", status.state);
      if (status.lastState?.terminated) describeState(w, "Last State", status.lastState);
      w.write(2, `Ready:\t${status.ready ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    for (const [title, values] of [
      ["Limits", container.resources?.limits],
      ["Requests", container.resources?.requests],
    ] as const) {
      const names = Object.keys(values ?? {}).sort();
      if (names.length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const name of names) w.write(3, `${name}:\t${String(values![name])}\n`);
    }
    for (const [title, probe] of [
      ["Liveness", container.livenessProbe],
      ["Readiness", container.readinessProbe],
      ["Startup", container.startupProbe],
    ] as const) {
      if (probe) w.write(2, `${title}:\t${describeProbe(probe)}\n`);
    }
    const env = container.env ?? [];
    w.write(2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
    for (const e of env) {
      if (e.valueFrom === undefined) {
        (e.value ?? "").split("\n").forEach((line, i) => {
          w.write(3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
        });
      } else if (e.valueFrom.secretKeyRef) {
        const ref = e.valueFrom.secretKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name}'>\tOptional: ${ref.optional === true}\n`,
        );
      } else if (e.valueFrom.configMapKeyRef) {
        const ref = e.valueFrom.configMapKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name}'>\tOptional: ${ref.optional === true}\n`,
        );
      } else if (e.valueFrom.fieldRef) {
        const ref = e.valueFrom.fieldRef;
        w.write(3, `${e.name}:\t (${ref.apiVersion ?? "v1"}:${ref.fieldPath})\n`);
      }
    }
    const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
    for (const mount of mounts) {
      const flags = [mount.readOnly ? "ro" : "rw"];
      if (mount.subPath) flags.push(`path=${JSON.stringify(mount.subPath)}`);
      w.write(3, `${mount.mountPath} from ${mount.name} (${flags.join(",")})\n`);
    }
  }
}

function describeState(w: PrefixWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

/** DescribeProbe: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
function describeProbe(probe: NonNullable<Container["readinessProbe"]>): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(" ")}] ${attrs}`;
  if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? "HTTP").toLowerCase();
    return `http-get ${scheme}://${probe.httpGet.host ?? ""}:${probe.httpGet.port}${probe.httpGet.path ?? ""} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ""}:${probe.tcpSocket.port} ${attrs}`;
  return `unknown ${attrs}`;
}

export function describeVolumes(
  w: PrefixWriter,
  volumes: readonly Volume[] | undefined,
  space: string,
): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  const nameIndent = space ? " " : "";
  for (const volume of volumes) {
    w.write(1, `${nameIndent}${volume.name}:\n`);
    if (volume.hostPath) {
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${volume.hostPath.path}\n    HostPathType:\t${volume.hostPath.type || "<none>"}\n`,
      );
    } else if (volume.emptyDir) {
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${volume.emptyDir.medium ?? ""}\n    SizeLimit:\t${volume.emptyDir.sizeLimit ?? "<unset>"}\n`,
      );
    } else if (volume.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${volume.secret.secretName ?? ""}\n    Optional:\t${volume.secret.optional === true}\n`,
      );
    } else if (volume.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${volume.configMap.name ?? ""}\n    Optional:\t${volume.configMap.optional === true}\n`,
      );
    } else if (volume.persistentVolumeClaim) {
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${volume.persistentVolumeClaim.claimName}\n    ReadOnly:\t${volume.persistentVolumeClaim.readOnly === true}\n`,
      );
    } else if (volume.projected) {
      w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
      for (const source of volume.projected.sources ?? []) {
        if (source.secret) {
          w.write(
            2,
            `SecretName:\t${source.secret.name ?? ""}\n    Optional:\t${source.secret.optional === true}\n`,
          );
        } else if (source.downwardAPI) {
          w.write(2, "DownwardAPI:\ttrue\n");
        } else if (source.configMap) {
          w.write(
            2,
            `ConfigMapName:\t${source.configMap.name ?? ""}\n    Optional:\t${source.configMap.optional === true}\n`,
          );
        } else if (source.serviceAccountToken) {
          w.write(2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3607}\n`);
        }
      }
    } else {
      w.write(1, "<unknown>\n");
    }
  }
}

/** printTolerationsMultilineWithIndent. */
function printTolerations(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
  initialIndent: string,
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.line("<none>");
    return;
  }
  const sorted = [...tolerations].sort((a, b) =>
    (a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0,
  );
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let text = t.key ?? "";
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) text += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** The pod's QoS class when status does not carry it: BestEffort without any requests or limits. */
function qosClass(containers: readonly Container[]): string {
  const any = containers.some(
    (c) =>
      Object.keys(c.resources?.requests ?? {}).length > 0 ||
      Object.keys(c.resources?.limits ?? {}).length > 0,
  );
  if (!any) return "BestEffort";
  const guaranteed = containers.every((c) => {
    const limits = c.resources?.limits ?? {};
    const requests = c.resources?.requests ?? {};
    return ["cpu", "memory"].every(
      (r) =>
        limits[r] !== undefined && (requests[r] === undefined || String(requests[r]) === String(limits[r])),
    );
  });
  return guaranteed ? "Guaranteed" : "Burstable";
}
