import { describe, expect, it } from "vitest";
import { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { ApiError } from "../../../sandbox/engine/cluster/errors.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

/** A bare cluster with the default namespace: no kind boot, so pod defaults are easy to see. */
function bare(): Cluster {
  const cluster = new Cluster();
  cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  return cluster;
}

function rejection(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

const sts = (spec: Record<string, unknown> = {}, name = "web"): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name },
  spec: {
    serviceName: "web",
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
    },
    ...spec,
  },
});

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("names (objects.md §3)", () => {
  it("rejects a Pod name that is not a subdomain with the exact text", () => {
    const e = rejection(() =>
      bare().api.create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "My_Pod" },
        spec: { containers: [{ name: "c", image: "nginx" }] },
      }),
    );
    expect(e.reason).toBe("Invalid");
    expect(e.causes.map((c) => c.message)).toEqual([
      `metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`,
    ]);
    expect(e.message).toBe(
      `Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`,
    );
  });

  it("rejects a Service name starting with a digit (DNS-1035)", () => {
    const e = rejection(() =>
      bare().api.create({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "1web" },
        spec: { ports: [] },
      }),
    );
    expect(e.causes[0]!.message).toBe(
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it("gives a Namespace name breaking both rules two causes, and names the label error", () => {
    const long = `A${"a".repeat(63)}`;
    const e = rejection(() =>
      bare().api.create({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: long, labels: { "invalid label": "x" } },
      }),
    );
    expect(e.causes.map((c) => c.message.slice(0, 60))).toEqual([
      `metadata.name: Invalid value: "${long}": must be no more than 63 characters`.slice(0, 60),
      `metadata.name: Invalid value: "${long}": a lowercase RFC 1123 label`.slice(0, 60),
      'metadata.labels: Invalid value: "invalid label": name part must consist of alphanumeric characters'.slice(
        0,
        60,
      ),
    ]);
    expect(e.message.startsWith(`Namespace "${long}" is invalid: [metadata.name: `)).toBe(true);
  });

  it("requires a name or generateName", () => {
    const e = rejection(() =>
      bare().api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "" } }),
    );
    expect(e.causes[0]!.message).toBe("metadata.name: Required value: name or generateName is required");
  });
});

describe("StatefulSet rules (workloads.md §3.8, objects.md §8)", () => {
  it("fills the apps/v1 and pod template defaults", () => {
    const created = bare().api.create(
      sts({ volumeClaimTemplates: [{ metadata: { name: "data" }, spec: {} }] }),
    );
    const spec = created.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      minReadySeconds: 0,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      volumeClaimTemplates: [
        {
          apiVersion: "v1",
          kind: "PersistentVolumeClaim",
          spec: { volumeMode: "Filesystem" },
          status: { phase: "Pending" },
        },
      ],
    });
    expect((spec.template as { spec: unknown }).spec).toEqual({
      containers: [
        {
          name: "nginx",
          image: "nginx:1.27",
          imagePullPolicy: "IfNotPresent",
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        },
      ],
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
  });

  it("reports spec errors in the validator's order", () => {
    const e = rejection(() =>
      bare().api.create(
        sts({
          replicas: -1,
          podManagementPolicy: "X",
          selector: { matchLabels: { app: "other" } },
          persistentVolumeClaimRetentionPolicy: { whenDeleted: "Foo" },
        }),
      ),
    );
    expect(e.causes.map((c) => c.message)).toEqual([
      "spec.podManagementPolicy: Invalid value: \"X\": must be 'OrderedReady' or 'Parallel'",
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Foo": supported values: "Retain", "Delete"',
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it("refuses an empty selector, a non-Always restart policy and activeDeadlineSeconds", () => {
    const e = rejection(() =>
      bare().api.create(
        sts({
          selector: {},
          template: {
            metadata: { labels: { app: "web" } },
            spec: {
              restartPolicy: "Never",
              activeDeadlineSeconds: 5,
              containers: [{ name: "c", image: "x" }],
            },
          },
        }),
      ),
    );
    expect(e.causes.map((c) => c.message)).toEqual([
      "spec.selector: Invalid value: {}: empty selector is invalid for statefulset",
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported",
    ]);
  });

  it("forbids changing anything but the mutable fields (v1.33+ text)", () => {
    const cluster = bare();
    const created = cluster.api.create(sts());
    cluster.api.update({ ...created, spec: { ...(created.spec as object), replicas: 3 } });
    const e = rejection(() =>
      cluster.api.update({ ...sts(), spec: { ...(created.spec as object), serviceName: "other" } }),
    );
    expect(e.message).toBe(
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    expect(e.details).toEqual({ kind: "StatefulSet", group: "apps", name: "web" });
  });
});

describe("Deployment and ConfigMap immutability", () => {
  it("keeps a Deployment's selector fixed", () => {
    const cluster = bare();
    const deploy = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web", tier: "a" } },
          spec: { containers: [{ name: "c", image: "x" }] },
        },
      },
    };
    const created = cluster.api.create(deploy);
    expect(created.spec).toMatchObject({
      replicas: 1,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    const e = rejection(() =>
      cluster.api.update({
        ...deploy,
        spec: { ...deploy.spec, selector: { matchLabels: { tier: "a", app: "web" } } },
      }),
    );
    expect(e.causes.map((c) => c.message)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"a"}}: field is immutable',
    ]);
  });

  it("freezes an immutable ConfigMap's data", () => {
    const cluster = bare();
    cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c" },
      data: { a: "1" },
      immutable: true,
    });
    const e = rejection(() =>
      cluster.api.update({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "c" },
        data: { a: "2" },
        immutable: true,
      }),
    );
    expect(e.causes.map((c) => c.message)).toEqual([
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
  });
});

describe("Pod defaults and rules (workloads.md §4.7)", () => {
  it("fills spec defaults, admission defaults and a Pending status", () => {
    const pod = bare().api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "nginx", ports: [{ containerPort: 80 }] }] },
    });
    expect(pod.spec).toMatchObject({
      containers: [{ imagePullPolicy: "Always", ports: [{ containerPort: 80, protocol: "TCP" }] }],
      enableServiceLinks: true,
      serviceAccountName: "default",
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
      tolerations: [
        {
          effect: "NoExecute",
          key: "node.kubernetes.io/not-ready",
          operator: "Exists",
          tolerationSeconds: 300,
        },
        {
          effect: "NoExecute",
          key: "node.kubernetes.io/unreachable",
          operator: "Exists",
          tolerationSeconds: 300,
        },
      ],
    });
    expect(pod.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  });

  it("requires containers and images, and forbids most spec changes", () => {
    const cluster = bare();
    const e = rejection(() =>
      cluster.api.create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "p" },
        spec: { containers: [] },
      }),
    );
    expect(e.causes.map((c) => c.message)).toEqual(["spec.containers: Required value"]);
    const pod = cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "nginx:1" }] },
    });
    const image = cluster.api.update({
      ...pod,
      spec: {
        ...(pod.spec as object),
        containers: [{ ...(pod.spec as { containers: object[] }).containers[0], image: "nginx:2" }],
      },
    });
    expect(image.metadata.generation).toBe(2);
    const forbidden = rejection(() =>
      cluster.api.update({ ...image, spec: { ...(image.spec as object), hostname: "x" } }),
    );
    expect(
      forbidden.causes[0]!.message.startsWith(
        "spec: Forbidden: pod updates may not change fields other than",
      ),
    ).toBe(true);
  });
});

describe("strict decoding (objects.md §5)", () => {
  it("refuses unknown fields when kubectl asks for Strict, listed in document order", () => {
    const cluster = bare();
    const e = rejection(() =>
      cluster.api.create(
        sts({
          replica: 3,
          template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "c", image: "x", imagePolicy: "Always" }] },
          },
        }),
        { fieldValidation: "Strict" },
      ),
    );
    expect([e.reason, e.message]).toEqual([
      "BadRequest",
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.template.spec.containers[0].imagePolicy", unknown field "spec.replica"',
    ]);
    expect(() => cluster.api.create(sts({ replica: 3 }))).not.toThrow();
  });

  it("reports a mistyped integer the way encoding/json does", () => {
    const e = rejection(() => bare().api.create(sts({ replicas: "3" }), { fieldValidation: "Strict" }));
    expect(e.message).toBe(
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32',
    );
  });

  it("refuses a mistyped field whatever fieldValidation says: only unknown fields depend on it", () => {
    // apimachinery's json serializer: encoding/json's type error is fatal in strict and non-strict
    // decoding alike; UnmarshalStrict only adds unknown and duplicate fields as non-fatal errors.
    const cluster = bare();
    const replicas = rejection(() => cluster.api.create(sts({ replicas: "3" })));
    expect([replicas.reason, replicas.message]).toEqual([
      "BadRequest",
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32',
    ]);
    const ports = rejection(() =>
      cluster.api.create(
        sts({
          template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "c", image: "x", ports: 80 }] },
          },
        }),
      ),
    );
    expect(ports.message).toBe(
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort',
    );
    const created = cluster.api.create(sts({ replica: 3 }));
    const update = rejection(() =>
      cluster.api.update({ ...created, spec: { ...(created.spec as object), replicas: true } } as never),
    );
    expect(update.message).toBe(
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal bool into Go struct field StatefulSetSpec.spec.replicas of type int32',
    );
    expect(cluster.api.get("StatefulSet", "default", "web").spec).toEqual(created.spec);
  });

  it("refuses a status whose lists are of the wrong type, and ignores the status fields it does not type", () => {
    const status = (value: unknown) =>
      rejection(() =>
        bare().api.create({
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "p", namespace: "default" },
          spec: { containers: [{ name: "c", image: "nginx" }] },
          status: value,
        } as never),
      ).message;
    expect(status({ conditions: 0 })).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodStatus.status.conditions of type []v1.PodCondition',
    );
    expect(status({ podIPs: ["10.0.0.1"] })).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodStatus.status.podIPs of type v1.PodIP',
    );
    const created = bare().api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "default" },
      spec: { containers: [{ name: "c", image: "nginx" }] },
      status: { phase: "Running", qosClass: "BestEffort", conditions: [{ type: "Ready", status: "True" }] },
    } as never);
    expect(created.metadata.name).toBe("p");
  });

  it("refuses a ConfigMap value or a Secret stringData value that is not a string (YAML's yes, a bare number)", () => {
    const STRICT = { fieldValidation: "Strict" } as const; // what kubectl asks for by default
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default" } };
    const yes = rejection(() => bare().api.create({ ...configMap, data: { normal: true } } as never, STRICT));
    expect([yes.reason, yes.message]).toEqual([
      "BadRequest",
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ConfigMap.data of type string',
    ]);
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "default" } };
    const port = rejection(() =>
      bare().api.create({ ...secret, stringData: { port: 5432 } } as never, STRICT),
    );
    expect(port.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.stringData of type string',
    );
    expect(() => bare().api.create({ ...configMap, data: { normal: "yes" } } as never, STRICT)).not.toThrow();
  });

  it("dry run validates and stores nothing", () => {
    const cluster = bare();
    const would = cluster.api.create(sts(), { dryRun: true });
    expect(would.metadata.uid).toBeDefined();
    expect(cluster.api.tryGet("StatefulSet", "default", "web")).toBeUndefined();
  });
});
