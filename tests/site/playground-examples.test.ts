import { describe, expect, it } from "vitest";
import { createSandbox } from "../../sandbox/engine/index.ts";
import { PLAYGROUND_EXAMPLES } from "../../src/playground/examples.ts";

async function run(sandbox: ReturnType<typeof createSandbox>, line: string) {
  let stdout = "";
  let stderr = "";
  const status = await sandbox.exec(line, (chunk) => {
    if (chunk.stream === "stderr") stderr += chunk.text;
    else stdout += chunk.text;
  });
  return { status, stdout, stderr };
}

describe("the playground's example manifests", () => {
  it("apply cleanly and come up: every pod Ready, every claim Bound, data kept on the claim", async () => {
    const sandbox = createSandbox({ scenario: "default" });
    for (const [path, content] of Object.entries(PLAYGROUND_EXAMPLES)) sandbox.writeFile(path, content);
    const applied = await run(
      sandbox,
      "kubectl apply -f static-volume.yaml -f web-deployment.yaml -f web-statefulset.yaml",
    );
    expect(applied.stderr).toBe("");
    expect(applied.stdout).toBe(
      [
        "persistentvolume/manual-pv created",
        "persistentvolumeclaim/manual-claim created",
        "pod/writer created",
        "deployment.apps/frontend created",
        "service/frontend created",
        "service/nginx created",
        "statefulset.apps/web created",
        "",
      ].join("\n"),
    );
    sandbox.advance(120_000);
    await run(sandbox, "true");
    const pods = await run(
      sandbox,
      "kubectl get pods -o jsonpath='{range .items[*]}{.status.containerStatuses[0].ready} {end}'",
    );
    expect(pods.stdout.trim().split(" ")).toEqual(Array(7).fill("true"));
    const claims = await run(sandbox, "kubectl get pvc -o jsonpath='{range .items[*]}{.status.phase} {end}'");
    expect(claims.stdout.trim().split(" ")).toEqual(Array(4).fill("Bound"));
    // What the example's comment suggests: the file outlives the pod because it is on the claim.
    await run(sandbox, "kubectl exec writer -- sh -c 'echo hello > /data/hello.txt'");
    await run(sandbox, "kubectl delete pod writer && kubectl apply -f static-volume.yaml");
    sandbox.advance(60_000);
    await run(sandbox, "true");
    expect(await run(sandbox, "kubectl exec writer -- cat /data/hello.txt")).toEqual({
      status: 0,
      stdout: "hello\n",
      stderr: "",
    });
  });
});
