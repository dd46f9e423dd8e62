// The straightforward canonical JSON and normalisation that stored hashes were first computed with
// (domain/canonical-json.ts as of 74170bf), kept unchanged as the oracle for the optimised one: the
// differential property tests require the same text, hashes and errors for the same input.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------------------------------------
// Ordering
// ---------------------------------------------------------------------------------------------

/**
 * Compares two strings by Unicode code point, which is exactly the byte order of their UTF-8
 * encodings and the order PostgreSQL gives with `COLLATE "C"` on a UTF-8 database.
 *
 * Plain `<` on JS strings compares UTF-16 code units, which disagrees with UTF-8 byte order only
 * when one string has a character in U+E000..U+FFFF where the other has a surrogate pair
 * (U+10000 and above). Remapping the first differing code unit fixes exactly that case, so the one
 * order serves both canonical object keys and object keys in the store.
 * (RFC 8785 sorts by UTF-16 code units; we deliberately do not, so that one order is used
 * everywhere, including in SQL.)
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (U+D800..U+DFFF) above U+E000..U+FFFF, as their code points are. */
function codePointRank(codeUnit: number): number {
  if (codeUnit >= 0xe000) return codeUnit - 0x800;
  if (codeUnit >= 0xd800) return codeUnit + 0x2000;
  return codeUnit;
}

// ---------------------------------------------------------------------------------------------
// Canonical serialisation
// ---------------------------------------------------------------------------------------------

/**
 * Deterministic JSON text: object keys sorted by `compareCodePoints`, no whitespace, strings and
 * numbers exactly as `JSON.stringify` writes them (so `-0` becomes `0`; lone surrogates are
 * escaped as `\udxxx`, keeping the text valid UTF-8), object members whose value is `undefined`
 * dropped. Throws on non-finite numbers and on anything that is not plain JSON data.
 */
export function canonicalJson(value: Json): string {
  const parts: string[] = [];
  writeCanonical(value, '', parts);
  return parts.join('');
}

function writeCanonical(value: unknown, pointer: string, parts: string[]): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    parts.push(JSON.stringify(value));
  } else if (typeof value === 'number') {
    parts.push(JSON.stringify(requireFiniteNumber(value, pointer)));
  } else if (Array.isArray(value)) {
    writeCanonicalArray(value, pointer, parts);
  } else if (isPlainObject(value)) {
    writeCanonicalObject(value, pointer, parts);
  } else {
    throw unsupportedValue(value, pointer);
  }
}

function writeCanonicalArray(items: readonly unknown[], pointer: string, parts: string[]): void {
  parts.push('[');
  items.forEach((item, index) => {
    if (item === undefined) throw new TypeError(`canonical JSON: undefined array element at ${quotePointer(pointer, index)}`);
    if (index > 0) parts.push(',');
    writeCanonical(item, childPointer(pointer, String(index)), parts);
  });
  parts.push(']');
}

function writeCanonicalObject(object: Record<string, unknown>, pointer: string, parts: string[]): void {
  parts.push('{');
  let first = true;
  for (const key of Object.keys(object).sort(compareCodePoints)) {
    const member = object[key];
    if (member === undefined) continue;
    if (!first) parts.push(',');
    first = false;
    parts.push(JSON.stringify(key), ':');
    writeCanonical(member, childPointer(pointer, key), parts);
  }
  parts.push('}');
}

// ---------------------------------------------------------------------------------------------
// Normalisation rules
// ---------------------------------------------------------------------------------------------

/**
 * Path patterns are dot-separated member names relative to the object's root, e.g.
 * `lead.displayName` or `permissions.*.id`. A `*` segment matches any object key or any array
 * index; array items must be addressed with a segment (`*` or a literal index). Keys that contain
 * a dot cannot be addressed (none of the Jira shapes we normalise needs it).
 */
export type PathPattern = string;

export interface UnorderedArrayRule {
  /** Where the array lives. */
  readonly path: PathPattern;
  /**
   * Dotted sub-paths of each element to sort by, in priority order. Elements that tie on all of
   * them are ordered by their canonical JSON text, so the order is total; equal elements keep
   * their relative order (they are indistinguishable anyway).
   */
  readonly sortBy: readonly string[];
}

export interface NormalizationRules {
  /** Member names dropped wherever they appear in the tree (e.g. `self`, `avatarUrls`). */
  readonly volatileKeys: readonly string[];
  /** Object members dropped at exactly these paths (array items are never dropped). */
  readonly droppedPaths: readonly PathPattern[];
  /** Arrays that are sets in Jira's model: sorted. Every other array keeps the API's order. */
  readonly unorderedArrays: readonly UnorderedArrayRule[];
  /**
   * String values at these paths are links Jira generates to its own REST resources; they are
   * reduced to the site-relative path (see `stripSiteOrigin`) so a site rename or the choice of
   * gateway (`api.atlassian.com/ex/jira/{cloudId}` vs `<site>.atlassian.net`) is not drift.
   * User-entered URLs (e.g. Project `url`) are deliberately not listed: Jira stores them verbatim.
   */
  readonly siteLinkPaths: readonly PathPattern[];
  /**
   * Members dropped from user references (any object with a string `accountId`): profile data
   * such as display name or e-mail changes without any configuration change; the account id
   * stays. A drop list rather than a keep list, so a rule's parameter map that happens to have an
   * `accountId` member never loses its other members.
   */
  readonly userProfileKeys?: readonly string[];
}

/** True when `path` (member names / array indices from the root) matches `pattern`. */
export function pathMatches(pattern: PathPattern, path: readonly string[]): boolean {
  const segments = parsePattern(pattern);
  return segments.length === path.length && segments.every((segment, i) => segment === '*' || segment === path[i]);
}

/**
 * Reduces an absolute http(s) link to its site-relative path: drops scheme, host and port and the
 * `/ex/jira/{cloudId}` prefix of the API gateway. Anything else is returned unchanged.
 */
export function stripSiteOrigin(link: string): string {
  const match = /^https?:\/\/[^/?#]+(?:\/ex\/jira\/[^/?#]+(?=[/?#]|$))?/i.exec(link);
  if (match === null) return link;
  const rest = link.slice(match[0].length);
  return rest === '' ? '/' : rest;
}

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

/**
 * Returns a new, canonical-ready copy of `value` (which must be plain JSON data, e.g. from
 * `JSON.parse`): volatile members and members at dropped paths removed, user references reduced,
 * site links made site-relative, unordered arrays sorted. Object key order is left to
 * `canonicalJson`. The input is not modified.
 */
export function normalize(value: unknown, rules: NormalizationRules): Json {
  const compiled = compileRules(rules);
  const result = normalizeNode(value, compiled, [compiled.root], '');
  if (result === undefined) throw new TypeError('normalize: the value is undefined');
  return result;
}

/** A trie of path patterns; each node is one pattern prefix. */
interface PatternNode {
  readonly children: Map<string, PatternNode>;
  drop: boolean;
  siteLink: boolean;
  /** Sort keys of the first unordered-array rule ending here (first in declaration order wins). */
  sortBy: readonly (readonly string[])[] | undefined;
}

interface CompiledRules {
  readonly root: PatternNode;
  readonly volatileKeys: ReadonlySet<string>;
  readonly userProfileKeys: ReadonlySet<string>;
}

// Rules objects are long-lived constants; compile each once.
const compiledCache = new WeakMap<NormalizationRules, CompiledRules>();

function compileRules(rules: NormalizationRules): CompiledRules {
  const cached = compiledCache.get(rules);
  if (cached !== undefined) return cached;
  const root = newPatternNode();
  for (const pattern of rules.droppedPaths) patternNode(root, pattern).drop = true;
  for (const pattern of rules.siteLinkPaths) patternNode(root, pattern).siteLink = true;
  for (const rule of rules.unorderedArrays) {
    const node = patternNode(root, rule.path);
    node.sortBy ??= rule.sortBy.map(parsePattern);
  }
  const compiled: CompiledRules = {
    root,
    volatileKeys: new Set(rules.volatileKeys),
    userProfileKeys: new Set(rules.userProfileKeys ?? []),
  };
  compiledCache.set(rules, compiled);
  return compiled;
}

function newPatternNode(): PatternNode {
  return { children: new Map(), drop: false, siteLink: false, sortBy: undefined };
}

function patternNode(root: PatternNode, pattern: PathPattern): PatternNode {
  let node = root;
  for (const segment of parsePattern(pattern)) {
    let child = node.children.get(segment);
    if (child === undefined) {
      child = newPatternNode();
      node.children.set(segment, child);
    }
    node = child;
  }
  return node;
}

function parsePattern(pattern: PathPattern): string[] {
  const segments = pattern.split('.');
  if (segments.some((s) => s === '' || s === '**')) {
    throw new Error(`invalid path pattern ${JSON.stringify(pattern)}: use non-empty dot-separated segments, * for any`);
  }
  return segments;
}

/** Pattern nodes reached from `nodes` by one step along `segment`. */
function step(nodes: readonly PatternNode[], segment: string): PatternNode[] {
  const next: PatternNode[] = [];
  for (const node of nodes) {
    const exact = node.children.get(segment);
    if (exact !== undefined) next.push(exact);
    const any = node.children.get('*');
    if (any !== undefined && segment !== '*') next.push(any);
  }
  return next;
}

function normalizeNode(value: unknown, rules: CompiledRules, nodes: readonly PatternNode[], pointer: string): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return requireFiniteNumber(value, pointer);
  if (typeof value === 'string') return nodes.some((n) => n.siteLink) ? stripSiteOrigin(value) : value;
  if (Array.isArray(value)) return normalizeArray(value, rules, nodes, pointer);
  if (isPlainObject(value)) return normalizeObject(value, rules, nodes, pointer);
  throw unsupportedValue(value, pointer);
}

function normalizeArray(items: readonly unknown[], rules: CompiledRules, nodes: readonly PatternNode[], pointer: string): Json[] {
  const normalized = items.map((item, index) => {
    const result = normalizeNode(item, rules, step(nodes, String(index)), childPointer(pointer, String(index)));
    if (result === undefined) throw new TypeError(`normalize: undefined array element at ${quotePointer(pointer, index)}`);
    return result;
  });
  const sortBy = nodes.find((n) => n.sortBy !== undefined)?.sortBy;
  return sortBy === undefined ? normalized : sortUnordered(normalized, sortBy);
}

function normalizeObject(
  object: Record<string, unknown>,
  rules: CompiledRules,
  nodes: readonly PatternNode[],
  pointer: string,
): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const userObject = rules.userProfileKeys.size > 0 && typeof object['accountId'] === 'string';
  for (const key of Object.keys(object)) {
    if (rules.volatileKeys.has(key)) continue;
    if (userObject && rules.userProfileKeys.has(key)) continue;
    const childNodes = step(nodes, key);
    if (childNodes.some((n) => n.drop)) continue;
    const member = normalizeNode(object[key], rules, childNodes, childPointer(pointer, key));
    if (member !== undefined) setMember(out, key, member);
  }
  return out;
}

/** Plain assignment of `__proto__` would change the prototype instead of adding a member. */
function setMember(object: { [key: string]: Json }, key: string, value: Json): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

// ---------------------------------------------------------------------------------------------
// Sorting unordered arrays
// ---------------------------------------------------------------------------------------------

function sortUnordered(items: Json[], sortBy: readonly (readonly string[])[]): Json[] {
  const decorated = items.map((item) => ({
    item,
    keys: sortBy.map((path) => valueAt(item, path)),
    text: canonicalJson(item),
  }));
  decorated.sort((a, b) => compareSortKeys(a.keys, b.keys) || compareCodePoints(a.text, b.text));
  return decorated.map((d) => d.item);
}

function valueAt(value: Json, path: readonly string[]): Json | undefined {
  let current: Json | undefined = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current)
      ? current[Number(segment)]
      : Object.prototype.hasOwnProperty.call(current, segment)
        ? current[segment]
        : undefined;
  }
  return current;
}

function compareSortKeys(a: readonly (Json | undefined)[], b: readonly (Json | undefined)[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareSortValues(a[i], b[i]);
    if (order !== 0) return order;
  }
  return 0;
}

/** Missing < null < booleans < numbers < strings < arrays and objects (by canonical text). */
function compareSortValues(a: Json | undefined, b: Json | undefined): number {
  const rank = sortRank(a) - sortRank(b);
  if (rank !== 0 || a === undefined || a === null || b === undefined || b === null) return rank;
  if (typeof a === 'boolean' || typeof a === 'number') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  return compareCodePoints(canonicalJson(a), canonicalJson(b));
}

function sortRank(value: Json | undefined): number {
  if (value === undefined) return 0;
  if (value === null) return 1;
  switch (typeof value) {
    case 'boolean':
      return 2;
    case 'number':
      return 3;
    case 'string':
      return 4;
    default:
      return 5;
  }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function requireFiniteNumber(value: number, pointer: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`JSON cannot represent the number ${value} at ${quotePointer(pointer)}`);
  return value;
}

function unsupportedValue(value: unknown, pointer: string): TypeError {
  const kind = typeof value === 'object' ? Object.prototype.toString.call(value) : typeof value;
  return new TypeError(`not plain JSON data: ${kind} at ${quotePointer(pointer)}`);
}

/** Pointers are only for error messages, so skip the escaping work when nothing needs it. */
function childPointer(pointer: string, token: string): string {
  const escaped = /[~/]/.test(token) ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
  return `${pointer}/${escaped}`;
}

function quotePointer(pointer: string, index?: number): string {
  const full = index === undefined ? pointer : `${pointer}/${index}`;
  return full === '' ? 'the root' : `JSON pointer ${JSON.stringify(full)}`;
}
