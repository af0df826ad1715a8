/**
 * kubectl cluster-info (pkg/cmd/clusterinfo): the control plane address, then every kube-system
 * Service labelled kubernetes.io/cluster-service=true (CoreDNS in kind) through the API proxy.
 */
import type { Service } from "kubernetes-types/core/v1";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { HELP } from "../help/cluster-info.ts";
import { kubeconfigOf } from "../kubeconfig.ts";

export const clusterInfo: KubectlVerb = { flags: [], help: HELP, run };

async function run({ ctx }: KubectlInvocation): Promise<number> {
  const { cluster } = ctx.env;
  const server = kubeconfigOf(cluster).server;
  let text = `Kubernetes control plane is running at ${server}\n`;
  const services = cluster.api
    .list("Service", { namespace: "kube-system" })
    .filter((s) => s.metadata.labels?.["kubernetes.io/cluster-service"] === "true");
  for (const object of services) {
    const svc = object as unknown as Service;
    const name = object.metadata.labels?.["kubernetes.io/name"] ?? object.metadata.name;
    const port = svc.spec?.ports?.[0];
    const target = port?.name ? `${object.metadata.name}:${port.name}` : object.metadata.name;
    text += `${name} is running at ${server}/api/v1/namespaces/kube-system/services/${target}/proxy\n`;
  }
  text += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
  ctx.stdout(text);
  return 0;
}
