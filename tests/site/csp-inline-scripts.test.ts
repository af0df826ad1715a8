import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { completePolicy } from "../../src/integrations/csp-inline-scripts.mjs";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const page = (head: string, body = "") =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"/>${head}</head><body>${body}</body></html>`;
const POLICY = `<meta http-equiv="content-security-policy" content="default-src 'self';script-src 'self' 'sha256-astro='; style-src 'self' 'unsafe-inline' ;">`;

describe("completing the page's Content-Security-Policy", () => {
  it("adds the hash of every inline script, keeps Astro's hashes and skips scripts with src", () => {
    const theme = "window.theme = 1;";
    const sidebar = "\n\t(() => sidebar())();\n";
    const html = page(
      `<script>${theme}</script>${POLICY}<script type="module" src="/_astro/a.js"></script>`,
      `<script aria-hidden="true">${sidebar}</script>`,
    );
    const policy = /content="([^"]*)"/.exec(completePolicy(html))?.[1] ?? "";
    const scriptSrc = policy.split("; ").find((d) => d.startsWith("script-src")) ?? "";
    expect(scriptSrc.split(" ").slice(1).sort()).toEqual(
      ["'self'", "'sha256-astro='", sha(theme), sha(sidebar)].sort(),
    );
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
  });

  it("moves the policy right after the charset, ahead of every script it must govern", () => {
    const html = page(`<title>x</title><script>early()</script>${POLICY}`);
    const completed = completePolicy(html);
    expect(completed.indexOf("content-security-policy")).toBeLessThan(completed.indexOf("<script>"));
    expect(completed.indexOf('<meta charset="utf-8"/>')).toBeLessThan(
      completed.indexOf("content-security-policy"),
    );
    expect(completed.match(/content-security-policy/g)).toHaveLength(1);
  });

  it("leaves a page without a policy alone", () => {
    const html = page("<script>x()</script>");
    expect(completePolicy(html)).toBe(html);
  });
});
