import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { executeGoTemplate, TemplateError } from "../../../sandbox/engine/kubectl/gotemplate.ts";
import { run } from "../helpers.ts";

const POD = {
  metadata: { name: "web-0", labels: { app: "nginx", "kubernetes.io/x": "y" } },
  spec: {
    containers: [
      { name: "nginx", image: "nginx:1.27" },
      { name: "side", image: "busybox" },
    ],
    replicas: 3,
  },
};

describe("go-template", () => {
  it("prints fields, ranges with variables, index, len and printf as Go does", () => {
    expect(executeGoTemplate("{{.metadata.name}}", POD)).toBe("web-0");
    expect(executeGoTemplate("{{range $i, $c := .spec.containers}}{{$i}}:{{$c.image}} {{end}}", POD)).toBe(
      "0:nginx:1.27 1:busybox ",
    );
    expect(
      executeGoTemplate('{{index .metadata.labels "kubernetes.io/x"}} {{len .spec.containers}}', POD),
    ).toBe("y 2");
    expect(executeGoTemplate('{{printf "%-6s|%3d|%q" .metadata.name .spec.replicas "a"}}', POD)).toBe(
      'web-0 |  3|"a"',
    );
    expect(executeGoTemplate("{{.metadata.labels}} {{.spec.nope}} {{.spec.containers}}", POD)).toBe(
      "map[app:nginx kubernetes.io/x:y] <no value> [map[image:nginx:1.27 name:nginx] map[image:busybox name:side]]",
    );
  });

  it("branches with if / else if / else, with, and trims around {{- -}}", () => {
    const t = "{{if eq .spec.replicas 1}}one{{else if gt .spec.replicas 2}}many{{else}}two{{end}}";
    expect(executeGoTemplate(t, POD)).toBe("many");
    expect(
      executeGoTemplate("{{with .metadata}}{{.name}}{{end}}|{{with .nope}}x{{else}}none{{end}}", POD),
    ).toBe("web-0|none");
    expect(executeGoTemplate("a  {{- .metadata.name -}}  b", POD)).toBe("aweb-0b");
    expect(executeGoTemplate("{{range .nope}}x{{else}}empty{{end}}", POD)).toBe("empty");
    expect(executeGoTemplate('{{.metadata.name | printf "<%s>"}}', POD)).toBe("<web-0>");
  });

  it("rejects unknown functions and unclosed actions", () => {
    expect(() => executeGoTemplate("{{nosuch .x}}", POD)).toThrow(TemplateError);
    expect(() => executeGoTemplate("{{.x", POD)).toThrow("template: output:1: unclosed action");
    expect(() => executeGoTemplate("{{if .x}}", POD)).toThrow(TemplateError);
  });

  it("prints any string field unchanged and never throws on text without actions (property)", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(executeGoTemplate("{{.v}}", { v: value })).toBe(value);
        if (!value.includes("{{")) expect(executeGoTemplate(value, {})).toBe(value);
      }),
    );
  });

  it("works through kubectl get: -o go-template, --template and go-template-file", async () => {
    const [a, b, , c, bad, missing] = await run([
      "kubectl get nodes -o go-template='{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}'",
      "kubectl get node kind-control-plane --template='{{.kind}}'",
      "printf '{{.metadata.name}}' > n.tmpl",
      "kubectl get node kind-control-plane -o go-template-file=n.tmpl",
      "kubectl get nodes -o go-template='{{.items'",
      "kubectl get nodes -o go-template",
    ]);
    expect(a!.stdout).toBe("kind-control-plane\n");
    expect(b!.stdout).toBe("Node");
    expect(c!.stdout).toBe("kind-control-plane");
    expect(bad).toMatchObject({
      stderr: "error: error parsing template {{.items, template: output:1: unclosed action\n",
      status: 1,
    });
    expect(missing!.stderr).toBe("error: template format specified but no template given\n");
  });
});
