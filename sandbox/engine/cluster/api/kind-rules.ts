/**
 * The per-kind table the strategy consults: how names are checked, which defaults are filled,
 * and which spec rules apply. One entry per kind; the rules live beside their kind group in
 * defaults/ and validation/.
 */
import type { FieldError } from "../errors.ts";
import type { KubeObject } from "../types.ts";
import { type NameValidator, nameIsDNS1035Label, nameIsDNSLabel } from "./validation/meta.ts";

export interface KindRules {
  /** Name rule set (objects.md §3); DNS-1123 subdomain when left out. */
  name?: NameValidator;
  /** Fills defaults in place. */
  default?(object: KubeObject): void;
  validate?(object: KubeObject): FieldError[];
  /** Update rules (immutability); falls back to `validate` when left out. */
  validateUpdate?(object: KubeObject, old: KubeObject): FieldError[];
}

export const KIND_RULES: Record<string, KindRules> = {
  Namespace: {
    name: nameIsDNSLabel,
    // The namespace controller's finalizer: contents are deleted before the namespace goes (§9).
    default(ns) {
      ns.spec ??= {};
      const spec = ns.spec as { finalizers?: string[] };
      spec.finalizers ??= ["kubernetes"];
      ns.status = { phase: "Active", ...(ns.status as object | undefined) };
    },
  },
  StatefulSet: { name: nameIsDNSLabel },
  Service: { name: nameIsDNS1035Label },
};
