/**
 * The cluster view: nodes as lanes, pods as cards grouped by the StatefulSet or Deployment that
 * owns them, claims on the cards, and services with their endpoints and DNS names. It is built from
 * headings and lists, so screen readers get the same picture as text. Every name comes from user
 * data and is set with textContent, never as HTML. A card is a button: it describes the object in
 * the terminal.
 */
import type { ClusterPicture, PodCard } from "../../protocol.ts";

type Describe = (command: string) => void;

export class ClusterView {
  readonly #host: HTMLElement;
  readonly #describe: Describe;
  /** Pods seen in the previous picture, so new ones can be marked as arriving. */
  #seen = new Set<string>();
  #first = true;

  constructor(host: HTMLElement, describe: Describe) {
    this.#host = host;
    this.#describe = describe;
  }

  render(picture: ClusterPicture): void {
    const seen = new Set<string>();
    const root = el("div", "cv");
    const scheduled = new Map<string, PodCard[]>();
    for (const pod of picture.pods) {
      const lane = pod.node ?? "";
      scheduled.set(lane, [...(scheduled.get(lane) ?? []), pod]);
    }

    const nodes = el("section", "cv-nodes");
    nodes.append(heading("Nodes"));
    for (const node of picture.nodes) {
      const lane = el("section", `cv-lane${node.ready ? "" : " is-down"}`);
      const state = [node.ready ? "Ready" : "NotReady", ...(node.schedulable ? [] : ["SchedulingDisabled"])];
      lane.append(heading(node.name, "h4", `${node.roles.join(",") || "worker"} · ${state.join(",")}`));
      lane.append(this.#podGroups(picture, scheduled.get(node.name) ?? [], seen));
      nodes.append(lane);
    }
    const unscheduled = scheduled.get("") ?? [];
    if (unscheduled.length > 0) {
      const lane = el("section", "cv-lane is-unscheduled");
      lane.append(heading("Not scheduled yet", "h4", "waiting for a node"));
      lane.append(this.#podGroups(picture, unscheduled, seen));
      nodes.append(lane);
    }
    root.append(nodes);

    if (picture.services.length > 0) root.append(this.#services(picture));
    if (picture.claims.length > 0 || picture.volumes.length > 0) root.append(this.#storage(picture));
    if (picture.pods.length === 0) {
      root.append(
        el("p", "cv-empty", "No pods in your namespaces yet. Create some and watch them appear here."),
      );
    }
    this.#host.replaceChildren(root);
    this.#seen = seen;
    this.#first = false;
  }

  #podGroups(picture: ClusterPicture, pods: PodCard[], seen: Set<string>): HTMLElement {
    const groups = new Map<string, PodCard[]>();
    for (const pod of pods) {
      const key = pod.owner ? `${pod.owner.kind}/${pod.owner.name}` : "";
      groups.set(key, [...(groups.get(key) ?? []), pod]);
    }
    const list = el("ul", "cv-groups");
    for (const [key, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      const item = el("li", "cv-group");
      const [kind, name] = key.split("/");
      const workload = picture.workloads.find((w) => w.kind === kind && w.name === name);
      item.append(
        el(
          "p",
          "cv-group-title",
          key ? `${kind} ${name}${workload ? ` · ${workload.ready} ready` : ""}` : "Pods",
        ),
      );
      const cards = el("ul", "cv-cards");
      members.sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0) || a.name.localeCompare(b.name));
      for (const pod of members) cards.append(this.#card(pod, seen));
      item.append(cards);
      list.append(item);
    }
    return list;
  }

  #card(pod: PodCard, seen: Set<string>): HTMLElement {
    const key = `${pod.namespace}/${pod.name}`;
    seen.add(key);
    const item = el("li", `cv-card ${tone(pod)}${!this.#first && !this.#seen.has(key) ? " is-new" : ""}`);
    const button = el("button", "cv-card-button");
    button.type = "button";
    button.title = `kubectl describe pod ${pod.name}`;
    button.addEventListener("click", () =>
      this.#describe(`kubectl describe pod ${pod.name}${namespaceFlag(pod.namespace)}`),
    );
    button.append(el("span", "cv-pod-name", pod.name));
    button.append(el("span", "cv-pod-status", `${pod.status} · ${pod.ready}`));
    button.append(el("span", "cv-pod-ip", pod.ip ?? "no IP yet"));
    for (const claim of pod.claims) button.append(el("span", "cv-pod-claim", `disk: ${claim}`));
    item.append(button);
    return item;
  }

  #services(picture: ClusterPicture): HTMLElement {
    const section = el("section", "cv-services");
    section.append(heading("Services"));
    const list = el("ul", "cv-list");
    for (const svc of picture.services) {
      const item = el("li", "cv-service");
      const headless = svc.clusterIP === "None";
      item.append(el("p", "cv-service-name", `${svc.name} · ${headless ? "headless" : svc.clusterIP}`));
      item.append(el("p", "cv-dns", svc.dnsName));
      const endpoints = el("ul", "cv-endpoints");
      for (const endpoint of svc.endpoints) {
        const label = endpoint.pod ? `${endpoint.pod} ${endpoint.ip}` : endpoint.ip;
        const dns = headless && endpoint.pod ? ` · ${endpoint.pod}.${svc.name}` : "";
        endpoints.append(
          el(
            "li",
            endpoint.ready ? "is-ready" : "is-not-ready",
            `${label}${dns}${endpoint.ready ? "" : " (not ready)"}`,
          ),
        );
      }
      if (svc.endpoints.length === 0) endpoints.append(el("li", "is-none", "no endpoints"));
      item.append(endpoints);
      list.append(item);
    }
    section.append(list);
    return section;
  }

  #storage(picture: ClusterPicture): HTMLElement {
    const section = el("section", "cv-storage");
    section.append(heading("Storage"));
    const list = el("ul", "cv-list");
    for (const claim of picture.claims) {
      const volume = picture.volumes.find((v) => v.name === claim.volume);
      const text = `claim ${claim.name} · ${claim.phase}${volume ? ` → volume ${volume.name} (${volume.reclaimPolicy})` : ""}`;
      list.append(el("li", `cv-claim is-${claim.phase.toLowerCase()}`, text));
    }
    for (const volume of picture.volumes.filter((v) => !picture.claims.some((c) => c.volume === v.name))) {
      const text = `volume ${volume.name} · ${volume.phase}${volume.claim ? ` (was ${volume.claim})` : ""} · ${volume.reclaimPolicy}`;
      list.append(el("li", `cv-volume is-${volume.phase.toLowerCase()}`, text));
    }
    section.append(list);
    return section;
  }
}

function tone(pod: PodCard): string {
  if (pod.terminating) return "is-terminating";
  if (/Err|BackOff|Error|Failed|Unknown/.test(pod.status)) return "is-failing";
  if (pod.status === "Running" && pod.allReady) return "is-ready";
  return "is-starting";
}

function namespaceFlag(namespace: string): string {
  return namespace === "default" ? "" : ` -n ${namespace}`;
}

function heading(text: string, tag: "h3" | "h4" = "h3", detail?: string): HTMLElement {
  const h = el(tag, "cv-heading", text);
  if (detail) h.append(el("span", "cv-heading-detail", ` ${detail}`));
  return h;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
