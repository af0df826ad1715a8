import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldMatcher, parseFieldSelector } from "../../../sandbox/engine/cluster/api/selectors.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { harness, ns } from "../kubectl/harness.ts";

/** An Event as the kubelet and scheduler write them (core/v1, source and reportingComponent). */
const event = (
  name: string,
  involved: string,
  reason: string,
  type: string,
  component: string,
): KubeObject => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name, namespace: "default" },
  involvedObject: {
    apiVersion: "v1",
    kind: "Pod",
    name: involved,
    namespace: "default",
    uid: `uid-${involved}`,
  },
  reason,
  type,
  message: `${reason} ${involved}`,
  source: { component },
  reportingComponent: component,
  firstTimestamp: "2026-01-01T00:00:00Z",
  lastTimestamp: "2026-01-01T00:00:00Z",
  count: 1,
});

function withEvents() {
  const h = harness();
  h.create(ns("default"));
  h.create(event("e1", "web-0", "Scheduled", "Normal", "default-scheduler"));
  h.create(event("e2", "web-0", "Pulled", "Normal", "kubelet"));
  h.create(event("e3", "web-1", "BackOff", "Warning", "kubelet"));
  return h;
}

/** The lines of `-o name` output. */
const names = (out: string) => out.split("\n").filter((l) => l !== "");

describe("kubectl get events --field-selector (the event registry's selectable fields)", () => {
  it("selects by involvedObject.name, reason, type, source and their negations", async () => {
    const h = withEvents();
    const get = async (selector: string) =>
      names((await h.kubectl(`kubectl get events -o name --field-selector ${selector}`)).stdout);
    expect(await get("involvedObject.name=web-0")).toEqual(["event/e1", "event/e2"]);
    expect(await get("involvedObject.name=web-0,reason=Pulled")).toEqual(["event/e2"]);
    expect(await get("type=Warning")).toEqual(["event/e3"]);
    expect(await get("type!=Warning")).toEqual(["event/e1", "event/e2"]);
    expect(await get("source=kubelet")).toEqual(["event/e2", "event/e3"]);
    expect(await get("reportingComponent=default-scheduler")).toEqual(["event/e1"]);
    expect(await get("involvedObject.kind=Pod,involvedObject.uid=uid-web-1")).toEqual(["event/e3"]);
  });

  it("says 'No resources found' when nothing matches", async () => {
    const h = withEvents();
    const r = await h.kubectl("kubectl get events --field-selector involvedObject.name=nope");
    expect(r).toEqual({ stdout: "", stderr: "No resources found in default namespace.\n", status: 0 });
  });

  it("rejects other field labels with the server's error, wrapped as cli-runtime's selector visitor does", async () => {
    const h = withEvents();
    const r = await h.kubectl("kubectl get events --field-selector involvedObject.nope=x");
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=events" that match label selector "", field selector "involvedObject.nope=x": field label not supported: involvedObject.nope\n',
    );
    expect(r.status).toBe(1);
    const sts = await h.kubectl("kubectl get sts -l app=web --field-selector status.phase=Running");
    expect(sts.stderr).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=statefulsets" that match label selector "app=web", field selector "status.phase=Running": field label not supported: status.phase\n',
    );
  });
});

describe("fieldMatcher", () => {
  it("knows the pod fields of pod ToSelectableFields, podIP being the first of status.podIPs", () => {
    const pod: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "default" },
      spec: {
        nodeName: "n1",
        restartPolicy: "Always",
        schedulerName: "default-scheduler",
        serviceAccountName: "default",
      },
      status: { phase: "Running", podIP: "10.0.0.1", podIPs: [{ ip: "10.0.0.1" }] },
    };
    const matches = (s: string) => fieldMatcher("Pod", parseFieldSelector(s))(pod);
    expect(matches("spec.hostNetwork=false")).toBe(true);
    expect(matches("spec.restartPolicy=Always,spec.schedulerName=default-scheduler")).toBe(true);
    expect(matches("spec.serviceAccountName=default,status.podIP=10.0.0.1")).toBe(true);
    expect(matches("status.nominatedNodeName=")).toBe(true);
    expect(matches("status.podIP=10.0.0.2")).toBe(false);
  });

  it("rejects every label the kind does not list, including Object.prototype's names", () => {
    const known = new Set([
      "metadata.name",
      "metadata.namespace",
      "type",
      "reason",
      "source",
      "reportingComponent",
    ]);
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom("constructor", "toString", "__proto__", "hasOwnProperty"), fc.string()),
        (field) => {
          fc.pre(
            !known.has(field) &&
              !field.startsWith("involvedObject.") &&
              !/[=!,]/.test(field) &&
              field.trim() === field &&
              field !== "",
          );
          expect(() => fieldMatcher("Event", [{ field, operator: "=", value: "x" }])).toThrow(
            `field label not supported: ${field}`,
          );
        },
      ),
    );
  });
});
