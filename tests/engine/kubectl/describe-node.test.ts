import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

describe("kubectl describe node", () => {
  it("prints describe.go's sections in order, aligned by one tabwriter", async () => {
    const [r] = await run(["kubectl describe node kind-control-plane"]);
    const text = r!.stdout;
    const headings = text
      .split("\n")
      .filter((l) => /^[A-Z][A-Za-z -]+:/.test(l))
      .map((l) => l.slice(0, l.indexOf(":")));
    expect(headings).toEqual([
      "Name",
      "Roles",
      "Labels",
      "Annotations",
      "CreationTimestamp",
      "Taints",
      "Unschedulable",
      "Lease",
      "Conditions",
      "Addresses",
      "Capacity",
      "Allocatable",
      "System Info",
      "PodCIDR",
      "PodCIDRs",
      "ProviderID",
      "Non-terminated Pods",
      "Allocated resources",
      "Events",
    ]);
    expect(text).toContain("Roles:              control-plane\n");
    expect(text).toMatch(/\n {2}Ready {12}True {4}\w{3}, /);
    expect(text).toContain("PodCIDR:                      10.244.0.0/24\n");
    expect(text).toMatch(/Non-terminated Pods: +\(\d+ in total\)\n/);
    expect(text).toMatch(/\n {2}cpu {16}\d+m? \(\d+%\) +\d+m? \(\d+%\)\n/);
    expect(r!.status).toBe(0);
  });

  it("shows a cordon as Unschedulable and counts a new pod", async () => {
    const [, , r] = await run([
      "kubectl cordon kind-control-plane",
      "kubectl uncordon kind-control-plane; kubectl run web --image=nginx:1.27; sleep 10; kubectl cordon kind-control-plane",
      "kubectl describe node kind-control-plane",
    ]);
    expect(r!.stdout).toContain("Unschedulable:      true\n");
    expect(r!.stdout).toMatch(/\n {2}default +web +0 \(0%\)/);
  });
});
