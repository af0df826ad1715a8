import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fieldMatcher,
  formatLabelSelector,
  formatRequirement,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  selectorMatches,
  validateLabelSelector,
} from "../../../sandbox/engine/cluster/api/selectors.ts";
import { ApiError } from "../../../sandbox/engine/cluster/errors.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

const parseError = (s: string) => {
  try {
    parseLabelSelector(s);
  } catch (error) {
    return (error as Error).message;
  }
  return "parsed";
};

describe("string label selectors", () => {
  it("parses every operator and sorts requirements by key", () => {
    expect(parseLabelSelector("z=1, a!=2,m in (y,x),!f,e,n notin (),g>3,h==4")).toEqual([
      { key: "a", operator: "!=", values: ["2"] },
      { key: "e", operator: "exists", values: [] },
      { key: "f", operator: "!", values: [] },
      { key: "g", operator: "gt", values: ["3"] },
      { key: "h", operator: "==", values: ["4"] },
      { key: "m", operator: "in", values: ["x", "y"] },
      { key: "n", operator: "notin", values: [""] },
      { key: "z", operator: "=", values: ["1"] },
    ]);
  });

  it("matches like apimachinery: != and notin accept objects without the key", () => {
    const labels = { app: "web", tier: "db", n: "7" };
    expect(matchesLabels(parseLabelSelector("app=web,tier in (db,cache)"), labels)).toBe(true);
    expect(matchesLabels(parseLabelSelector("missing!=x,missing notin (a),!missing"), labels)).toBe(true);
    expect(matchesLabels(parseLabelSelector("missing in (a)"), labels)).toBe(false);
    expect(matchesLabels(parseLabelSelector("n>5,n<8"), labels)).toBe(true);
    expect(matchesLabels(parseLabelSelector("app>5"), labels)).toBe(false);
    expect(matchesLabels(parseLabelSelector(""), labels)).toBe(true);
    expect(matchesLabels(parseLabelSelector("app="), { app: "" })).toBe(true);
  });

  it("gives the parser's exact errors", () => {
    expect(parseError("a b")).toBe(
      "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    );
    expect(parseError("a=b c")).toBe("found 'c', expected: ',' or 'end of string'");
    expect(parseError("a=b,")).toBe("found '', expected: identifier after ','");
    expect(parseError("=b")).toBe("found '=', expected: !, identifier, or 'end of string'");
    expect(parseError("a in b")).toBe("unable to parse requirement: found 'b' expected: '('");
    expect(parseError("a in (b c)")).toBe("unable to parse requirement: found 'c', expected: ',' or ')'");
    expect(parseError("app:monolith")).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"app:monolith\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
    expect(parseError("a=b@")).toBe(
      "unable to parse requirement: values[0][a]: Invalid value: \"b@\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  });

  it("round-trips through its printed form (property)", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
    const requirement = fc.oneof(
      fc.record({ key: name, operator: fc.constantFrom("=", "!=" as const), values: fc.tuple(name) }),
      fc.record({
        key: name,
        operator: fc.constantFrom("in", "notin" as const),
        values: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ key: name, operator: fc.constantFrom("exists", "!" as const), values: fc.constant([]) }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(requirement, { selector: (r) => r.key, maxLength: 4 }), (reqs) => {
        const text = reqs.map((r) => formatRequirement({ ...r, values: [...r.values] })).join(",");
        const parsed = parseLabelSelector(text);
        expect(parsed.map(formatRequirement).sort()).toEqual(
          reqs.map((r) => formatRequirement({ ...r, values: [...r.values] })).sort(),
        );
      }),
    );
  });
});

describe("structured label selectors", () => {
  const selector = {
    matchLabels: { app: "web" },
    matchExpressions: [{ key: "tier", operator: "In", values: ["b", "a"] }],
  };

  it("matches and prints like FormatLabelSelector", () => {
    expect(selectorMatches(selector, { app: "web", tier: "a" })).toBe(true);
    expect(selectorMatches(selector, { app: "web" })).toBe(false);
    expect(selectorMatches({}, { any: "thing" })).toBe(true);
    expect(formatLabelSelector(selector)).toBe("app=web,tier in (a,b)");
    expect(formatLabelSelector({})).toBe("<none>");
  });

  it("validates expressions with ValidateLabelSelector's texts", () => {
    const errs = validateLabelSelector(
      {
        matchExpressions: [
          { key: "a", operator: "In", values: [] },
          { key: "b", operator: "Exists", values: ["x"] },
          { key: "c", operator: "Foo" },
        ],
      },
      "spec.selector",
    );
    expect(errs.map((e) => e.message)).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Foo": not a valid selector operator',
    ]);
  });
});

describe("field selectors and api.list", () => {
  it("filters by the supported fields and refuses others", () => {
    const m = fieldMatcher("Pod", parseFieldSelector("status.phase!=Running,metadata.name=a"));
    const pod = (name: string, phase: string) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name },
      status: { phase },
    });
    expect(m(pod("a", "Pending"))).toBe(true);
    expect(m(pod("a", "Running"))).toBe(false);
    expect(() => fieldMatcher("Service", parseFieldSelector("spec.nodeName=x"))).toThrow(
      "field label not supported: spec.nodeName",
    );
  });

  it("api.list takes labelSelector and fieldSelector and answers bad ones with BadRequest", () => {
    const cluster = createDefaultCluster();
    for (const [name, app] of [
      ["a", "web"],
      ["b", "db"],
      ["c", "web"],
    ]) {
      cluster.api.create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: name!, labels: { app: app! } },
      });
    }
    const names = (o: { metadata: { name: string } }[]) => o.map((x) => x.metadata.name);
    expect(names(cluster.api.list("ConfigMap", { labelSelector: "app=web" }))).toEqual(["a", "c"]);
    expect(names(cluster.api.list("ConfigMap", { labelSelector: { matchLabels: { app: "db" } } }))).toEqual([
      "b",
    ]);
    expect(
      names(cluster.api.list("ConfigMap", { labelSelector: "app", fieldSelector: "metadata.name!=a" })),
    ).toEqual(["b", "c"]);
    expect(names(cluster.api.list("ConfigMap", { labels: { app: "web" } }))).toEqual(["a", "c"]);
    let caught: unknown;
    try {
      cluster.api.list("ConfigMap", { labelSelector: "a b" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).reason).toBe("BadRequest");
  });
});

describe("list order", () => {
  it("follows etcd's byte-ordered keys, namespace/name", () => {
    const cluster = createDefaultCluster();
    for (const ns of ["a", "a-b", "b"]) {
      cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
      for (const name of ["web-10", "web-2", "web-1"]) {
        cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns } });
      }
    }
    const keys = cluster.api
      .list("ConfigMap")
      .filter((o) => ["a", "a-b", "b"].includes(o.metadata.namespace!))
      .map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(keys).toEqual([
      "a-b/web-1",
      "a-b/web-10",
      "a-b/web-2",
      "a/web-1",
      "a/web-10",
      "a/web-2",
      "b/web-1",
      "b/web-10",
      "b/web-2",
    ]);
  });
});
