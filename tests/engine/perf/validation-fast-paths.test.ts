/**
 * Shortcuts on the API server's write path must not change what it answers: label and annotation
 * checks skip sorting when every key is valid and remember qualified names found valid, and the
 * endpoint controllers group ports by a hand-built key instead of their JSON, and DNS-1123 subdomain
 * names are scanned by hand before the pattern is tried. Each is checked
 * against the plain way it replaced, on random input that mixes valid and invalid names.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateLabels } from "../../../sandbox/engine/cluster/api/selectors.ts";
import { invalid } from "../../../sandbox/engine/cluster/api/validation/field.ts";
import { validateObjectMeta } from "../../../sandbox/engine/cluster/api/validation/meta.ts";
import {
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  maxLenError,
} from "../../../sandbox/engine/cluster/api/validation/names.ts";
import type { FieldError } from "../../../sandbox/engine/cluster/errors.ts";
import { portsKey, type ResolvedPort } from "../../../sandbox/engine/cluster/network/pod-endpoints.ts";

/** Keys and values a learner might write, valid or not: prefixes, slashes, capitals, long runs. */
const word = fc.oneof(
  fc.constantFrom("app", "tier", "volume.kubernetes.io/selected-node", "a/b/c", "/x", "Bad Key", "-x", ""),
  fc.stringMatching(/^[a-zA-Z0-9._/-]{0,70}$/),
);
const record = fc.dictionary(word, word, { maxKeys: 6 });

/** The field errors as the plain, always-sorted check made them (what validateLabels did before). */
function sortedLabelErrors(labels: Record<string, string>): FieldError[] {
  const out: FieldError[] = [];
  for (const key of Object.keys(labels).sort()) {
    for (const msg of isQualifiedName(key)) out.push(invalid("metadata.labels", key, msg));
    const value = labels[key]!;
    for (const msg of isValidLabelValue(value)) out.push(invalid("metadata.labels", value, msg));
  }
  return out;
}

function sortedAnnotationErrors(annotations: Record<string, string>): FieldError[] {
  const out: FieldError[] = [];
  for (const key of Object.keys(annotations).sort()) {
    for (const msg of isQualifiedName(key.toLowerCase())) out.push(invalid("metadata.annotations", key, msg));
  }
  return out;
}

describe("write-path validation shortcuts", () => {
  it("report label errors as the sorted check did, whatever was checked before", () => {
    fc.assert(
      fc.property(record, (labels) => {
        const expected = sortedLabelErrors(labels);
        // Twice: the second run meets the names the first found valid.
        expect(validateLabels(labels, "metadata.labels")).toEqual(expected);
        expect(validateLabels(labels, "metadata.labels")).toEqual(expected);
      }),
    );
  });

  it("report annotation errors as the sorted check did", () => {
    fc.assert(
      fc.property(record, (annotations) => {
        const errs = validateObjectMeta({ name: "x", namespace: "default", annotations }, true, () => []);
        const annotationErrs = errs.filter((e) => e.field === "metadata.annotations");
        expect(annotationErrs).toEqual(sortedAnnotationErrors(annotations));
      }),
    );
  });
});

const port = fc.record({
  name: fc.constantFrom("", "web", "http", "dns-tcp"),
  port: fc.integer({ min: 1, max: 65535 }),
  protocol: fc.constantFrom("TCP", "UDP", "SCTP"),
});

describe("endpoint port sets", () => {
  it("share a key exactly when their JSON is the same", () => {
    fc.assert(
      fc.property(fc.array(port, { maxLength: 3 }), fc.array(port, { maxLength: 3 }), (a, b) => {
        const sameJson = JSON.stringify(a) === JSON.stringify(b);
        expect(portsKey(a as ResolvedPort[]) === portsKey(b as ResolvedPort[])).toBe(sameJson);
      }),
    );
  });
});

/** DNS1123_SUBDOMAIN as apimachinery writes it, with the messages isDNS1123Subdomain gives. */
const SUBDOMAIN = /^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;
/** Names built from the characters that matter, so that valid names and near misses are common. */
const subdomainLike = fc.oneof(
  fc
    .array(fc.constantFrom("a", "z", "0", "9", "-", ".", "A", "_", "é", "\n"), { maxLength: 12 })
    .map((chars) => chars.join("")),
  fc.stringMatching(/^[a-z0-9.-]{0,260}$/),
  fc.constantFrom(
    "web-0.18867251edfa07d7",
    "",
    "a",
    "-",
    ".",
    "a.",
    ".a",
    "a..b",
    "a.-b",
    "a-.b",
    "x".repeat(254),
  ),
);

describe("DNS-1123 subdomain names", () => {
  it("are found valid or not exactly as the pattern finds them, with the same problems", () => {
    fc.assert(
      fc.property(subdomainLike, (name) => {
        const problems = isDNS1123Subdomain(name);
        const expected = [
          ...(name.length > 253 ? [maxLenError(253)] : []),
          ...(SUBDOMAIN.test(name) ? [] : ["a lowercase RFC 1123 subdomain"]),
        ];
        expect(
          problems.map((p) => (p.startsWith("a lowercase") ? "a lowercase RFC 1123 subdomain" : p)),
        ).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
