/**
 * kubectl edit's loop with a host editor (the browser's): rejected or unparsable edits reopen the
 * file with the reasons in its header, as editoptions.go does; saving it unchanged gives up.
 */
import { describe, expect, it } from "vitest";
import { EDIT_HEADER } from "../../../sandbox/engine/kubectl/commands/edit.ts";
import { lab } from "./harness.ts";

type Editor = (f: { name: string; content: string }) => Promise<string | null>;

function withEditor(answers: ((content: string) => string | null)[]) {
  const k = lab();
  const opened: string[] = [];
  (k.env as typeof k.env & { editor?: Editor }).editor = async (file) => {
    opened.push(file.content);
    const answer = answers[opened.length - 1];
    if (!answer) throw new Error("the editor opened more often than expected");
    return answer(file.content);
  };
  return { k, opened };
}

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 1
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: nginx}]
`;

describe("kubectl edit with a host editor", () => {
  it("reopens an Invalid edit with the causes in the header, then applies the fixed text", async () => {
    const { k, opened } = withEditor([
      (text) => text.replace("replicas: 1", "replicas: -1"),
      (text) => text.replace("replicas: -1", "replicas: 3"),
    ]);
    k.write("sts.yaml", STS);
    await k.run("kubectl apply -f sts.yaml");
    expect(await k.run("kubectl edit sts web")).toEqual({
      stdout: "statefulset.apps/web edited\n",
      stderr: 'error: statefulsets.apps "web" is invalid\n',
      status: 0,
    });
    expect(
      opened[1]?.startsWith(
        `${EDIT_HEADER}# statefulsets.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n`,
      ),
    ).toBe(true);
    expect(opened[1]).toContain("replicas: -1");
    expect(k.cluster.api.get("StatefulSet", "default", "web").spec).toMatchObject({ replicas: 3 });
  });

  it("gives up, keeping a copy, when the reopened file is saved unchanged (or closed)", async () => {
    const { k } = withEditor([(text) => text.replace('a: "1"', "a: [oops"), () => null]);
    await k.run("kubectl create configmap cfg --from-literal=a=1");
    const result = await k.run("kubectl edit cm cfg");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d{10}\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/,
    );
    const copy = result.stderr.match(/"(\/tmp\/[^"]+)"/)?.[1] ?? "";
    expect(k.env.workspace?.fs.readFile(copy)).toContain(
      "# The edited file had a syntax error: error converting YAML to JSON: yaml: ",
    );
    expect(k.cluster.api.get("ConfigMap", "default", "cfg").data).toEqual({ a: "1" });
  });
});

describe("kubectl edit while controllers write", () => {
  it("sends a patch, so a status written meanwhile is no conflict", async () => {
    const k = lab();
    k.write("sts.yaml", STS);
    await k.run("kubectl apply -f sts.yaml");
    (k.env as typeof k.env & { editor?: Editor }).editor = async (file) => {
      // The controller updates the StatefulSet while the learner edits it.
      const live = k.cluster.api.get("StatefulSet", "default", "web");
      k.cluster.api.update({ ...live, metadata: { ...live.metadata, labels: { touched: "yes" } } });
      return file.content.replace("replicas: 1", "replicas: 2");
    };
    expect(await k.run("kubectl edit sts web")).toEqual({
      stdout: "statefulset.apps/web edited\n",
      stderr: "",
      status: 0,
    });
    const live = k.cluster.api.get("StatefulSet", "default", "web");
    expect(live.spec).toMatchObject({ replicas: 2 });
    expect(live.metadata.labels).toEqual({ touched: "yes" });
  });
});
