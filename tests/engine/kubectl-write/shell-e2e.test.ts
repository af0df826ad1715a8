import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

describe("kubectl write verbs through the shell and the workspace", () => {
  it("applies a heredoc on stdin and a file written by the shell, then deletes it", async () => {
    const results = await run([
      "kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-heredoc\nEOF",
      "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: from-file\\n' > cm.yaml",
      "kubectl apply -f cm.yaml && kubectl apply -f cm.yaml",
      "kubectl delete -f cm.yaml",
      "kubectl apply -f missing.yaml",
    ]);
    expect(results.map((r) => [r.stdout, r.stderr, r.status])).toEqual([
      ["configmap/from-heredoc created\n", "", 0],
      ["", "", 0],
      ["configmap/from-file created\nconfigmap/from-file unchanged\n", "", 0],
      ['configmap "from-file" deleted from default namespace\n', "", 0],
      ["", 'error: the path "missing.yaml" does not exist\n', 1],
    ]);
  });
});
