/**
 * ObjectMeta validation (apimachinery pkg/api/validation/objectmeta.go), run for every kind.
 * Map keys are visited in sorted order so that several errors always come out the same way.
 */
import type { ObjectMeta, OwnerReference } from "kubernetes-types/meta/v1";
import type { FieldError } from "../../errors.ts";
import { validateLabels } from "../selectors.ts";
import { forbidden, invalid, required, tooLong } from "./field.ts";
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from "./names.ts";

export type NameValidator = (name: string, prefix: boolean) => string[];

/** A generateName may end in '-': validate it as if the generated suffix were there. */
const masked = (check: (s: string) => string[]) => (name: string, prefix: boolean) =>
  check(prefix && name.endsWith("-") ? `${name.slice(0, -1)}a` : name);

export const nameIsDNSSubdomain: NameValidator = masked(isDNS1123Subdomain);
export const nameIsDNSLabel: NameValidator = masked(isDNS1123Label);
export const nameIsDNS1035Label: NameValidator = masked(isDNS1035Label);

const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;
export const FINALIZER_CONFLICT = "finalizer orphan and foregroundDeletion cannot be both set";

/**
 * Namespace names already found valid: every namespaced write names one of a handful, and checking
 * the same string against the pattern again each time was a measurable share of a big settle.
 */
const VALID_NAMESPACES = new Set<string>();

function rememberValidNamespace(namespace: string): void {
  if (VALID_NAMESPACES.size >= 1000) VALID_NAMESPACES.clear();
  VALID_NAMESPACES.add(namespace);
}

export function validateObjectMeta(
  meta: ObjectMeta,
  namespaced: boolean,
  nameFn: NameValidator,
): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of nameFn(meta.generateName, true))
      errs.push(invalid("metadata.generateName", meta.generateName, msg));
  }
  if (!meta.name) errs.push(required("metadata.name", "name or generateName is required"));
  else for (const msg of nameFn(meta.name, false)) errs.push(invalid("metadata.name", meta.name, msg));
  if (namespaced) {
    if (!meta.namespace) errs.push(required("metadata.namespace"));
    else if (!VALID_NAMESPACES.has(meta.namespace)) {
      const problems = isDNS1123Label(meta.namespace);
      for (const msg of problems) errs.push(invalid("metadata.namespace", meta.namespace, msg));
      if (problems.length === 0) rememberValidNamespace(meta.namespace);
    }
  } else if (meta.namespace) {
    errs.push(forbidden("metadata.namespace", "not allowed on this type"));
  }
  if ((meta.generation ?? 0) < 0) {
    errs.push(invalid("metadata.generation", meta.generation, "must be greater than or equal to 0"));
  }
  // Every write comes through here (an Event has none of these): skip what is not there.
  if (meta.labels) errs.push(...validateLabels(meta.labels, "metadata.labels"));
  if (meta.annotations) errs.push(...validateAnnotations(meta.annotations));
  if (meta.ownerReferences?.length) errs.push(...validateOwnerReferences(meta.ownerReferences));
  if (meta.finalizers?.length) errs.push(...validateFinalizers(meta.finalizers));
  return errs;
}

function validateAnnotations(annotations: Record<string, string> | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  const keys = Object.keys(annotations ?? {});
  let valid = true;
  for (const key of keys) {
    if (valid && isQualifiedName(key.toLowerCase()).length > 0) valid = false;
    size += key.length + annotations![key]!.length;
  }
  // Sorted only to report errors in a stable order: most writes have none.
  if (!valid) {
    for (const key of keys.sort()) {
      for (const msg of isQualifiedName(key.toLowerCase()))
        errs.push(invalid("metadata.annotations", key, msg));
    }
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B)
    errs.push(tooLong("metadata.annotations", TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

function validateOwnerReferences(refs: OwnerReference[]): FieldError[] {
  const errs: FieldError[] = [];
  const controllers: string[] = [];
  refs.forEach((ref, i) => {
    const p = `metadata.ownerReferences[${i}]`;
    if (!ref.apiVersion)
      errs.push(invalid(`${p}.apiVersion`, ref.apiVersion ?? "", "version must not be empty"));
    if (!ref.kind) errs.push(invalid(`${p}.kind`, ref.kind ?? "", "kind must not be empty"));
    if (!ref.name) errs.push(invalid(`${p}.name`, ref.name ?? "", "name must not be empty"));
    if (!ref.uid) errs.push(invalid(`${p}.uid`, ref.uid ?? "", "uid must not be empty"));
    if (ref.controller) controllers.push(`${ref.kind}/${ref.name}`);
  });
  if (controllers.length > 1) {
    errs.push(
      invalid(
        "metadata.ownerReferences",
        refs,
        `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(" and ")}`,
      ),
    );
  }
  return errs;
}

function validateFinalizers(finalizers: string[]): FieldError[] {
  const errs: FieldError[] = [];
  for (const name of finalizers) {
    for (const msg of isQualifiedName(name)) errs.push(invalid("metadata.finalizers", name, msg));
  }
  if (finalizers.includes("orphan") && finalizers.includes("foregroundDeletion")) {
    errs.push(invalid("metadata.finalizers", finalizers, FINALIZER_CONFLICT));
  }
  return errs;
}

/** ValidateObjectMetaUpdate: what may not change once an object exists. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const before = new Set(old.finalizers ?? []);
    const added = (meta.finalizers ?? []).filter((f) => !before.has(f));
    if (added.length > 0) {
      errs.push(
        forbidden(
          "metadata.finalizers",
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added
            .sort()
            .map((f) => JSON.stringify(f))
            .join(", ")}}`,
        ),
      );
    }
  }
  if ((meta.generation ?? 0) < (old.generation ?? 0)) {
    errs.push(invalid("metadata.generation", meta.generation, "must not be decremented"));
  }
  return errs;
}
