/**
 * Decoding a patched object back into its Go type (apiserver endpoints/handlers/patch.go): a patch
 * that leaves a field with the wrong JSON type (`{"spec":{"replicas":"two"}}`) is refused as an
 * Invalid error about `patch`, with no kind and no name, so kubectl prints
 * `The request is invalid: patch: Invalid value: "<…>": <decoder error>`.
 * - merge and JSON patches decode the patched object's JSON: the value shown is that JSON (Go's
 *   map encoding: sorted keys, compact) and the error is encoding/json's UnmarshalTypeError;
 * - strategic merge patches convert the patched map with the unstructured converter: the value
 *   shown is the patch itself printed with %+v, and the converter words the error its own way.
 */
import { goJson } from "../controllers/hash.ts";
import { type ApiError, invalidError } from "../errors.ts";
import type { KubeObject } from "../types.ts";
import type { PatchType } from "./patch.ts";
import { strictDecodingError } from "./schema.ts";
import { goQuote } from "./validation/field.ts";

const TYPE_ERROR = /^json: cannot unmarshal (\w+) into Go struct field \S+ of type (.+)$/;

/** The error the server answers a patch with when `patched` does not decode, else undefined. */
export function patchDecodeError(
  patched: KubeObject,
  type: PatchType,
  patch: unknown,
  version: string,
): ApiError | undefined {
  const problem = strictDecodingError(patched, version);
  // strictDecodingError puts a type error first, after the create handler's prefix.
  const at = problem?.indexOf(": json: cannot unmarshal") ?? -1;
  if (problem === undefined || at < 0) return undefined;
  const decodeError = problem.slice(at + 2);
  const [value, detail] =
    type === "strategic" ? [goSprint(patch), converterError(decodeError)] : [goJson(patched), decodeError];
  const message = `patch: Invalid value: ${goQuote(value)}: ${detail}`;
  return invalidError({ kind: "", group: "", name: "" }, [
    { field: "patch", type: "Invalid value", message },
  ]);
}

/**
 * runtime.DefaultUnstructuredConverter's words for the same mismatch (converter.go
 * fromUnstructured). Integers reach it as int64, objects as maps and lists as slices.
 */
function converterError(decodeError: string): string {
  const match = TYPE_ERROR.exec(decodeError);
  if (!match) return decodeError;
  const [, jsonType = "", goType = ""] = match;
  const kind = { number: "int64", array: "slice", object: "map" }[jsonType] ?? jsonType;
  if (goType.startsWith("[]")) return `cannot restore slice from ${kind}`;
  if (goType.startsWith("map[")) return `cannot restore map from ${kind}`;
  if (goType.startsWith("v1.")) return `cannot restore struct from: ${kind}`;
  // Go converts an integer to a string (then refuses it); nothing else converts to a scalar.
  if (goType === "string" && kind === "int64") return "cannot convert int64 to string";
  return `unrecognized type: ${goType}`;
}

/** fmt's %+v for what JSON decodes into: `map[k:v …]` with sorted keys, `[a b]`, `<nil>`. */
function goSprint(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goSprint).join(" ")}]`;
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `map[${keys.map((k) => `${k}:${goSprint(record[k])}`).join(" ")}]`;
  }
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : goFloat(value);
  return String(value);
}

/** %v of a float64: strconv's shortest 'g' form, with an exponent from 1e+06 and below 1e-04. */
function goFloat(value: number): string {
  const [mantissa = "", exponent = "0"] = value.toExponential().split("e");
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(value);
}
