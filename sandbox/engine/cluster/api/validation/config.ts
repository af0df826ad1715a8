/** ConfigMap and Secret validation: key syntax, and `immutable: true` freezing the data. */
import type { FieldError } from "../../errors.ts";
import type { KubeObject } from "../../types.ts";
import { deepEqual } from "../equality.ts";
import { forbidden, invalid } from "./field.ts";
import { maxLenError } from "./names.ts";

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push(maxLenError(253));
  if (!CONFIG_KEY.test(key)) errs.push(CONFIG_KEY_MSG);
  if (key === ".") errs.push("must not be '.'");
  else if (key === "..") errs.push("must not be '..'");
  else if (key.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

export function validateConfigData(object: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const field of ["data", "binaryData", "stringData"]) {
    const data = (object[field] ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(data).sort()) {
      for (const msg of isConfigMapKey(key)) errs.push(invalid(`${field}[${key}]`, key, msg));
      if (object.kind === "ConfigMap" && field === "binaryData" && seen.has(key)) {
        errs.push(invalid(`${field}[${key}]`, key, "duplicate of key present in data"));
      }
      seen.add(key);
    }
  }
  return errs;
}

const IMMUTABLE_MSG = "field is immutable when `immutable` is set";

export function validateConfigUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (object.immutable !== true) errs.push(forbidden("immutable", IMMUTABLE_MSG));
  if (!deepEqual(object.data, old.data)) errs.push(forbidden("data", IMMUTABLE_MSG));
  if (!deepEqual(object.binaryData, old.binaryData)) errs.push(forbidden("binaryData", IMMUTABLE_MSG));
  if (object.kind === "Secret" && !deepEqual(object.type, old.type)) {
    errs.push(invalid("type", object.type, "field is immutable"));
  }
  return errs;
}
