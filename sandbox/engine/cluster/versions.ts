/** The versions the emulated cluster reports: kind's node image for Kubernetes 1.34. */
export const SERVER_VERSION = {
  major: "1",
  minor: "34",
  gitVersion: "v1.34.0",
  gitCommit: "f28b4c9efbca5c5c0af716d9f2d5702667ee8a45",
  gitTreeState: "clean",
  buildDate: "2025-08-27T10:13:48Z",
  goVersion: "go1.24.6",
  compiler: "gc",
  platform: "linux/amd64",
} as const;

export const KUBELET_VERSION = SERVER_VERSION.gitVersion;
