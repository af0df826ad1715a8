/**
 * `<namespace>/<name>` keys, made once per object and kept with their parts. Controllers key
 * their work queue, runtime state and wake-ups by such strings, and a key built afresh for every
 * write and every lookup is a new string to concatenate, flatten and hash each time (several
 * times a cheap map lookup). The same key comes back as the same string, whose hash V8 keeps,
 * and splitting it hands back the namespace and name strings the store already hashed.
 */

export interface KeyParts {
  readonly namespace: string;
  readonly name: string;
}

/** Keys by namespace then name, and the parts of each key made here. */
const keys = new Map<string, Map<string, string>>();
const partsOf = new Map<string, KeyParts>();
/** Past this many keys the tables start again, so a long session's deleted objects do not pile up. */
const MAX_KEYS = 100_000;

export function namespacedKey(namespace: string, name: string): string {
  let names = keys.get(namespace);
  if (!names) {
    names = new Map();
    keys.set(namespace, names);
  }
  let key = names.get(name);
  if (key === undefined) {
    if (partsOf.size >= MAX_KEYS) {
      keys.clear();
      partsOf.clear();
      keys.set(namespace, names);
      names.clear();
    }
    key = `${namespace}/${name}`;
    names.set(name, key);
    partsOf.set(key, { namespace, name });
  }
  return key;
}

/** The namespace (up to the first '/') and name of a key, as namespacedKey made it or as written. */
export function splitNamespacedKey(key: string): KeyParts {
  const found = partsOf.get(key);
  if (found) return found;
  const slash = key.indexOf("/");
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
