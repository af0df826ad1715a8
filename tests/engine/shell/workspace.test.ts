import { describe, expect, it } from "vitest";
import { createSandbox, type WorkspaceChange } from "../../../sandbox/engine/index.ts";

const quiet = () => {};

describe("the workspace shared by the shell and the editor", () => {
  it("shows files the editor saves to the shell, relative to the home directory", async () => {
    const sandbox = createSandbox();
    sandbox.writeFile("manifests/web.yaml", "kind: Service\n");
    let out = "";
    await sandbox.exec("cat manifests/web.yaml; pwd", (c) => {
      out += c.text;
    });
    expect(out).toBe("kind: Service\n/home/learner\n");
    expect(sandbox.listFiles()).toEqual(["manifests/web.yaml"]);
  });

  it("tells the editor about files the shell writes, moves and removes", async () => {
    const sandbox = createSandbox();
    const changes: WorkspaceChange[] = [];
    sandbox.onFilesChanged((c) => changes.push(c));
    await sandbox.exec("echo a > a.txt", quiet);
    await sandbox.exec("mv a.txt b.txt", quiet);
    await sandbox.exec("rm b.txt", quiet);
    expect(changes).toEqual([
      { type: "write", path: "a.txt" },
      { type: "write", path: "a.txt" },
      { type: "rename", path: "b.txt", from: "a.txt" },
      { type: "remove", path: "b.txt" },
    ]);
  });

  it("renames and deletes files for the editor, and reads what the shell wrote", async () => {
    const sandbox = createSandbox();
    await sandbox.exec("printf 'x\\n' > one.txt", quiet);
    expect(sandbox.readFile("one.txt")).toBe("x\n");
    sandbox.renameFile("one.txt", "dir/two.txt");
    expect(sandbox.listFiles()).toEqual(["dir/two.txt"]);
    sandbox.deleteFile("dir");
    expect(sandbox.listFiles()).toEqual([]);
    expect(() => sandbox.readFile("one.txt")).toThrow(/ENOENT/);
  });

  it("lets kubectl apply -f read a file the editor saved", async () => {
    const sandbox = createSandbox();
    sandbox.writeFile("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  k: v\n");
    let out = "";
    const status = await sandbox.exec("kubectl apply -f cm.yaml", (c) => {
      out += c.text;
    });
    expect({ out, status }).toEqual({ out: "configmap/cfg created\n", status: 0 });
  });
});
