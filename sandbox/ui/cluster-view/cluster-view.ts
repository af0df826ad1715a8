/**
 * The cluster view: nodes as lanes, pods as cards grouped by the StatefulSet or Deployment that
 * owns them, claims on the cards, and services with their endpoints and DNS names. It is built from
 * headings and lists, so screen readers get the same picture as text. Every name comes from user
 * data and is set with textContent, never as HTML. Every object is a button that describes it in
 * the terminal (`kubectl describe`): pods, nodes, workloads, services, claims and volumes. A pod
 * that arrives, terminates or comes back on another node says so in words and, unless the learner
 * asked for reduced motion, with a short animation (src/styles/cluster-view.css).
 */
import type { ClusterPicture, PodCard } from "../../protocol.ts";

type Describe = (command: string) => void;

export class ClusterView {
  readonly #host: HTMLElement;
  readonly #describe: Describe;
  /** Pods seen in the previous picture, so new ones can be marked as arriving. */
  #seen = new Set<string>();
  #first = true;
  /** The node each pod name was last seen on, kept while it is away (a StatefulSet pod is re-created). */
  readonly #lastNode = new Map<string, string>();
  /** Pods that came back on another node than before, with the node they left. */
  readonly #movedFrom = new Map<string, string>();

  /** A press under way in the view, and the picture that came meanwhile. */
  #pressed = false;
  #pending: ClusterPicture | undefined;

  constructor(host: HTMLElement, describe: Describe) {
    this.#host = host;
    this.#describe = describe;
    // One listener for every object's button: each carries its command (describeButton).
    host.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>("button[data-command]");
      if (button && host.contains(button)) this.#describe(button.dataset.command!);
    });
    // A picture drawn between a press and its release would replace the button pressed, and the
    // browser drops a click whose press and release land on different elements: it waits.
    host.addEventListener("pointerdown", () => {
      this.#pressed = true;
    });
    const released = () => {
      if (!this.#pressed) return;
      this.#pressed = false;
      // After the click this release makes, which the browser dispatches right after it.
      setTimeout(() => {
        const pending = this.#pending;
        if (this.#pressed || !pending) return;
        this.#pending = undefined;
        this.render(pending);
      });
    };
    window.addEventListener("pointerup", released);
    window.addEventListener("pointercancel", released);
  }

  render(picture: ClusterPicture): void {
    if (this.#pressed) {
      this.#pending = picture;
      return;
    }
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
      const title = heading("", "h4", `${node.roles.join(",") || "worker"} · ${state.join(",")}`);
      title.prepend(describer(node.name, `node ${node.name}`));
      lane.append(title);
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
    // The focused object keeps focus on its new button (a keyboard user is not sent back to the page's top).
    const focused = this.#host.contains(document.activeElement)
      ? (document.activeElement as HTMLElement).dataset.command
      : undefined;
    this.#host.replaceChildren(root);
    if (focused !== undefined) {
      const again = [...root.querySelectorAll<HTMLButtonElement>("button[data-command]")].find(
        (button) => button.dataset.command === focused,
      );
      again?.focus({ preventScroll: true });
    }
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
      const title = el("p", "cv-group-title", key ? "" : "Pods");
      if (key && workload) {
        const resource = `${kind!.toLowerCase()} ${name}${namespaceFlag(workload.namespace)}`;
        title.append(describer(`${kind} ${name}`, resource), ` · ${workload.ready} ready`);
      } else if (key) title.textContent = `${kind} ${name}`;
      item.append(title);
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
    const movedFrom = this.#noteNode(key, pod);
    const arriving = !this.#first && !this.#seen.has(key);
    const item = el(
      "li",
      `cv-card ${tone(pod)}${arriving ? " is-new" : ""}${movedFrom === undefined ? "" : " is-moved"}`,
    );
    const button = describeButton("cv-card-button", `pod ${pod.name}${namespaceFlag(pod.namespace)}`);
    button.append(el("span", "cv-pod-name", pod.name));
    button.append(el("span", "cv-pod-status", `${pod.status} · ${pod.ready}`));
    button.append(el("span", "cv-pod-ip", pod.ip ?? "no IP yet"));
    for (const claim of pod.claims) button.append(el("span", "cv-pod-claim", `disk: ${claim}`));
    if (movedFrom !== undefined) button.append(el("span", "cv-pod-moved", `rescheduled from ${movedFrom}`));
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
      const title = el("p", "cv-service-name");
      title.append(
        describer(svc.name, `service ${svc.name}${namespaceFlag(svc.namespace)}`),
        ` · ${headless ? "headless" : svc.clusterIP}`,
      );
      item.append(title);
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
      const item = el("li", `cv-claim is-${claim.phase.toLowerCase()}`, "claim ");
      item.append(describer(claim.name, `pvc ${claim.name}${namespaceFlag(claim.namespace)}`));
      item.append(` · ${claim.phase}`);
      if (volume) {
        item.append(" → volume ", describer(volume.name, `pv ${volume.name}`), ` (${volume.reclaimPolicy})`);
      }
      list.append(item);
    }
    for (const volume of picture.volumes.filter((v) => !picture.claims.some((c) => c.volume === v.name))) {
      const item = el("li", `cv-volume is-${volume.phase.toLowerCase()}`, "volume ");
      item.append(describer(volume.name, `pv ${volume.name}`));
      item.append(
        ` · ${volume.phase}${volume.claim ? ` (was ${volume.claim})` : ""} · ${volume.reclaimPolicy}`,
      );
      list.append(item);
    }
    section.append(list);
    return section;
  }

  /** Records where a pod runs; returns the node it left when it now runs on another one. */
  #noteNode(key: string, pod: PodCard): string | undefined {
    const last = this.#lastNode.get(key);
    if (pod.node !== undefined) {
      if (last !== undefined && last !== pod.node) this.#movedFrom.set(key, last);
      this.#lastNode.set(key, pod.node);
    }
    if (pod.terminating) this.#movedFrom.delete(key);
    return this.#movedFrom.get(key);
  }
}

/** A name that describes its object in the terminal when pressed. */
function describer(label: string, resource: string): HTMLButtonElement {
  return describeButton("cv-object", resource, label);
}

/** A button that runs `kubectl describe <resource>` when pressed (the view's one click listener). */
function describeButton(className: string, resource: string, label?: string): HTMLButtonElement {
  const button = el("button", className, label);
  button.type = "button";
  button.title = `kubectl describe ${resource}`;
  button.dataset.command = `kubectl describe ${resource}`;
  return button;
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
