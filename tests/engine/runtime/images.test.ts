import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IMAGE_CATALOGUE, lookupImage } from "../../../sandbox/engine/images/catalogue.ts";
import { NGINX_INDEX_HTML } from "../../../sandbox/engine/images/nginx.ts";
import { defaultPullPolicy, parseImageReference } from "../../../sandbox/engine/images/reference.ts";

const ctx = {
  now: Date.UTC(2026, 0, 1),
  podIP: "10.244.0.5",
  hostname: "web-0",
  cpus: 2,
  kernelVersion: "6.8.0",
};

describe("image references", () => {
  it("normalises Docker Hub short names as containerd does", () => {
    const cases: [string, string][] = [
      ["nginx", "docker.io/library/nginx:latest"],
      ["nginx:1.27", "docker.io/library/nginx:1.27"],
      ["bitnami/redis", "docker.io/bitnami/redis:latest"],
      ["registry.k8s.io/nginx-slim:0.8", "registry.k8s.io/nginx-slim:0.8"],
      ["localhost:5000/app:v1", "localhost:5000/app:v1"],
    ];
    for (const [input, normalized] of cases) {
      const parsed = parseImageReference(input);
      expect(parsed.ok && parsed.ref.normalized).toBe(normalized);
    }
  });

  it("rejects upper case with the kubelet's InvalidImageName message", () => {
    const parsed = parseImageReference("NGINX");
    expect(parsed).toEqual({
      ok: false,
      message:
        'Failed to apply default image tag "NGINX": couldn\'t parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase',
    });
  });

  it("defaults the pull policy from the tag", () => {
    expect(defaultPullPolicy("nginx")).toBe("Always");
    expect(defaultPullPolicy("nginx:latest")).toBe("Always");
    expect(defaultPullPolicy("nginx:1.27")).toBe("IfNotPresent");
  });
});

describe("image catalogue", () => {
  it("finds every tag of every image, and the tags do not collide", () => {
    const seen = new Set<string>();
    for (const image of IMAGE_CATALOGUE) {
      for (const tag of image.tags) {
        const key = `${image.repository}:${tag}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
        const found = lookupImage(key);
        expect(found.ok && found.image).toBe(image);
      }
    }
  });

  it("gives containerd's not-found error for an unknown tag", () => {
    const found = lookupImage("nginx:nope");
    expect(found.ok).toBe(false);
    expect(!found.ok && found.reason === "ErrImagePull" && found.pullError).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
    );
  });

  it("gives Docker Hub's access-denied error for an unknown repository", () => {
    const found = lookupImage("nginxx");
    expect(!found.ok && found.reason === "ErrImagePull" && found.pullError).toContain(
      "pull access denied, repository does not exist or may require authorization",
    );
  });

  it("ships nginx's 615-byte welcome page and no curl in the Debian image", () => {
    const found = lookupImage("nginx:1.27");
    if (!found.ok) throw new Error("nginx:1.27 missing");
    expect(found.image.files["/usr/share/nginx/html/index.html"]?.content).toBe(NGINX_INDEX_HTML);
    expect(new TextEncoder().encode(NGINX_INDEX_HTML).length).toBe(615);
    expect(found.image.commands).not.toContain("curl");
    expect(found.image.installable.curl?.commands).toEqual(["curl"]);
    expect(found.image.shell).toBe("bash");
  });

  it("prints nginx's start-up lines with one worker per CPU", () => {
    const found = lookupImage("nginx:1.27");
    if (!found.ok) throw new Error("nginx:1.27 missing");
    const lines = found.image.process.startupLog(ctx).map((l) => l.text);
    expect(lines[0]).toBe(
      "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    );
    expect(lines).toContain("2026/01/01 00:00:00 [notice] 1#1: nginx/1.27.5");
    expect(lines).toContain("2026/01/01 00:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ");
    expect(lines.filter((l) => l.includes("start worker process "))).toHaveLength(2);
  });

  it("makes busybox's default command exit 0 at once (the CrashLoopBackOff surprise)", () => {
    const found = lookupImage("busybox");
    expect(found.ok && found.image.process.behaviour).toEqual({ kind: "exit", afterMs: 0, exitCode: 0 });
    expect(found.ok && found.image.files["/etc/os-release"]).toBeUndefined();
  });

  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const found = lookupImage(s);
        expect(typeof found.ok).toBe("boolean");
      }),
    );
  });
});
