import { describe, expect, it } from "vitest";
import { executeGoTemplate, TemplateError } from "../../../sandbox/engine/kubectl/gotemplate.ts";
import { harness, ns } from "../kubectl/harness.ts";

const failure = (template: string, data: unknown) => {
  try {
    executeGoTemplate(template, data);
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
  return undefined;
};

describe("go-template execution errors (text/template's ExecError)", () => {
  const data = { metadata: { name: "web" }, spec: { replicas: 3, ports: [80] } };

  it("names the node and its line:column, and the decoded Go type", () => {
    expect(failure("{{.metadata.name.x}}", data)).toBe(
      'template: output:1:2: executing "output" at <.metadata.name.x>: can\'t evaluate field x in type string',
    );
    expect(failure("n={{.spec.replicas.x}}", data)).toBe(
      'template: output:1:4: executing "output" at <.spec.replicas.x>: can\'t evaluate field x in type float64',
    );
    expect(failure("a\nb {{ index .spec.ports 5 }}", data)).toBe(
      'template: output:2:5: executing "output" at <index .spec.ports 5>: error calling index: index out of range: 5',
    );
  });

  it("prints nothing for a missing key (missingkey=default) rather than failing", () => {
    expect(executeGoTemplate("{{.spec.nope.x}}", data)).toBe("<no value>");
  });
});

describe("kubectl get -o go-template with a failing template", () => {
  it("writes GoTemplatePrinter's debugging block to stdout and the error to stderr", async () => {
    const h = harness();
    h.create(ns("default"));
    h.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { k: "<v>" } });
    const r = await h.kubectl("kubectl get cm c -o go-template={{.data.k.x}}");
    expect(r.status).toBe(1);
    const err =
      'template: output:1:2: executing "output" at <.data.k.x>: can\'t evaluate field x in type string';
    expect(r.stderr).toBe(`error: error executing template "{{.data.k.x}}": ${err}\n`);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(
      `Error executing template: ${err}. Printing more information for debugging the template:`,
    );
    expect(lines.slice(1, 4)).toEqual(["\ttemplate was:", "\t\t{{.data.k.x}}", "\traw data was:"]);
    // encoding/json: sorted keys, HTML-safe escapes.
    expect(lines[4]).toMatch(/^\t\t\{"apiVersion":"v1","data":\{"k":"\\u003cv\\u003e"\},"kind":"ConfigMap",/);
    expect(lines[5]).toBe("\tobject given to template engine was:");
    expect(lines[6]).toMatch(/^\t\tmap\[apiVersion:v1 data:map\[k:<v>\] kind:ConfigMap metadata:map\[/);
    expect(lines.slice(7)).toEqual(["", ""]);
  });
});
