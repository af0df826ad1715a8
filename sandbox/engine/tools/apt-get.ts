/**
 * `apt-get update` and `apt-get install [-y] PKG...` in the Debian images, for the lesson step
 * "the image has no curl: install it". Installing writes the package's programs into the
 * container's own filesystem (/usr/bin), so they are on PATH from then on and gone after a
 * restart, exactly as with a real writable layer. The transcript is a faithful Debian 12 session
 * in shape; package versions and sizes are representative.
 */
import type { Tool } from "../shell/interpreter.ts";

/** Where `apt-get update` leaves its lists; install refuses to find packages until they exist. */
export const APT_LISTS_MARKER = "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease";

const UPDATE_OUTPUT = `Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]
Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]
Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]
Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8792 kB]
Get:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [6924 B]
Get:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [273 kB]
Fetched 9326 kB in 1s (7142 kB/s)
Reading package lists... Done
`;

const VERSIONS: Record<string, { version: string; kb: number }> = {
  curl: { version: "7.88.1-10+deb12u12", kb: 315 },
  wget: { version: "1.21.3-1+deb12u1", kb: 937 },
  procps: { version: "2:4.0.2-3", kb: 709 },
  "iputils-ping": { version: "3:20221126-1+deb12u1", kb: 47 },
  dnsutils: { version: "1:9.18.33-1~deb12u2", kb: 216 },
  "bind9-dnsutils": { version: "1:9.18.33-1~deb12u2", kb: 403 },
  "netcat-openbsd": { version: "1.219-1", kb: 41 },
  iproute2: { version: "6.1.0-3", kb: 1044 },
  "net-tools": { version: "2.10-0.1", kb: 243 },
  vim: { version: "2:9.0.1378-2+deb12u2", kb: 1568 },
  less: { version: "590-2.1~deb12u2", kb: 132 },
};

const PREAMBLE =
  "Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n";

export const aptGet: Tool = (ctx) => aptLike(ctx, "apt-get");

/**
 * `apt`: apt-get's friendlier front end. Into a pipe it warns that its output is not for
 * scripts; after `update` it says whether anything can be upgraded.
 */
export const apt: Tool = (ctx) => {
  if (!ctx.stdoutIsTerminal) {
    ctx.stderr("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
  }
  return aptLike(ctx, "apt");
};

async function aptLike(ctx: Parameters<Tool>[0], program: "apt" | "apt-get"): Promise<number> {
  const { shell } = ctx;
  const args = ctx.argv.slice(1).filter((a) => !/^-(y|q+|-yes|-assume-yes|-no-install-recommends)$/.test(a));
  const yes = ctx.argv.some((a) => a === "-y" || a === "--yes" || a === "--assume-yes");
  const [action, ...packages] = args;
  const now = () => shell.now();
  if (action === "update") {
    await ctx.env.time.wait(1500, ctx.signal);
    ctx.stdout(UPDATE_OUTPUT);
    if (program === "apt")
      ctx.stdout(
        "Building dependency tree... Done\nReading state information... Done\nAll packages are up to date.\n",
      );
    shell.fs.mkdir("/var/lib/apt/lists", now(), { parents: true });
    shell.fs.writeFile(APT_LISTS_MARKER, "", now());
    return 0;
  }
  if (action !== "install") {
    ctx.stderr(action === undefined ? "E: No command given\n" : `E: Invalid operation ${action}\n`);
    return 100;
  }
  ctx.stdout(PREAMBLE);
  const updated = shell.fs.stat(APT_LISTS_MARKER) !== undefined;
  const missing = packages.find((p) => !updated || VERSIONS[p] === undefined);
  if (missing !== undefined) {
    ctx.stderr(`E: Unable to locate package ${missing}\n`);
    return 100;
  }
  const fresh = packages.filter((p) => !shell.fs.stat(`/var/lib/dpkg/info/${p}.list`));
  for (const p of packages.filter((x) => !fresh.includes(x))) {
    ctx.stdout(`${p} is already the newest version (${VERSIONS[p]!.version}).\n`);
  }
  if (fresh.length === 0) {
    ctx.stdout("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
    return 0;
  }
  const kb = fresh.reduce((sum, p) => sum + VERSIONS[p]!.kb, 0);
  ctx.stdout(
    `The following NEW packages will be installed:\n  ${fresh.join(" ")}\n` +
      `0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\n` +
      `Need to get ${kb} kB of archives.\nAfter this operation, ${Math.round(kb * 1.6)} kB of additional disk space will be used.\n`,
  );
  if (!yes) {
    // At a terminal the learner answers the question; Enter means yes. Without one, apt aborts.
    if (!ctx.stdinIsTerminal) {
      ctx.stdout("Do you want to continue? [Y/n] Abort.\n");
      return 1;
    }
    ctx.stdout("Do you want to continue? [Y/n] Y\n");
  }
  fresh.forEach((p, i) => {
    const v = VERSIONS[p]!;
    ctx.stdout(
      `Get:${i + 1} http://deb.debian.org/debian bookworm/main amd64 ${p} amd64 ${v.version} [${v.kb} kB]\n`,
    );
  });
  ctx.stderr("debconf: delaying package configuration, since apt-utils is not installed\n");
  await ctx.env.time.wait(2000, ctx.signal);
  ctx.stdout(`Fetched ${kb} kB in 0s (${kb * 20} kB/s)\n`);
  for (const [i, p] of fresh.entries()) {
    const v = VERSIONS[p]!;
    ctx.stdout(`Selecting previously unselected package ${p}.\n`);
    if (i === 0) ctx.stdout("(Reading database ... 7582 files and directories currently installed.)\n");
    ctx.stdout(
      `Preparing to unpack .../${p}_${v.version.replace(/^\d+:/, "")}_amd64.deb ...\nUnpacking ${p} (${v.version}) ...\n`,
    );
  }
  for (const p of fresh) ctx.stdout(`Setting up ${p} (${VERSIONS[p]!.version}) ...\n`);
  const installable = shell.installable ?? {};
  shell.fs.mkdir("/var/lib/dpkg/info", now(), { parents: true });
  shell.fs.mkdir("/usr/bin", now(), { parents: true });
  for (const p of fresh) {
    shell.fs.writeFile(`/var/lib/dpkg/info/${p}.list`, "", now());
    for (const command of installable[p]?.commands ?? []) {
      shell.fs.writeFile(`/usr/bin/${command}`, "", now());
      const node = shell.fs.stat(`/usr/bin/${command}`);
      if (node) node.mode = 0o755;
    }
  }
  shell.refreshCommands?.();
  return 0;
}
