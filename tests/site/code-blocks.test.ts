import { describe, expect, it } from "vitest";
import { heredocFile, yamlFileName } from "../../sandbox/ui/run-buttons.ts";
import { inlineCode } from "../../src/components/inline-code.ts";

describe("code block buttons", () => {
  it("find the file a heredoc writes", () => {
    expect(heredocFile("cat > web.yaml <<'EOF'\nkind: Service\nEOF\nkubectl apply -f web.yaml")).toEqual({
      path: "web.yaml",
      content: "kind: Service\n",
    });
    expect(heredocFile("cat > notes.txt <<EOF\nhi\nEOF")).toBeUndefined();
    expect(heredocFile("kubectl apply -f web.yaml")).toBeUndefined();
  });

  it("name a YAML block by its title, else its first object's name", () => {
    expect(yamlFileName("kind: Pod\nmetadata:\n  name: dns-test\n", undefined)).toBe("dns-test.yaml");
    expect(yamlFileName("kind: Pod\nmetadata:\n  labels:\n    a: b\n  name: web\n", undefined)).toBe(
      "web.yaml",
    );
    expect(yamlFileName("kind: Pod\n", "pod.yaml")).toBe("pod.yaml");
    expect(yamlFileName("kind: List\n", undefined)).toBe("manifest.yaml");
  });
});

describe("frontmatter text", () => {
  it("render code spans and escape everything else", () => {
    expect(inlineCode("Run `kubectl get <x>` & <b>")).toBe(
      "Run <code>kubectl get &lt;x&gt;</code> &amp; &lt;b&gt;",
    );
  });
});
