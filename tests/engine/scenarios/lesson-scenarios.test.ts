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
    const sandbox = createSandbox({ scenario: "web-statefulset" });
    let out = "";
    const exec = (line: string) => sandbox.exec(line, (c) => void (out += c.text));
    await exec("kubectl get statefulset web -o jsonpath='{.status.readyReplicas}'");
    expect(out).toBe("3");
    out = "";
    await exec("kubectl get pvc -o jsonpath='{range .items[*]}{.metadata.name}={.status.phase} {end}'");
    expect(out).toBe("www-web-0=Bound www-web-1=Bound www-web-2=Bound ");
    out = "";
    await exec("kubectl get service nginx -o jsonpath='{.spec.clusterIP}'");
    expect(out).toBe("None");
  });

  it("the default scenario has no StatefulSet, so the web scenario is not what everyone gets", async () => {
    expect(await run("default", "kubectl get statefulsets")).toBe(
      "No resources found in default namespace.\n",
    );
  });
});
