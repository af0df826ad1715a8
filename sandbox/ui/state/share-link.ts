/**
 * "Share": a whole sandbox in a link's fragment, `#sandbox=1.<base64url(deflate(JSON))>`. The
 * fragment never reaches a server, so the state stays between the people who pass the link on.
 * What comes back from a link is only ever parsed as JSON and checked (validateSession here, the
 * engine's snapshot checks in the worker); it is never executed.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from "fflate";
import { type SavedSession, SavedStateError, validateSession } from "./session-record.ts";

export const SHARE_PARAM = "sandbox";
/** The encoding's own version, so links made today keep a clear meaning if the encoding changes. */
const ENCODING = "1";
/**
 * Longest link payload we make or accept. Links are pasted into chats and slides; browsers take
 * megabytes, but many chat tools cut links at some tens of kilobytes.
 */
export const MAX_LINK_CHARS = 60_000;
/** Inflating stops here: a few kilobytes of deflate can claim gigabytes (a "zip bomb"). */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

/** A link that cannot be made or read; the message is meant for the learner. */
export class ShareLinkError extends SavedStateError {
  constructor(message: string) {
    super(message);
    this.name = "ShareLinkError";
  }
}

/** The fragment payload for a session (without its scrollback); throws ShareLinkError when too big. */
export function encodeShareLink(session: SavedSession): string {
  const shared: SavedSession = { ...session, terminal: { history: session.terminal.history } };
  const payload = `${ENCODING}.${toBase64Url(deflateSync(strToU8(JSON.stringify(shared)), { level: 9 }))}`;
  if (payload.length > MAX_LINK_CHARS) {
    throw new ShareLinkError(
      `This sandbox is too big to share as a link (${kb(payload.length)} KB; links hold up to ${kb(MAX_LINK_CHARS)} KB). Use "Export to file" and share the file instead.`,
    );
  }
  return payload;
}

/** The session a link's payload carries. Throws ShareLinkError, and only that. */
export function decodeShareLink(payload: string): SavedSession {
  if (payload.length > MAX_LINK_CHARS) {
    throw new ShareLinkError(
      `the link is too long (${kb(payload.length)} KB; at most ${kb(MAX_LINK_CHARS)} KB)`,
    );
  }
  const dot = payload.indexOf(".");
  if (dot < 0 || payload.slice(0, dot) !== ENCODING) {
    throw new ShareLinkError("the link was not made by this version of Stateful Lab, or it was cut short");
  }
  let json: string;
  try {
    json = strFromU8(inflateBounded(fromBase64Url(payload.slice(dot + 1))));
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError("the link is damaged or incomplete (it does not decompress)");
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ShareLinkError("the link is damaged or incomplete (its contents are not valid JSON)");
  }
  try {
    // Links made here carry no scrollback; one written by hand does not get to draw a screen.
    const session = validateSession(value);
    return { ...session, terminal: { history: session.terminal.history } };
  } catch (error) {
    throw new ShareLinkError(`the link does not hold a usable sandbox: ${(error as Error).message}`);
  }
}

/** The payload in a URL fragment (`#sandbox=…`, possibly among other parameters), if any. */
export function shareLinkPayload(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  return params.get(SHARE_PARAM) ?? undefined;
}

/** The whole link: the page's address with the payload as its fragment. */
export function shareUrl(pageUrl: string, payload: string): string {
  const url = new URL(pageUrl);
  url.hash = `${SHARE_PARAM}=${payload}`;
  return url.href;
}

function inflateBounded(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > MAX_INFLATED_BYTES) {
      throw new ShareLinkError(`the link unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB`);
    }
    chunks.push(chunk);
    ended ||= final;
  });
  // Small pieces, so a bomb is stopped after at most one piece's worth of output.
  const PIECE = 1024;
  for (let at = 0; at < data.length; at += PIECE) {
    inflate.push(data.subarray(at, at + PIECE), at + PIECE >= data.length);
  }
  if (data.length === 0 || !ended)
    throw new ShareLinkError("the link is damaged or incomplete (it ends early)");
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  // In slices: String.fromCharCode with one argument per byte overflows the stack on big inputs.
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new ShareLinkError("the link is damaged (it has characters a share link never contains)");
  }
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const kb = (chars: number) => Math.ceil(chars / 1024);
