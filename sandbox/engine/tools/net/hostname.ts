import type { Pod } from "kubernetes-types/core/v1";
import { podFqdn, podHostname } from "../../cluster/network/pod-dns.ts";
import type { PodTool } from "./nslookup.ts";

/**
 * `hostname` inside a pod (networking.md §5.3): the short name, `-f` the FQDN the kubelet wrote
 * into /etc/hosts (`web-0.nginx.default.svc.cluster.local` for a StatefulSet pod, else the short
 * name), `-d` its domain part, `-i` the pod IP.
 */
export const hostname: PodTool = async (ctx, pod) => {
  const flag = ctx.argv[1];
  const short = podHostname(pod);
  const fqdn = podFqdn(pod) ?? short;
  if (flag === undefined || flag === "-s") ctx.stdout(`${short}\n`);
  else if (flag === "-f") ctx.stdout(`${fqdn}\n`);
  else if (flag === "-d") ctx.stdout(`${fqdn.includes(".") ? fqdn.slice(fqdn.indexOf(".") + 1) : ""}\n`);
  else if (flag === "-i") ctx.stdout(`${(pod as unknown as Pod).status?.podIP ?? ""}\n`);
  else {
    ctx.stderr(`hostname: invalid option -- '${flag.replace(/^-+/, "")}'\n`);
    return 1;
  }
  return 0;
};
