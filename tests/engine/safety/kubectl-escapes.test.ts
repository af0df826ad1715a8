/**
 * Where real kubectl escapes terminal control characters in user data, and how: the table
 * printer and describe write through cli-runtime's printers.WriteEscaped (ESC as ^[, CR as \r,
 * a table cell cut at \f, \n or \r), -o yaml uses go-yaml v2's double-quoted escapes (checked
 * against the real kubectl client: `kubectl create configmap --dry-run=client -o yaml`), -o json
 * encoding/json's \u001b, and -o jsonpath passes the bytes through.
 */
import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

const MANIFEST = `cat > cm.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: hostile
  labels:
    app: web
  annotations:
    note: "\\e[41mhi\\e[0m\\r\\nnext"
data:
  osc: "\\e]52;c;aGk=\\a\\e]0;title\\a"
  tab: "a\\tb"
  emoji: "😀 ok"
  ml: "line1\\n\\e[31mline2\\n"
  ctl: "\\x01\\b\\v\\f"
EOF
kubectl apply -f cm.yaml`;

async function outputs(...lines: string[]) {
  const results = await run([MANIFEST, ...lines]);
  return results.slice(1).map((r) => r.stdout);
}

describe("kubectl escapes terminal control characters as real kubectl does", () => {
  it("-o yaml double-quotes with go-yaml's escapes", async () => {
    const [yaml] = await outputs("kubectl get cm hostile -o yaml");
    expect(yaml).toContain('  osc: "\\e]52;c;aGk=\\a\\e]0;title\\a"\n');
    expect(yaml).toContain('  tab: "a\\tb"\n');
    expect(yaml).toContain('  emoji: "\\U0001F600 ok"\n');
    expect(yaml).toContain('  ml: "line1\\n\\e[31mline2\\n"\n');
    expect(yaml).toContain('  ctl: "\\x01\\b\\v\\f"\n');
    expect(yaml).toContain('    note: "\\e[41mhi\\e[0m\\r\\nnext"\n');
    expect(yaml).not.toContain("\x1b");
  });

  it("-o json escapes ESC as \\u001b", async () => {
    const [json] = await outputs("kubectl get cm hostile -o json");
    expect(json).toContain('"osc": "\\u001b]52;c;aGk=\\u0007\\u001b]0;title\\u0007"');
    expect(json).not.toContain("\x1b");
  });

  it("describe writes ESC as ^[ and CR as \\r", async () => {
    const [text] = await outputs("kubectl describe cm hostile");
    expect(text).toContain("^[]52;c;aGk=\x07^[]0;title\x07\n");
    expect(text).toContain("^[[41mhi^[[0m\\r\n");
    expect(text).not.toContain("\x1b");
    expect(text).not.toContain("\r");
  });

  it("table cells are cut at CR and show ESC as ^[", async () => {
    const [table] = await outputs(
      "kubectl get cm hostile -o custom-columns=NOTE:.metadata.annotations.note,OSC:.data.osc",
    );
    expect(table).toBe("NOTE               OSC\n^[[41mhi^[[0m...   ^[]52;c;aGk=\x07^[]0;title\x07\n");
  });

  it("-o jsonpath passes the bytes through, as kubectl does (the browser terminal neutralises them)", async () => {
    const [raw] = await outputs("kubectl get cm hostile -o jsonpath='{.data.osc}'");
    expect(raw).toBe("\x1b]52;c;aGk=\x07\x1b]0;title\x07");
  });
});
