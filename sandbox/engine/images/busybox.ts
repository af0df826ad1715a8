/**
 * busybox: one static binary providing the applets, `sh` as the default command. Run as a pod
 * with no command, `sh` finds no terminal and exits 0 at once, so the pod goes Completed →
 * CrashLoopBackOff: the classic first surprise, kept on purpose.
 */
import { BUSYBOX_APPLETS, BUSYBOX_PASSWD, BUSYBOX_PATH } from "./base-files.ts";
import { stableDigest } from "./log-time.ts";
import type { ImageSpec } from "./types.ts";

function busybox(
  version: string,
  tags: string[],
  sizeBytes: number,
  repository = "docker.io/library/busybox",
): ImageSpec {
  return {
    repository,
    tags,
    digest: stableDigest(`busybox:${version}`),
    sizeBytes,
    pullMs: 900,
    // busybox ships no /etc/os-release; `cat /etc/os-release` fails in it, as for real.
    os: `BusyBox v${version}`,
    shell: "sh",
    toolset: "busybox",
    commands: BUSYBOX_APPLETS,
    packageManager: "none",
    installable: {},
    env: { PATH: BUSYBOX_PATH },
    workingDir: "/",
    files: {
      "/etc/passwd": { content: BUSYBOX_PASSWD },
      "/etc/group": {
        content: "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nwww-data:x:33:\nnobody:x:65534:\n",
      },
      "/etc/localtime": { content: "" },
      "/root/.keep": { content: "" },
      "/tmp/.keep": { content: "" },
      "/var/www/.keep": { content: "" },
    },
    ports: [],
    process: {
      entrypoint: [],
      cmd: ["sh"],
      behaviour: { kind: "exit", afterMs: 0, exitCode: 0 },
      startMs: 200,
      readyAfterMs: 0,
      stopSignal: "SIGTERM",
      exitsOnStop: false,
      stopMs: 0,
      startupLog: () => [],
      shutdownLog: () => [],
    },
  };
}

export const BUSYBOX_IMAGES: readonly ImageSpec[] = [
  busybox("1.37.0", ["latest", "1.37", "1.37.0", "stable"], 2156518),
  busybox("1.36.1", ["1.36", "1.36.1"], 2152262),
  // The image of kubernetes.io's StatefulSet and DNS-debugging tutorials (`kubectl run -i --tty
  // --image busybox:1.28 dns-test --restart=Never --rm`), whose nslookup uses the search list.
  busybox("1.28.4", ["1.28", "1.28.4"], 727869),
  // kubernetes.io's liveness-probe task (exec-liveness.yaml: `image: registry.k8s.io/busybox`, no
  // tag): the old google-containers BusyBox 1.24 build, 1144547 bytes as kind's kubelet reports it.
  busybox("1.24.2", ["latest"], 1144547, "registry.k8s.io/busybox"),
];
