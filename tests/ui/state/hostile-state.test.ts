/**
 * Hostile saved state: share links and export files that decode fine but were written by hand to
 * hurt. The decoders either refuse them with a message for the learner (and nothing else), or
 * hand on plain data in which prototype keys stay keys; the engine's snapshot gate refuses file
 * names no file system has, quoting them harmlessly.
 */
import { deflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { SnapshotError } from "../../../sandbox/engine/cluster/snapshot.ts";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { validateSandboxSnapshot } from "../../../sandbox/engine/sandbox-snapshot.ts";
import { parseExportText } from "../../../sandbox/ui/state/export-file.ts";
import {
  MAX_HISTORY_LINE_CHARS,
  MAX_HISTORY_LINES,
  MAX_SCROLLBACK_CHARS,
  SavedStateError,
} from "../../../sandbox/ui/state/session-record.ts";
import { decodeShareLink, toBase64Url } from "../../../sandbox/ui/state/share-link.ts";

const payloadOf = (json: string) => `1.${toBase64Url(deflateSync(strToU8(json)))}`;

const session = (sandbox: string, terminal = '{"history":[]}', extra = "") =>
  `{${extra}"format":"stateful-lab-session","version":1,"savedAt":1,"sandbox":${sandbox},"terminal":${terminal}}`;

/** Both ways in: a link and an imported file. Each must refuse with SavedStateError and this reason. */
function refusedBoth(json: string): string {
  const reasons = [() => decodeShareLink(payloadOf(json)), () => parseExportText(json)].map((decode) => {
    try {
      decode();
    } catch (error) {
      expect(error).toBeInstanceOf(SavedStateError);
      return (error as Error).message;
    }
    throw new Error("expected it to be refused");
  });
  expect(reasons[0]).toContain(reasons[1]);
  return reasons[1]!;
}

describe("hostile sessions from a link or a file", () => {
  it("keep __proto__ and constructor keys as data and never reach a prototype", () => {
    const json = session(
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"a":1}',
      '{"history":["echo <img src=x onerror=alert(1)>"],"__proto__":{"history":"no"}}',
      '"__proto__":{"polluted":"yes"},',
    );
    for (const decoded of [decodeShareLink(payloadOf(json)), parseExportText(json)]) {
      expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
      expect(Object.hasOwn(decoded, "__proto__")).toBe(false);
      expect(Object.hasOwn(decoded.sandbox, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(decoded.sandbox)).toBe(Object.prototype);
      expect(decoded.terminal.history).toEqual(["echo <img src=x onerror=alert(1)>"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it("refuse a session hidden behind __proto__, and sessions of other versions, saying which", () => {
    expect(refusedBoth(`{"__proto__":${session("{}")}}`)).toBe("it is not a saved Stateful Lab sandbox");
    expect(refusedBoth(session("{}").replace('"version":1', '"version":2'))).toContain(
      "saved by a newer version of Stateful Lab (format 2",
    );
    expect(refusedBoth(session("{}").replace('"version":1', '"version":"1"'))).toContain("older version");
    expect(refusedBoth(session("{}").replace('"savedAt":1', '"savedAt":1e300'))).toBe(
      "its save time is missing or damaged",
    );
  });

  it("refuse oversized or control-laden terminal memory", () => {
    const lines = (n: number, line = "ls") => JSON.stringify(Array.from({ length: n }, () => line));
    const damaged = "its command history is damaged";
    expect(refusedBoth(session("{}", `{"history":${lines(MAX_HISTORY_LINES + 1)}}`))).toContain(damaged);
    expect(
      refusedBoth(session("{}", `{"history":${lines(1, "x".repeat(MAX_HISTORY_LINE_CHARS + 1))}}`)),
    ).toContain(damaged);
    for (const control of ["\x1b[2J", "\x07", "\u009b31m", "\r"]) {
      expect(refusedBoth(session("{}", `{"history":${JSON.stringify([`ls${control}`])}}`))).toContain(
        damaged,
      );
    }
    expect(refusedBoth(session("{}", '{"history":[{"toString":"ls"}]}'))).toContain(damaged);
    expect(
      refusedBoth(
        session("{}", `{"history":[],"scrollback":${JSON.stringify("x".repeat(MAX_SCROLLBACK_CHARS + 1))}}`),
      ),
    ).toContain("scrollback is damaged");
  });
});

describe("a hand-made link with a scrollback", () => {
  it("opens without it: links never carry a screen", () => {
    const json = session("{}", '{"history":["ls"],"scrollback":"\\u001b]0;pwned\\u0007fake screen"}');
    expect(decodeShareLink(payloadOf(json)).terminal).toEqual({ history: ["ls"] });
    expect(parseExportText(json).terminal.scrollback).toBe("\x1b]0;pwned\x07fake screen");
  });
});

describe("hostile engine snapshots", () => {
  const base = JSON.parse(JSON.stringify(createSandbox({ timeMode: "instant" }).save()));
  /** The snapshot with one more file in the learner's home, the name set as a key (even __proto__). */
  const withFile = (name: string) => {
    const snap = structuredClone(base);
    Object.defineProperty(snap.workspace.root.children.home.children.learner.children, name, {
      value: { type: "file", content: "x", mtime: 0, mode: 0o644 },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return JSON.stringify(snap);
  };
  const refusal = (text: string) => {
    try {
      validateSandboxSnapshot(text);
    } catch (error) {
      expect(error).toBeInstanceOf(SnapshotError);
      return (error as Error).message;
    }
    throw new Error("expected the snapshot to be refused");
  };

  it("refuse file names no file system has, quoted as JSON and cut short", () => {
    expect(refusal(withFile("../../x"))).toBe(
      `the snapshot's workspace has a file with an impossible name "../../x"`,
    );
    expect(refusal(withFile(".."))).toContain('impossible name ".."');
    expect(refusal(withFile("a\0b"))).toContain('impossible name "a\\u0000b"');
    const long = refusal(withFile(`/${"a".repeat(1_000_000)}`));
    expect(long).toBe(`the snapshot's workspace has a file with an impossible name "/${"a".repeat(79)}…"`);
  });

  it("accept names with control characters, bidi controls and prototype names as the data they are", async () => {
    for (const name of ["\x1b]0;t\x07x", "\u202eexe.txt", "__proto__", "constructor"]) {
      const sandbox = createSandbox({ timeMode: "instant", restore: withFile(name) });
      let out = "";
      await sandbox.exec("ls\n", (chunk) => {
        out += chunk.text;
      });
      expect(out.split(/\s+/)).toContain(name);
    }
  });

  it("refuse snapshots of other versions, saying which", () => {
    expect(refusal(JSON.stringify({ ...base, version: 0 }))).toContain(
      "older version of the sandbox (format 0",
    );
    expect(refusal(JSON.stringify({ ...base, version: 9 }))).toContain(
      "newer version of the sandbox (format 9",
    );
  });
});
