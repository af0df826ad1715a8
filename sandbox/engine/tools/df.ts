/**
 * `df [-h] [-k] [PATH]...` inside a container: the mounts containerd gives a pod's container, with
 * sizes from its node (the node's disk for the overlay root and for volumes kept on it — claims of
 * local-path and hostPath, emptyDir, the kubelet's /etc/hosts — and tmpfs sized from its memory).
 * GNU coreutils (Debian images) aligns columns and shows one mount per device; BusyBox prints
 * fixed-width columns and every mount. Usage figures are the node's, fixed, not the files' sizes.
 */
import type { Node, Pod, Volume } from "kubernetes-types/core/v1";
import { parseQuantity } from "../cluster/storage/quantity.ts";
import { resolvePath } from "../fs/file-tree.ts";
import type { ToolContext } from "../shell/interpreter.ts";
import type { PodTarget } from "../shell/pod-shell.ts";
import { getopt } from "./getopt.ts";
import { isBusybox } from "./io.ts";

interface Mount {
  source: string;
  target: string;
  /** Same number, same device (GNU df shows one mount per device). */
  device: number;
  totalK: number;
  usedK: number;
  availK: number;
}

const SHM_K = 65536;
/** The kind node's disk holds this much already (images, etcd, logs). */
const DISK_USED_SHARE = 0.11;
/** ext4 keeps 5% for root: Available is that much less than Size - Used. */
const DISK_RESERVED_SHARE = 0.05;

function mounts(ctx: ToolContext, target: PodTarget): Mount[] {
  const pod = target.pod as unknown as Pod;
  const node = ctx.env.cluster.api.tryGet("Node", undefined, pod.spec?.nodeName ?? "") as unknown as
    | Node
    | undefined;
  const kib = (q: unknown, fallback: number) => Math.floor((parseQuantity(q) ?? fallback * 1024) / 1024);
  const diskK = kib(node?.status?.capacity?.["ephemeral-storage"], 102625208);
  const memoryK = kib(node?.status?.capacity?.memory, 8129288);
  const diskUsed = Math.floor(diskK * DISK_USED_SHARE);
  const disk = (source: string, targetPath: string, device: number): Mount => ({
    source,
    target: targetPath,
    device,
    totalK: diskK,
    usedK: diskUsed,
    availK: Math.floor(diskK * (1 - DISK_RESERVED_SHARE)) - diskUsed,
  });
  let nextDevice = 10;
  const tmpfs = (targetPath: string, sizeK: number, usedK = 0, source = "tmpfs"): Mount => ({
    source,
    target: targetPath,
    device: nextDevice++,
    totalK: sizeK,
    usedK,
    availK: sizeK - usedK,
  });
  const volumes = new Map<string, Volume>((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  const list: Mount[] = [disk("overlay", "/", 1), tmpfs("/dev", SHM_K)];
  // The kubelet's files come from its pod directory on the node's disk.
  for (const path of ["/etc/hosts", "/dev/termination-log", "/etc/hostname", "/etc/resolv.conf"])
    list.push(disk("/dev/root", path, 2));
  list.push(tmpfs("/dev/shm", SHM_K, 0, "shm"));
  for (const mount of target.container.volumeMounts ?? []) {
    const volume = volumes.get(mount.name);
    if (volume?.projected || volume?.secret) list.push(tmpfs(mount.mountPath, memoryK, 12));
    else if (volume?.emptyDir?.medium === "Memory") list.push(tmpfs(mount.mountPath, memoryK / 2));
    else list.push(disk("/dev/root", mount.mountPath, 2));
  }
  // containerd masks these kernel paths with empty read-only tmpfs mounts.
  for (const path of ["/proc/acpi", "/proc/scsi", "/sys/firmware"])
    list.push(tmpfs(path, Math.floor(memoryK / 2)));
  return list;
}

/** GNU's -h: powers of 1024, one decimal under 10, rounded up. */
function gnuHuman(k: number): string {
  if (k === 0) return "0";
  const units = ["K", "M", "G", "T"];
  let value = k;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : String(Math.ceil(value));
  return `${text}${units[unit]}`;
}

/** BusyBox's make_human_readable_str: one decimal, `0` for nothing. */
function busyboxHuman(k: number): string {
  if (k === 0) return "0";
  const units = ["K", "M", "G", "T"];
  let value = k;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)}${units[unit]}`;
}

export async function df(ctx: ToolContext, target: PodTarget): Promise<number> {
  const options = getopt(ctx, {
    flags: "hkaTPm",
    long: { "human-readable": "h", all: "a", portability: "P" },
  });
  if (typeof options === "number") return options;
  const human = options.flags.has("h");
  const busybox = isBusybox(ctx);
  const all = mounts(ctx, target);
  let shown: Mount[];
  let status = 0;
  if (options.operands.length > 0) {
    shown = [];
    for (const operand of options.operands) {
      const path = resolvePath(ctx.shell.cwd, operand);
      if (!ctx.shell.fs.stat(path)) {
        ctx.stderr(
          busybox
            ? `df: ${operand}: No such file or directory\n`
            : `df: ${operand}: No such file or directory\n`,
        );
        status = 1;
        continue;
      }
      const containing = all
        .filter((m) => path === m.target || path.startsWith(m.target === "/" ? "/" : `${m.target}/`))
        .sort((a, b) => b.target.length - a.target.length)[0];
      if (containing) shown.push(containing);
    }
  } else if (busybox || options.flags.has("a")) {
    shown = all;
  } else {
    // GNU df shows one mount per device: the one with the shortest mount point.
    shown = all.filter(
      (m) => !all.some((o) => o !== m && o.device === m.device && o.target.length < m.target.length),
    );
  }
  if (shown.length === 0) return status;
  const pct = (m: Mount) => (m.usedK === 0 ? 0 : Math.ceil((m.usedK * 100) / (m.usedK + m.availK)));
  if (busybox) {
    ctx.stdout(
      human
        ? "Filesystem                Size      Used Available Use% Mounted on\n"
        : "Filesystem           1K-blocks      Used Available Use% Mounted on\n",
    );
    const cell = (k: number) => (human ? busyboxHuman(k) : String(k)).padStart(9);
    for (const m of shown) {
      const source = m.source.length > 20 ? `${m.source}\n${" ".repeat(20)}` : m.source.padEnd(20);
      ctx.stdout(
        `${source} ${cell(m.totalK)} ${cell(m.usedK)} ${cell(m.availK)} ${String(pct(m)).padStart(3)}% ${m.target}\n`,
      );
    }
    return status;
  }
  const headers = [
    "Filesystem",
    human ? "Size" : "1K-blocks",
    "Used",
    human ? "Avail" : "Available",
    "Use%",
    "Mounted on",
  ];
  const rows = shown.map((m) => [
    m.source,
    human ? gnuHuman(m.totalK) : String(m.totalK),
    human ? gnuHuman(m.usedK) : String(m.usedK),
    human ? gnuHuman(m.availK) : String(m.availK),
    `${pct(m)}%`,
    m.target,
  ]);
  // coreutils' minimum widths: 14 for the source, 5 for the numbers, 4 for Use%.
  const minimum = [14, 5, 5, 5, 4, 0];
  const widths = headers.map((h, i) => Math.max(minimum[i]!, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `${cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : i === cells.length - 1 ? c : c.padStart(widths[i]!)))
      .join(" ")}\n`;
  ctx.stdout(line(headers));
  for (const row of rows) ctx.stdout(line(row));
  return status;
}
