import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NET_TOOLS } from "../../../sandbox/engine/tools/net/index.ts";
import { addPod, runInPod, statefulSetWalkthrough } from "./fixtures.ts";

const WORDS = [
  "-q",
  "-O",
  "-O-",
  "-qO-",
  "-T",
  "--spider",
  "-s",
  "-I",
  "-v",
  "-f",
  "-o",
  "-m",
  "-c",
  "-type=srv",
  "-type=bogus",
  "0",
  "3",
  "-1",
  "web-0.nginx",
  "nginx",
  "http://web-1.nginx:80/%zz",
  "10.244.0.5",
  "10.96.0.10",
  "https://x",
  "ftp://y",
  "::",
  "",
  "a.b.c.d.e.f",
];

describe("pod network tools on arbitrary command lines", () => {
  it("never throw and always return an exit status between 0 and 255", async () => {
    const cluster = statefulSetWalkthrough();
    addPod(cluster, { name: "client", ip: "10.244.0.9", labels: { run: "client" }, image: "busybox:1.36" });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(NET_TOOLS)),
        fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { maxLength: 5 }),
        async (name, args) => {
          const r = await runInPod(cluster, "client", NET_TOOLS[name]!, [name, ...args]);
          expect(Number.isInteger(r.status)).toBe(true);
          expect(r.status).toBeGreaterThanOrEqual(0);
          expect(r.status).toBeLessThanOrEqual(255);
        },
      ),
      { numRuns: 300 },
    );
  });
});
