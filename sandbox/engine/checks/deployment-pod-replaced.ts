import { find, missing, NAMESPACE_PARAM, namespaceOf, readyReplicas, specReplicas } from "./objects.ts";
import { str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/**
 * A pod of the Deployment was deleted, a pod with a *new* name was created after it, and the
 * Deployment is back to full strength: interchangeable pods, seen in the history.
 */
export const deploymentPodReplaced: Check = {
  name: "deployment-pod-replaced",
  description:
    "A pod of Deployment `deployment` was deleted, a replacement with another name was created, and all replicas are Ready.",
  params: {
    deployment: { type: "string", description: "The Deployment's name." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "deployment");
    const deployment = find(ctx, "Deployment", namespace, name);
    if (!deployment) return fail(missing(ctx, "Deployment", namespace, name));
    // Deployment pods are `<name>-<template hash>-<suffix>`.
    const ownPod = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-[a-z0-9]+-[a-z0-9]{5}$`);
    const entries = ctx.cluster.history
      .entries({ kind: "Pod", namespace })
      .filter((e) => ownPod.test(e.name));
    const deletion = entries.findIndex((e) => e.terminating || e.type === "DELETED");
    if (deletion < 0) return fail(`No pod of Deployment ${name} has been deleted yet`);
    const gone = entries[deletion]!.name;
    const replacement = entries.slice(deletion).find((e) => e.type === "ADDED" && e.name !== gone);
    if (!replacement) return fail(`${gone} was deleted; no replacement yet`);
    if (readyReplicas(deployment) !== specReplicas(deployment)) {
      return fail(`${replacement.name} replaced ${gone}; waiting for all pods to be Ready`);
    }
    return pass(`${gone} was replaced by ${replacement.name}`);
  },
};
