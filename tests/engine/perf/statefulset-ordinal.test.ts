/**
 * The StatefulSet controller splits pod names by hand (no regular expression, no match array per
 * pod): it must split exactly as getParentNameAndOrdinal's pattern `^(.*)-([0-9]+)$` does, line
 * terminators (which `.` does not match), leading zeros and out-of-range ordinals included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isMemberOf,
  parseOrdinal,
} from "../../../sandbox/engine/cluster/controllers/statefulset/identity.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

const PATTERN = /^(.*)-([0-9]+)$/;

function reference(name: string): { parent: string; ordinal: number } {
  const match = PATTERN.exec(name);
  if (!match) return { parent: "", ordinal: -1 };
  const ordinal = Number(match[2]);
  return { parent: match[1]!, ordinal: ordinal <= 0x7fffffff ? ordinal : -1 };
}

const named = (name: string) => ({ metadata: { name } }) as KubeObject;
/** Names built from the characters that matter, so that matches and near misses are common. */
const name = fc
  .array(fc.constantFrom("w", "e", "b", "-", "0", "1", "9", ".", "\n", "\r", "\u2028", "\u2029", "é"), {
    maxLength: 14,
  })
  .map((chars) => chars.join(""));
const anyName = fc.oneof(
  name,
  fc.string(),
  fc.constantFrom("web-0", "web-2147483648", "web-007", "-1", "web-"),
);

describe("StatefulSet pod names", () => {
  it("split into parent and ordinal as getParentNameAndOrdinal's pattern splits them", () => {
    fc.assert(
      fc.property(anyName, (podName) => {
        expect(parseOrdinal(podName)).toEqual(reference(podName));
      }),
      { numRuns: 5000 },
    );
  });

  it("belong to a set exactly when the pattern's parent is the set's name", () => {
    fc.assert(
      fc.property(anyName, fc.oneof(name, fc.constant(""), fc.constant("web")), (podName, setName) => {
        expect(isMemberOf(named(setName), named(podName))).toBe(reference(podName).parent === setName);
      }),
      { numRuns: 5000 },
    );
  });
});
