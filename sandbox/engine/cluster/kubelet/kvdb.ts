/**
 * The running statelab/kvdb servers (images/kvdb.ts describes the database): what a `kvdb-cli`
 * command sent to a pod gets back. Writes go to the primary's log and reach every running,
 * Ready replica of the same set at once; a replica refuses writes. The pod shell's `kvdb-cli`
 * resolves the host to a pod (DNS) and calls `kvdbRequest`.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { KVDB_DATA_FILE, KVDB_READONLY_ERROR, kvdbData, kvdbRole } from "../../images/kvdb.ts";
import type { Cluster } from "../cluster.ts";
import { isRunningAndReady } from "../controllers/pod-util.ts";
import type { KubeObject } from "../types.ts";
import { containerFilesystem } from "./filesystem.ts";

export interface KvdbReply {
  /** What kvdb-cli prints, newline included. */
  output: string;
  /** kvdb-cli's exit status: 0, or 1 for an error reply or no server. */
  status: number;
}

const hostnameOf = (pod: KubeObject) => (pod as unknown as Pod).spec?.hostname ?? pod.metadata.name;

function kvdbContainer(pod: KubeObject): string | undefined {
  return (pod as unknown as Pod).spec?.containers.find((c) => (c.image ?? "").includes("statelab/kvdb"))
    ?.name;
}

function logOf(cluster: Cluster, pod: KubeObject): string | undefined {
  const name = kvdbContainer(pod);
  const files = name ? containerFilesystem(cluster, pod, name) : undefined;
  if (!files) return undefined;
  return files.stat(KVDB_DATA_FILE)?.type === "file" ? files.readFile(KVDB_DATA_FILE) : "";
}

function append(cluster: Cluster, pod: KubeObject, line: string): void {
  const name = kvdbContainer(pod);
  const files = name ? containerFilesystem(cluster, pod, name) : undefined;
  if (!files) return;
  files.mkdir("/data", cluster.clock.now(), { parents: true });
  files.writeFile(KVDB_DATA_FILE, `${line}\n`, cluster.clock.now(), { append: true });
}

/** The running replicas following the primary `pod` (same set, same namespace, Ready). */
function followers(cluster: Cluster, pod: KubeObject): KubeObject[] {
  const who = kvdbRole(hostnameOf(pod));
  if (who.set === undefined) return [];
  return cluster.api
    .list("Pod", { namespace: pod.metadata.namespace })
    .filter(
      (p) =>
        p !== pod && kvdbRole(hostnameOf(p)).set === who.set && kvdbRole(hostnameOf(p)).role === "replica",
    )
    .filter(isRunningAndReady);
}

/** Runs one kvdb-cli command (`SET k v`, `GET k`, `DEL k`, `KEYS`, `ROLE`) against the server in `pod`. */
export function kvdbRequest(cluster: Cluster, pod: KubeObject, argv: string[]): KvdbReply {
  const log = logOf(cluster, pod);
  if (log === undefined) {
    return {
      output: `Could not connect to kvdb at ${hostnameOf(pod)}:7379: Connection refused\n`,
      status: 1,
    };
  }
  const who = kvdbRole(hostnameOf(pod));
  const [command = "", ...args] = argv;
  const data = kvdbData(log);
  switch (command.toUpperCase()) {
    case "GET":
      return { output: `${data.get(args[0] ?? "") ?? "(nil)"}\n`, status: 0 };
    case "KEYS":
      return {
        output:
          [...data.keys()]
            .sort()
            .map((k) => `${k}\n`)
            .join("") || "(empty)\n",
        status: 0,
      };
    case "ROLE":
      return {
        output: who.role === "primary" ? "primary\n" : `replica of ${who.set}-0\n`,
        status: 0,
      };
    case "SET":
    case "DEL": {
      if (who.role === "replica") return { output: `(error) ${KVDB_READONLY_ERROR}\n`, status: 1 };
      const [key, ...value] = args;
      if (key === undefined || (command.toUpperCase() === "SET" && value.length === 0)) {
        return {
          output: `(error) ERR wrong number of arguments for '${command.toLowerCase()}' command\n`,
          status: 1,
        };
      }
      const line = command.toUpperCase() === "SET" ? `SET ${key} ${value.join(" ")}` : `DEL ${key}`;
      append(cluster, pod, line);
      for (const replica of followers(cluster, pod)) append(cluster, replica, line);
      return {
        output: command.toUpperCase() === "SET" ? "OK\n" : `(integer) ${data.has(key) ? 1 : 0}\n`,
        status: 0,
      };
    }
    default:
      return { output: `(error) ERR unknown command '${command}'\n`, status: 1 };
  }
}
