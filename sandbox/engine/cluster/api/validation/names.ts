/**
 * apimachinery's string validators (pkg/util/validation): each returns the list of problems,
 * empty when the value is fine. The texts are exact, including the two spaces before `or`.
 */

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
const QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;

const full = (source: string) => new RegExp(`^(?:${source})$`);
const RE_LABEL = full(DNS1123_LABEL);
const RE_SUBDOMAIN = full(DNS1123_SUBDOMAIN);
const RE_DNS1035 = full(DNS1035_LABEL);
const RE_QUALIFIED = full(QUALIFIED_NAME);
const RE_LABEL_VALUE = full(LABEL_VALUE);

export const maxLenError = (n: number) => `must be no more than ${n} characters`;

const SUBDOMAIN_MSG = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`;
const LABEL_MSG = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`;
const DNS1035_MSG = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_LABEL}')`;
const QUALIFIED_PART_MSG = `must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}')`;
const LABEL_KEY_MSG = `a valid label key ${QUALIFIED_PART_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
const LABEL_VALUE_MSG = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE}')`;

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!RE_LABEL.test(value)) errs.push(LABEL_MSG);
  return errs;
}

/**
 * Whether `value` matches DNS1123_SUBDOMAIN, by one scan of its characters: lower-case letters,
 * digits, '-' and '.', every dot-separated label starting and ending with a letter or digit.
 * Every write checks a name, and the pattern with its nested groups was a measurable part of
 * each Event's create (11,000 per 1,000-replica settle).
 */
function scansAsSubdomain(value: string): boolean {
  const alnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  const n = value.length;
  if (n === 0 || !alnum(value.charCodeAt(0)) || !alnum(value.charCodeAt(n - 1))) return false;
  for (let i = 1; i < n - 1; i++) {
    const c = value.charCodeAt(i);
    if (alnum(c) || c === 45) continue;
    if (c !== 46) return false;
    // A dot ends one label and starts the next: both sides must be letters or digits.
    if (!alnum(value.charCodeAt(i - 1)) || !alnum(value.charCodeAt(i + 1))) return false;
  }
  return true;
}

export function isDNS1123Subdomain(value: string): string[] {
  // The usual case, a valid name, without the pattern; problems are found and worded below.
  if (value.length <= 253 && scansAsSubdomain(value)) return [];
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!RE_SUBDOMAIN.test(value)) errs.push(SUBDOMAIN_MSG);
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!RE_DNS1035.test(value)) errs.push(DNS1035_MSG);
  return errs;
}

/**
 * Qualified names already found valid. Every labelled or annotated write checks its keys, and the
 * keys are a handful (app, controller-revision-hash, volume.kubernetes.io/selected-node…) checked
 * tens of thousands of times in a big settle.
 */
const VALID_QUALIFIED_NAMES = new Set<string>();

/** Label keys, annotation keys and finalizer names: `[prefix/]name`. */
export function isQualifiedName(value: string): string[] {
  if (VALID_QUALIFIED_NAMES.has(value)) return [];
  const errs = qualifiedNameErrors(value);
  if (errs.length === 0) {
    if (VALID_QUALIFIED_NAMES.size >= 1000) VALID_QUALIFIED_NAMES.clear();
    VALID_QUALIFIED_NAMES.add(value);
  }
  return errs;
}

function qualifiedNameErrors(value: string): string[] {
  const parts = value.split("/");
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    return [LABEL_KEY_MSG];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (name.length > 0 && !RE_QUALIFIED.test(name)) errs.push(`name part ${QUALIFIED_PART_MSG}`);
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!RE_LABEL_VALUE.test(value)) errs.push(LABEL_VALUE_MSG);
  return errs;
}
