/**
 * FileTree.clone shares nodes until a tree changes them (copy on write). Against a model where
 * every clone is a deep copy (structuredClone), any mix of changes through any of the trees —
 * writes, appends, mkdir, remove, rename, and nodes changed in place after `stat` (touch's mtime,
 * chmod's mode) — leaves every tree exactly as the model's, key order included (snapshots
 * serialize the trees as they are).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FileTree } from "../../../sandbox/engine/fs/file-tree.ts";

const names = ["a", "b", "c", "__proto__", "toString"];
const path = fc
  .array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 })
  .map((parts) => `/${parts.join("/")}`);

type Op =
  | { op: "write"; tree: number; path: string; text: string; append: boolean }
  | { op: "mkdir"; tree: number; path: string }
  | { op: "remove"; tree: number; path: string }
  | { op: "rename"; tree: number; from: string; to: string }
  | { op: "touch"; tree: number; path: string }
  | { op: "chmod"; tree: number; path: string }
  | { op: "clone"; tree: number };

const tree = fc.nat(3);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("write" as const),
    tree,
    path,
    text: fc.string({ maxLength: 3 }),
    append: fc.boolean(),
  }),
  fc.record({ op: fc.constant("mkdir" as const), tree, path }),
  fc.record({ op: fc.constant("remove" as const), tree, path }),
  fc.record({ op: fc.constant("rename" as const), tree, from: path, to: path }),
  fc.record({ op: fc.constant("touch" as const), tree, path }),
  fc.record({ op: fc.constant("chmod" as const), tree, path }),
  fc.record({ op: fc.constant("clone" as const), tree }),
);

/** Runs one change on a tree; what it throws (ENOENT, EEXIST …) is part of the result compared. */
function apply(t: FileTree, o: Op, now: number): string {
  try {
    switch (o.op) {
      case "write":
        t.writeFile(o.path, o.text, now, { append: o.append });
        break;
      case "mkdir":
        t.mkdir(o.path, now, { parents: true });
        break;
      case "remove":
        t.remove(o.path, { recursive: true });
        break;
      case "rename":
        t.rename(o.from, o.to, now);
        break;
      case "touch": {
        const node = t.stat(o.path);
        if (node) node.mtime = now;
        break;
      }
      case "chmod": {
        const node = t.stat(o.path);
        if (node) node.mode = 0o700 + (now % 64);
        break;
      }
      case "clone":
        break;
    }
    return "ok";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("FileTree.clone (copy on write)", () => {
  it("every tree and its clones read as deep copies would, whatever changes them", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const base = new FileTree();
        base.mkdir("/a/b", 1, { parents: true });
        base.writeFile("/a/b/c", "image file", 1);
        base.writeFile("/c", "top", 1);
        const trees = [base, base.clone()];
        const model = [new FileTree(structuredClone(base.root)), new FileTree(structuredClone(base.root))];
        ops.forEach((o, i) => {
          const at = o.tree % trees.length;
          if (o.op === "clone") {
            trees.push(trees[at]!.clone());
            model.push(new FileTree(structuredClone(model[at]!.root)));
            return;
          }
          expect(apply(trees[at]!, o, i + 2)).toBe(apply(model[at]!, o, i + 2));
          trees.forEach((t, k) => {
            expect(JSON.stringify(t.root)).toBe(JSON.stringify(model[k]!.root));
          });
        });
        trees.forEach((t, k) => {
          expect(t.walkFiles()).toEqual(model[k]!.walkFiles());
        });
      }),
      { numRuns: 300 },
    );
  });

  it("mkdir -p of a directory that exists keeps the clone's nodes shared (a container's mount paths)", () => {
    const image = new FileTree();
    image.mkdir("/usr/share/nginx/html", 1, { parents: true });
    const container = image.clone();
    container.mkdir("/usr/share/nginx/html", 2, { parents: true });
    expect(container.root.children.usr).toBe(image.root.children.usr);
    container.mkdir("/usr/share/nginx/html/new", 3, { parents: true });
    expect(container.root.children.usr).not.toBe(image.root.children.usr);
    expect(image.stat("/usr/share/nginx/html/new")).toBeUndefined();
  });
});
