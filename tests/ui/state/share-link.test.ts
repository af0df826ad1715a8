import fc from "fast-check";
import { deflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { newSession, type SavedSession } from "../../../sandbox/ui/state/session-record.ts";
import {
  decodeShareLink,
  encodeShareLink,
  fromBase64Url,
  MAX_INFLATED_BYTES,
  MAX_LINK_CHARS,
  ShareLinkError,
  shareLinkPayload,
  shareUrl,
  toBase64Url,
} from "../../../sandbox/ui/state/share-link.ts";

const sandboxArbitrary = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 });
const sessionArbitrary = fc
  .tuple(sandboxArbitrary, fc.array(fc.string({ maxLength: 80 }), { maxLength: 20 }), fc.nat())
  .map(([sandbox, history, savedAt]) => newSession(sandbox, { history }, savedAt));

/** A link payload holding `json` exactly as encodeShareLink would wrap it. */
const payloadOf = (json: string) => `1.${toBase64Url(deflateSync(strToU8(json)))}`;

function failure(payload: string): string {
  try {
    decodeShareLink(payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ShareLinkError);
    return (error as Error).message;
  }
  throw new Error("expected the link to be refused");
}

describe("share links", () => {
  it("round-trip any session: encode → decode gives it back (property)", () => {
    fc.assert(
      fc.property(sessionArbitrary, (session) => {
        // JSON has no -0 and no undefined: compare with what JSON keeps.
        expect(decodeShareLink(encodeShareLink(session))).toEqual(JSON.parse(JSON.stringify(session)));
      }),
    );
  });

  it("leave the terminal's scrollback out", () => {
    const session = newSession({ a: 1 }, { history: ["ls"], scrollback: "lots of output" }, 5);
    expect(decodeShareLink(encodeShareLink(session)).terminal).toEqual({ history: ["ls"] });
  });

  it("decode any mutated or truncated link to a session or a ShareLinkError, nothing else (property)", () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant("flip" as const),
        at: fc.nat(),
        char: fc.string({ minLength: 1, maxLength: 1 }),
      }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(
        sessionArbitrary,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (session, mutations) => {
          let payload = encodeShareLink(session);
          for (const m of mutations) {
            const at = m.at % (payload.length + 1);
            if (m.kind === "cut") payload = payload.slice(0, at);
            else if (m.kind === "flip") payload = payload.slice(0, at) + m.char + payload.slice(at + 1);
            else payload = payload.slice(0, at) + m.text + payload.slice(at);
          }
          try {
            const decoded: SavedSession = decodeShareLink(payload);
            expect(decoded.format).toBe("stateful-lab-session");
          } catch (error) {
            expect(error).toBeInstanceOf(ShareLinkError);
          }
        },
      ),
    );
  });

  it("explain each kind of damage", () => {
    expect(failure("")).toContain("not made by this version");
    expect(failure("2.abc")).toContain("not made by this version");
    expect(failure("1.a+b/")).toContain("characters a share link never contains");
    expect(failure("1.")).toContain("ends early");
    const good = encodeShareLink(newSession({ a: 1 }, { history: [] }, 1));
    expect(failure(good.slice(0, Math.floor(good.length / 2)))).toMatch(/damaged or incomplete/);
    expect(failure(payloadOf("{not json"))).toContain("not valid JSON");
    expect(failure(payloadOf('{"format":"stateful-lab-session","version":0}'))).toContain("older version");
    expect(failure(payloadOf("[]"))).toContain("does not hold a usable sandbox");
  });

  it("refuse links that are too long, and sandboxes too big to become one", () => {
    expect(failure(`1.${"A".repeat(MAX_LINK_CHARS)}`)).toContain("too long");
    // Random text does not compress: this session cannot fit in a link.
    const noise = Array.from({ length: MAX_LINK_CHARS }, (_, i) =>
      ((i * 2654435761) >>> 0).toString(36),
    ).join("");
    expect(() => encodeShareLink(newSession({ noise }, { history: [] }, 1))).toThrow(
      /too big to share as a link/,
    );
  });

  it("stop inflating a deflate bomb instead of expanding it", () => {
    const bomb = `1.${toBase64Url(deflateSync(new Uint8Array(MAX_INFLATED_BYTES + 1024 * 1024), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(failure(bomb)).toContain("unpacks to more than");
    // Deflating 17 MiB to make the bomb takes seconds on a loaded 2-core machine.
  }, 60_000);

  it("live in the URL fragment, beside other parameters", () => {
    expect(shareLinkPayload("#sandbox=1.abc")).toBe("1.abc");
    expect(shareLinkPayload("#x=1&sandbox=1.abc")).toBe("1.abc");
    expect(shareLinkPayload("#objectives")).toBeUndefined();
    expect(shareLinkPayload("")).toBeUndefined();
    expect(shareUrl("https://example.org/stateful-lab/playground/#old", "1.xyz")).toBe(
      "https://example.org/stateful-lab/playground/#sandbox=1.xyz",
    );
  });

  it("use base64url without padding, and read back exactly the bytes (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });
});
