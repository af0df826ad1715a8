import { describe, expect, it } from "vitest";
import { toJson, toYaml } from "../../../sandbox/engine/kubectl/printers/serialize.ts";
import { runningPod } from "./fixtures.ts";
import { harness, ns, T0 } from "./harness.ts";

function cluster() {
  const h = harness();
  h.create(ns("default"));
  h.put(runningPod("web-0", "default", { app: "web" }));
  h.put(runningPod("web-1", "default", { app: "web" }));
  h.setTime(T0 + 60_000);
  return h;
}

describe("YAML like sigs.k8s.io/yaml (go-yaml v2)", () => {
  it("sorts keys, does not indent lists under their key, and quotes only when needed", () => {
    expect(
      toYaml({
        kind: "Pod",
        apiVersion: "v1",
        metadata: {
          name: "web-0",
          resourceVersion: "12",
          creationTimestamp: "2026-01-01T00:00:00Z",
          annotations: { "a/b": "true", note: "key: value", empty: "", star: "*x", text: "hello world" },
        },
        spec: { containers: [{ name: "nginx", ports: [{ containerPort: 80 }], args: ["-c", "echo hi"] }] },
        status: { conditions: [], hostIP: "172.18.0.2", extra: {}, ready: true, ratio: 0.5, nothing: null },
      }),
    ).toBe(
      [
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  annotations:",
        '    a/b: "true"',
        '    empty: ""',
        "    note: 'key: value'",
        "    star: '*x'",
        "    text: hello world",
        '  creationTimestamp: "2026-01-01T00:00:00Z"',
        "  name: web-0",
        '  resourceVersion: "12"',
        "spec:",
        "  containers:",
        "  - args:",
        "    - -c",
        "    - echo hi",
        "    name: nginx",
        "    ports:",
        "    - containerPort: 80",
        "status:",
        "  conditions: []",
        "  extra: {}",
        "  hostIP: 172.18.0.2",
        "  nothing: null",
        "  ratio: 0.5",
        "  ready: true",
        "",
      ].join("\n"),
    );
  });

  it("folds long plain strings at the first space past column 80, like go-yaml's emitter", () => {
    const words = ["a", "b", "c", "d", "e", "f", "g", "h"].map((c) => c.repeat(10));
    expect(toYaml({ message: words.join(" ") })).toBe(
      `message: ${words.slice(0, 7).join(" ")}\n  ${words[7]}\n`,
    );
    expect(toYaml({ status: { message: "short enough" } })).toBe("status:\n  message: short enough\n");
  });

  it("writes multi-line strings as literal blocks", () => {
    expect(toYaml({ data: { "index.html": "hello\nworld\n", raw: "a\nb" } })).toBe(
      "data:\n  index.html: |\n    hello\n    world\n  raw: |-\n    a\n    b\n",
    );
  });
});

describe("JSON like kubectl's printer", () => {
  it("indents with 4 spaces, sorts keys and escapes <, > and & as Go does", () => {
    expect(toJson({ b: 1, a: { c: "<none> & more" } })).toBe(
      '{\n    "a": {\n        "c": "\\u003cnone\\u003e \\u0026 more"\n    },\n    "b": 1\n}\n',
    );
  });
});

describe("kubectl get -o", () => {
  it("yaml of one named object prints it bare", async () => {
    const h = cluster();
    const r = await h.kubectl("kubectl get pod web-0 -o yaml");
    expect(r.stdout.startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n")).toBe(true);
    expect(r.stdout).toContain("\n  name: web-0\n");
    expect(r.stdout).toContain("\nspec:\n  containers:\n  - image: nginx:1.27\n");
  });

  it("yaml of a list wraps the items in a v1 List", async () => {
    const h = cluster();
    const r = await h.kubectl("kubectl get pods -o yaml");
    expect(r.stdout.startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n")).toBe(true);
    expect(r.stdout.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });

  it("an empty list still prints the List, and no 'No resources found'", async () => {
    const h = cluster();
    expect(await h.kubectl("kubectl get sts -o yaml")).toEqual({
      stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
      stderr: "",
      status: 0,
    });
    expect(await h.kubectl("kubectl get sts -o name")).toEqual({ stdout: "", stderr: "", status: 0 });
  });

  it("json uses the same structure", async () => {
    const h = cluster();
    const r = await h.kubectl("kubectl get pods -o json");
    const parsed = JSON.parse(r.stdout);
    expect(parsed.kind).toBe("List");
    expect(parsed.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      "web-0",
      "web-1",
    ]);
    expect(r.stdout.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n        {\n')).toBe(true);
  });

  it("name prints kind/name lines", async () => {
    const h = cluster();
    expect((await h.kubectl("kubectl get pods -o name")).stdout).toBe("pod/web-0\npod/web-1\n");
  });

  it("jsonpath joins results with spaces and adds no newline", async () => {
    const h = cluster();
    expect((await h.kubectl("kubectl get pods -o jsonpath={.items[*].metadata.name}")).stdout).toBe(
      "web-0 web-1",
    );
    expect((await h.kubectl("kubectl get pod web-0 -o jsonpath={.status.podIP}")).stdout).toBe("10.244.0.5");
    expect(
      (
        await h.kubectl(
          `kubectl get pods -o 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'`,
        )
      ).stdout,
    ).toBe("web-0\tRunning\nweb-1\tRunning\n");
    expect((await h.kubectl("kubectl get pod web-0 -o jsonpath={.status.missing}")).stdout).toBe("");
    expect(
      (await h.kubectl(`kubectl get pod web-0 -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'`))
        .stdout,
    ).toBe("True");
  });

  it("jsonpath reads label keys with escaped dots and prints maps as sorted compact JSON", async () => {
    const h = harness();
    h.create(ns("default"));
    h.put(runningPod("web-0", "default", { "app.kubernetes.io/name": "web", "a-first": "1" }));
    expect(
      (await h.kubectl("kubectl get pod web-0 -o jsonpath={.metadata.labels.app\\.kubernetes\\.io/name}"))
        .stdout,
    ).toBe("web");
    expect((await h.kubectl("kubectl get pod web-0 -o jsonpath={.metadata.labels}")).stdout).toBe(
      '{"a-first":"1","app.kubernetes.io/name":"web"}',
    );
  });

  it("custom-columns prints a table with <none> for missing values", async () => {
    const h = cluster();
    expect(
      (await h.kubectl("kubectl get pods -o custom-columns=NAME:.metadata.name,IP:.status.podIP,X:.spec.x"))
        .stdout,
    ).toBe("NAME    IP           X\nweb-0   10.244.0.5   <none>\nweb-1   10.244.0.5   <none>\n");
    expect((await h.kubectl("kubectl get pods -o custom-columns=NAME")).stderr).toBe(
      "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n",
    );
  });
});

describe("kubectl get -w", () => {
  it("prints the list, then a row per change until the cluster settles (instant time)", async () => {
    const h = cluster();
    const watching = h.kubectl("kubectl get pods -w");
    const r = await watching;
    expect(r.status).toBe(130);
    expect(r.stdout).toBe(
      "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          60s\nweb-1   1/1     Running   0          60s\n",
    );
  });

  it("streams ADDED, MODIFIED and DELETED rows in realtime until Ctrl-C", async () => {
    const h = harness({ timeMode: "realtime" });
    h.create(ns("default"));
    const controller = new AbortController();
    let out = "";
    const done = h.kubectl("kubectl get pods --watch --output-watch-events", controller.signal);
    // Nothing exists yet, so nothing is printed until the first event (then the header comes with it).
    // A status write that changes nothing is not an event, as with a real API server.
    const created = h.put(runningPod("web-0"));
    h.setTime(T0 + 5_000);
    h.cluster.api.updateStatus({ ...created, status: { phase: "Pending" } });
    controller.abort();
    const r = await done;
    out = r.stdout;
    expect(r.status).toBe(130);
    expect(out).toBe(
      [
        "EVENT      NAME    READY   STATUS    RESTARTS   AGE",
        // The API server stores a new pod as Pending whatever status it was sent; the status
        // write that follows is its own event.
        "ADDED      web-0   0/1     Pending   0          0s",
        "MODIFIED   web-0   1/1     Running   0          0s",
        "MODIFIED   web-0   0/1     Pending   0          5s",
        "",
      ].join("\n"),
    );
  });
});
