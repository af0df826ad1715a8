import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { harness, ns, T0 } from "./harness.ts";

const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

function pod(name: string, status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: "web" } },
    spec: { containers: [{ name: "nginx", image: "nginx:1.27" }], ...spec },
    status,
  };
}

const running = { running: { startedAt: at(0) } };
const readyCondition = (status: "True" | "False") => ({ type: "Ready", status });

/** One pod in each STATUS the printPod algorithm produces (workloads.md §4.4). */
function podsInEveryStatus(): KubeObject[] {
  return [
    pod("a-pending", { phase: "Pending" }),
    pod("b-creating", {
      phase: "Pending",
      containerStatuses: [
        { name: "nginx", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } },
      ],
    }),
    pod("c-running", {
      phase: "Running",
      conditions: [readyCondition("True")],
      containerStatuses: [{ name: "nginx", ready: true, restartCount: 0, state: running }],
    }),
    pod("d-not-ready-yet", {
      phase: "Running",
      containerStatuses: [{ name: "nginx", ready: false, restartCount: 0, state: running }],
    }),
    pod("e-crashloop", {
      phase: "Running",
      containerStatuses: [
        {
          name: "nginx",
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: "CrashLoopBackOff" } },
          lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: at(95) } },
        },
      ],
    }),
    pod("f-completed", {
      phase: "Succeeded",
      containerStatuses: [
        {
          name: "nginx",
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 0, reason: "Completed" } },
        },
      ],
    }),
    pod("g-error", {
      phase: "Failed",
      containerStatuses: [
        {
          name: "nginx",
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 1, reason: "Error" } },
        },
      ],
    }),
    pod(
      "h-init",
      {
        phase: "Pending",
        initContainerStatuses: [
          { name: "init-a", ready: false, restartCount: 0, state: { running: { startedAt: at(0) } } },
          {
            name: "init-b",
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: "PodInitializing" } },
          },
        ],
        containerStatuses: [
          { name: "nginx", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } },
        ],
      },
      {
        initContainers: [
          { name: "init-a", image: "busybox" },
          { name: "init-b", image: "busybox" },
        ],
      },
    ),
    pod(
      "i-init-crash",
      {
        phase: "Pending",
        initContainerStatuses: [
          {
            name: "init-a",
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: "CrashLoopBackOff" } },
          },
        ],
        containerStatuses: [
          { name: "nginx", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } },
        ],
      },
      { initContainers: [{ name: "init-a", image: "busybox" }] },
    ),
    pod("j-pull-backoff", {
      phase: "Pending",
      containerStatuses: [
        { name: "nginx", ready: false, restartCount: 0, state: { waiting: { reason: "ImagePullBackOff" } } },
      ],
    }),
    pod("k-exitcode", {
      phase: "Running",
      containerStatuses: [
        { name: "nginx", ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } },
      ],
    }),
    pod(
      "l-two-containers",
      {
        phase: "Running",
        conditions: [readyCondition("False")],
        containerStatuses: [
          {
            name: "nginx",
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode: 0, reason: "Completed" } },
          },
          { name: "sidecar", ready: true, restartCount: 1, state: running },
        ],
      },
      {
        containers: [
          { name: "nginx", image: "nginx" },
          { name: "sidecar", image: "busybox" },
        ],
      },
    ),
    pod("m-evicted", { phase: "Failed", reason: "Evicted" }),
  ];
}

describe("kubectl get pods: STATUS, READY and RESTARTS as printPod computes them", () => {
  it("prints every status, aligned by the tabwriter", async () => {
    const h = harness();
    h.create(ns("default"));
    for (const p of podsInEveryStatus()) h.put(p);
    h.put(
      pod("n-terminating", {
        phase: "Running",
        containerStatuses: [{ name: "nginx", ready: true, restartCount: 0, state: running }],
      }),
    );
    h.markDeleting("Pod", "default", "n-terminating");
    h.setTime(T0 + 120_000);
    const r = await h.kubectl("kubectl get pods");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "NAME               READY   STATUS                  RESTARTS      AGE",
        "a-pending          0/1     Pending                 0             2m",
        "b-creating         0/1     ContainerCreating       0             2m",
        "c-running          1/1     Running                 0             2m",
        "d-not-ready-yet    0/1     Running                 0             2m",
        "e-crashloop        0/1     CrashLoopBackOff        3 (25s ago)   2m",
        "f-completed        0/1     Completed               0             2m",
        "g-error            0/1     Error                   0             2m",
        "h-init             0/1     Init:0/2                0             2m",
        "i-init-crash       0/1     Init:CrashLoopBackOff   2             2m",
        "j-pull-backoff     0/1     ImagePullBackOff        0             2m",
        "k-exitcode         0/1     ExitCode:2              0             2m",
        "l-two-containers   1/2     NotReady                1             2m",
        "m-evicted          0/1     Evicted                 0             2m",
        "n-terminating      1/1     Terminating             0             2m",
        "",
      ].join("\n"),
    );
  });
});
