import { describe, expect, it } from "vitest";
import { podLogs } from "../../../sandbox/engine/cluster/kubelet/logs.ts";
import {
  cluster1,
  condition,
  containerState,
  eventsOf,
  getPod,
  podSpec,
  podStatus,
  scenario,
} from "./fixtures.ts";

describe("an nginx pod on the default cluster", () => {
  it("is scheduled, pulls, starts and becomes Ready with the kubelet's exact events", () => {
    const cluster = cluster1();
    cluster.create(podSpec("web", { name: "nginx", image: "nginx:1.27" }));
    cluster.runControllers();
    // The scheduler takes a moment (SCHEDULING_LATENCY_MS) before binding.
    expect(getPod(cluster, "web")?.spec).not.toHaveProperty("nodeName");
    cluster.advance(100);
    expect(getPod(cluster, "web")?.spec).toMatchObject({ nodeName: "kind-control-plane" });
    expect(podStatus(cluster, "web")?.phase).toBe("Pending");
    expect(containerState(cluster, "web")?.state).toEqual({ waiting: { reason: "ContainerCreating" } });
    expect(condition(cluster, "web", "PodReadyToStartContainers")?.status).toBe("False");
    cluster.advance(10_000);
    expect(eventsOf(cluster, "web")).toEqual([
      "Normal Scheduled Successfully assigned default/web to kind-control-plane",
      'Normal Pulling Pulling image "nginx:1.27"',
      'Normal Pulled Successfully pulled image "nginx:1.27" in 3.1s (3.1s including waiting). Image size: 72099410 bytes.',
      "Normal Created Created container: nginx",
      "Normal Started Started container nginx",
    ]);
    const status = podStatus(cluster, "web")!;
    expect(status.phase).toBe("Running");
    // coredns x2 and local-path-provisioner took .2-.4 (networking.md §2).
    expect(status.podIP).toBe("10.244.0.5");
    expect(status.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      "PodReadyToStartContainers=True",
      "Initialized=True",
      "Ready=True",
      "ContainersReady=True",
      "PodScheduled=True",
    ]);
    expect(containerState(cluster, "web")).toMatchObject({
      ready: true,
      restartCount: 0,
      state: { running: {} },
    });
  });

  it("finds the image already present for a second pod", () => {
    const cluster = cluster1();
    cluster.create(podSpec("a", { name: "nginx", image: "nginx:1.27" }));
    cluster.advance(10_000);
    cluster.create(podSpec("b", { name: "nginx", image: "nginx:1.27" }));
    cluster.advance(10_000);
    expect(eventsOf(cluster, "b")).toContain(
      'Normal Pulled Container image "nginx:1.27" already present on machine',
    );
    expect(podStatus(cluster, "b")?.podIP).toBe("10.244.0.6");
  });

  it("writes nginx's startup log", () => {
    const cluster = cluster1();
    cluster.create(podSpec("web", { name: "nginx", image: "nginx:1.27" }));
    cluster.advance(10_000);
    const lines = podLogs(cluster, getPod(cluster, "web")!, "nginx");
    expect(lines?.[0]?.text).toBe(
      "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    );
    expect(lines?.some((l) => l.text.endsWith("[notice] 1#1: nginx/1.27.5"))).toBe(true);
  });
});

describe("restarts", () => {
  it("takes busybox with no command through Completed to CrashLoopBackOff with the real back-off", () => {
    const cluster = cluster1();
    cluster.create(podSpec("bb", { name: "bb", image: "busybox:1.36" }));
    cluster.advance(2600);
    expect(containerState(cluster, "bb")?.state).toMatchObject({
      terminated: { reason: "Completed", exitCode: 0 },
    });
    expect(podStatus(cluster, "bb")?.phase).toBe("Running");
    cluster.advance(1500);
    // The first restart is immediate, the second waits 10s.
    expect(containerState(cluster, "bb")?.restartCount).toBe(1);
    cluster.advance(1500);
    const waiting = containerState(cluster, "bb")?.state.waiting;
    const uid = getPod(cluster, "bb")!.metadata.uid;
    expect(waiting).toEqual({
      reason: "CrashLoopBackOff",
      message: `back-off 10s restarting failed container=bb pod=bb_default(${uid})`,
    });
    expect(eventsOf(cluster, "bb")).toContain(
      `Warning BackOff Back-off restarting failed container bb in pod bb_default(${uid})`,
    );
    expect(containerState(cluster, "bb")?.lastState).toMatchObject({ terminated: { reason: "Completed" } });
    cluster.advance(10_000);
    expect(containerState(cluster, "bb")?.restartCount).toBe(2);
    cluster.advance(3000);
    expect(containerState(cluster, "bb")?.state.waiting?.message).toContain("back-off 20s");
  });

  it("marks a non-zero exit Error and, with restartPolicy Never, fails the pod", () => {
    const cluster = cluster1();
    cluster.create(
      podSpec(
        "job",
        { name: "c", image: "busybox:1.36", command: ["sh", "-c", "echo boom; exit 3"] },
        { restartPolicy: "Never" },
      ),
    );
    cluster.advance(10_000);
    expect(podStatus(cluster, "job")?.phase).toBe("Failed");
    expect(containerState(cluster, "job")?.state).toMatchObject({
      terminated: { reason: "Error", exitCode: 3 },
    });
    expect(podLogs(cluster, getPod(cluster, "job")!, "c")?.map((l) => l.text)).toEqual(["boom"]);
  });
});

describe("image pull failures", () => {
  it("alternates ErrImagePull and ImagePullBackOff with the real messages", () => {
    const cluster = cluster1();
    cluster.create(podSpec("bad", { name: "c", image: "nginx:nope" }));
    cluster.advance(2500);
    expect(containerState(cluster, "bad")?.state.waiting?.reason).toBe("ErrImagePull");
    cluster.advance(1000);
    expect(containerState(cluster, "bad")?.state.waiting).toEqual({
      reason: "ImagePullBackOff",
      message: 'Back-off pulling image "nginx:nope"',
    });
    expect(eventsOf(cluster, "bad").slice(1)).toEqual([
      'Normal Pulling Pulling image "nginx:nope"',
      'Warning Failed Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
      "Warning Failed Error: ErrImagePull",
      'Normal BackOff Back-off pulling image "nginx:nope"',
      "Warning Failed Error: ImagePullBackOff",
    ]);
    expect(podStatus(cluster, "bad")?.phase).toBe("Pending");
  });
});

describe("graceful termination", () => {
  it("stops nginx at once on delete (it handles SIGQUIT) and removes the pod", () => {
    const cluster = cluster1();
    cluster.create(podSpec("web", { name: "nginx", image: "nginx:1.27" }));
    cluster.advance(10_000);
    cluster.api.delete("Pod", "default", "web");
    cluster.runControllers();
    expect(getPod(cluster, "web")?.metadata.deletionTimestamp).toBeDefined();
    expect(eventsOf(cluster, "web")).toContain("Normal Killing Stopping container nginx");
    cluster.advance(1000);
    expect(getPod(cluster, "web")).toBeUndefined();
  });

  it("keeps a `sleep` pod Terminating for the whole grace period, then kills it (137)", () => {
    const cluster = cluster1();
    cluster.create(podSpec("sleeper", { name: "c", image: "busybox:1.36", command: ["sleep", "3600"] }));
    cluster.advance(10_000);
    cluster.api.delete("Pod", "default", "sleeper");
    cluster.advance(29_000);
    expect(getPod(cluster, "sleeper")?.metadata.deletionTimestamp).toBeDefined();
    let seen: unknown;
    const stop = cluster.watch((e) => {
      if (e.object.kind === "Pod" && e.object.metadata.name === "sleeper" && e.type === "MODIFIED")
        seen = e.object.status;
    });
    cluster.advance(2000);
    stop();
    expect(getPod(cluster, "sleeper")).toBeUndefined();
    expect(seen).toMatchObject({
      phase: "Failed",
      containerStatuses: [{ state: { terminated: { exitCode: 137, reason: "Error" } } }],
    });
  });
});

describe("readiness probes", () => {
  it("stays not Ready until initialDelaySeconds have passed", () => {
    const cluster = cluster1();
    cluster.create(
      podSpec("web", {
        name: "nginx",
        image: "nginx:1.27",
        readinessProbe: { httpGet: { path: "/", port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 },
      }),
    );
    cluster.advance(5000);
    expect(podStatus(cluster, "web")?.phase).toBe("Running");
    expect(condition(cluster, "web", "Ready")).toMatchObject({
      status: "False",
      reason: "ContainersNotReady",
      message: "containers with unready status: [nginx]",
    });
    cluster.advance(5000);
    expect(condition(cluster, "web", "Ready")?.status).toBe("True");
  });

  it("fails an httpGet probe on a missing page with a 404", () => {
    const cluster = cluster1();
    cluster.create(
      podSpec("web", {
        name: "nginx",
        image: "nginx:1.27",
        readinessProbe: { httpGet: { path: "/healthz", port: 80 } },
      }),
    );
    cluster.advance(20_000);
    expect(condition(cluster, "web", "Ready")?.status).toBe("False");
    expect(eventsOf(cluster, "web")).toContain(
      "Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 404",
    );
  });
});

describe("init containers", () => {
  it("run in order to completion before the main container, which waits PodInitializing", () => {
    const cluster = cluster1();
    cluster.create(
      podSpec(
        "db",
        { name: "main", image: "nginx:1.27" },
        {
          initContainers: [
            { name: "first", image: "busybox:1.36", command: ["sh", "-c", "sleep 5"] },
            { name: "second", image: "busybox:1.36", command: ["sh", "-c", "echo ready"] },
          ],
        },
      ),
    );
    cluster.advance(4000);
    const status = () =>
      podStatus(cluster, "db") as unknown as {
        phase: string;
        initContainerStatuses: { name: string; state: Record<string, { reason?: string }> }[];
        containerStatuses: { state: Record<string, { reason?: string }> }[];
      };
    expect(status().phase).toBe("Pending");
    expect(status().initContainerStatuses.map((s) => Object.keys(s.state)[0])).toEqual([
      "running",
      "waiting",
    ]);
    expect(status().containerStatuses[0]?.state).toEqual({ waiting: { reason: "PodInitializing" } });
    expect(condition(cluster, "db", "Initialized")).toMatchObject({
      status: "False",
      reason: "ContainersNotInitialized",
      message: "containers with incomplete status: [first second]",
    });
    cluster.advance(10_000);
    expect(status().phase).toBe("Running");
    expect(status().initContainerStatuses.map((s) => s.state.terminated?.reason)).toEqual([
      "Completed",
      "Completed",
    ]);
    expect(condition(cluster, "db", "Initialized")?.status).toBe("True");
    expect(eventsOf(cluster, "db").filter((e) => e.includes("Started"))).toEqual([
      "Normal Started Started container first",
      "Normal Started Started container second",
      "Normal Started Started container main",
    ]);
  });
});

describe("liveness probes", () => {
  it("restart a container after three failures, with the kubelet's events", () => {
    const cluster = cluster1();
    cluster.create(
      podSpec("web", {
        name: "nginx",
        image: "nginx:1.27",
        livenessProbe: { httpGet: { path: "/healthz", port: 80 }, initialDelaySeconds: 3, periodSeconds: 5 },
      }),
    );
    cluster.advance(30_000);
    const events = eventsOf(cluster, "web");
    expect(
      events.filter(
        (e) => e === "Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 404",
      ),
    ).toHaveLength(1);
    expect(events).toContain("Normal Killing Container nginx failed liveness probe, will be restarted");
    expect(containerState(cluster, "web")?.restartCount).toBe(1);
    expect(containerState(cluster, "web")?.lastState).toMatchObject({
      terminated: { reason: "Completed", exitCode: 0 },
    });
  });
});

describe("timings as data", () => {
  it("lets a scenario make web-1 slow to start", () => {
    const cluster = scenario("slow-web-1");
    cluster.create(podSpec("web-0", { name: "nginx", image: "nginx:1.27" }));
    cluster.create(podSpec("web-1", { name: "nginx", image: "nginx:1.27" }));
    cluster.advance(10_000);
    expect(podStatus(cluster, "web-0")?.phase).toBe("Running");
    expect(podStatus(cluster, "web-1")?.phase).toBe("Pending");
    cluster.advance(20_000);
    expect(podStatus(cluster, "web-1")?.phase).toBe("Running");
  });
});
