import { describe, expect, it } from "vitest";
import { run, run1 } from "./helpers.ts";

describe("kubectl version", () => {
  it("prints client, kustomize and server versions like kubectl 1.34", async () => {
    const r = await run1("kubectl version");
    expect(r).toEqual({
      stdout: "Client Version: v1.34.1\nKustomize Version: v5.7.1\nServer Version: v1.34.0\n",
      stderr: "",
      status: 0,
    });
  });

  it("leaves out the server with --client", async () => {
    expect((await run1("kubectl version --client")).stdout).toBe(
      "Client Version: v1.34.1\nKustomize Version: v5.7.1\n",
    );
  });
});

describe("kubectl get nodes on the default cluster", () => {
  it("lists kind's single control-plane node, aligned like kubectl's tabwriter", async () => {
    const r = await run1("kubectl get nodes");
    expect(r.status).toBe(0);
    const [header, row, ...rest] = r.stdout.split("\n");
    expect(header).toBe("NAME                 STATUS   ROLES           AGE   VERSION");
    expect(row).toMatch(/^kind-control-plane {3}Ready {4}control-plane {3}\S+ +v1\.34\.0$/);
    expect(rest).toEqual([""]);
  });

  it("accepts the short name and shows AGE advancing with simulated time", async () => {
    const [, , later] = await run(["kubectl get no", "sleep 3600", "kubectl get no"]);
    expect(later!.stdout).toContain("Ready    control-plane");
    expect(later!.stdout).not.toMatch(/ (\d+s|\dm\d*s?) /);
  });
});

describe("errors", () => {
  it("answers an unknown kubectl command with cobra's suggestion", async () => {
    const r = await run1("kubectl gte pods");
    expect(r).toEqual({
      stdout: "",
      stderr: 'Error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n\n',
      status: 1,
    });
  });

  it("prints no suggestion block when nothing is close", async () => {
    expect((await run1("kubectl xyzzy")).stderr).toBe('Error: unknown command "xyzzy" for "kubectl"\n');
  });

  it("answers an unknown program the way bash does", async () => {
    expect(await run1("foo --bar")).toEqual({
      stdout: "",
      stderr: "bash: foo: command not found\n",
      status: 127,
    });
  });

  it("reports an unknown resource type as the server does", async () => {
    const r = await run1("kubectl get stss");
    expect(r.stderr).toBe('error: the server doesn\'t have a resource type "stss"\n');
    expect(r.status).toBe(1);
  });
});

describe("help and clear", () => {
  it("help names kubectl and the keys", async () => {
    const r = await run1("help");
    expect(r.stdout).toContain("kubectl <command>");
    expect(r.status).toBe(0);
  });

  it("clear writes the terminal's clear-screen sequence", async () => {
    expect((await run1("clear")).stdout).toBe("\x1b[H\x1b[2J\x1b[3J");
  });
});

describe("determinism", () => {
  it("gives the same bytes for the same seed", async () => {
    const lines = ["kubectl get nodes -o wide", "sleep 10", "kubectl get nodes"];
    expect(await run(lines, { seed: 7 })).toEqual(await run(lines, { seed: 7 }));
  });
});
