import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";

async function run(scenario: string, line: string): Promise<string> {
  const sandbox = createSandbox({ scenario });
  let out = "";
  await sandbox.exec(line, (chunk) => {
    out += chunk.text;
  });
  return out;
}

describe("lesson scenarios", () => {
  it("web-statefulset starts with three Ready pods, each with its own bound claim", async () => {
    expect(
      await run("web-statefulset", "kubectl get statefulset web -o jsonpath='{.status.readyReplicas}'"),
    ).toBe("3");
    expect(
      await run(
        "web-statefulset",
        "kubectl get pvc -o jsonpath='{range .items[*]}{.metadata.name}={.status.phase} {end}'",
      ),
    ).toBe("www-web-0=Bound www-web-1=Bound www-web-2=Bound ");
    expect(await run("web-statefulset", "kubectl get service nginx -o jsonpath='{.spec.clusterIP}'")).toBe(
      "None",
    );
  });

  it("the default scenario has no StatefulSet, so the web scenario is not what everyone gets", async () => {
    expect(await run("default", "kubectl get statefulsets")).toBe(
      "No resources found in default namespace.\n",
    );
  });

  it("broken-orders starts broken: the primary Pending on a claim of a missing class, the Service selecting nothing", async () => {
    expect(await run("broken-orders", "kubectl get pods -o jsonpath='{.items[*].status.phase}'")).toBe(
      "Pending",
    );
    expect(await run("broken-orders", "kubectl get pvc data-orders-0 -o jsonpath='{.status.phase}'")).toBe(
      "Pending",
    );
    expect(await run("broken-orders", "kubectl get service orders -o jsonpath='{.spec.clusterIP}'")).not.toBe(
      "None",
    );
  });
});
