// Canonical JSON and rule-driven normalisation of Jira configuration bodies.
//
// Pure and deterministic: no Node built-ins, no clocks, no randomness, so it is safe to use
// inside Temporal workflow code as well as in activities.

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
  try {
    return writeValue(value);
  } catch (err) {
    throw located(err);
  }
}

// The writer builds strings by concatenation (V8 ropes) and carries no JSON pointer: a problem deep
// in the tree is thrown as a `Misplaced` that collects its path while unwinding (see `located`).
function writeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return JSON.stringify(requireFiniteNumber(value));
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (Array.isArray(value)) return writeArray(value);
  if (isPlainObject(value)) return writeObject(value);
  throw unsupportedValue(value);
}

function writeArray(items: readonly unknown[]): string {
  let out = '[';
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item === undefined) throw new Misplaced((where) => new TypeError(`canonical JSON: undefined array element at ${where}`)).at(String(index));
    if (index > 0) out += ',';
    try {
      out += writeValue(item);
    } catch (err) {
      throw at(err, String(index));
    }
  }
  return out + ']';
}

function writeObject(object: Record<string, unknown>): string {
  let out = '{';
  for (const key of sortedKeys(object)) {
    const member = object[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    try {
      out += JSON.stringify(key) + ':' + writeValue(member);
    } catch (err) {
      throw at(err, key);
    }
  }
  return out + '}';
}

/** Own keys in `compareCodePoints` order. */
function sortedKeys(object: Record<string, unknown>): string[] {
  const keys = Object.keys(object);
  if (keys.length < 2) return keys;
  // The built-in sort (UTF-16 code units) is much faster than a comparator and agrees with code
  // point order unless a key has a code unit from U+D800 up (rare in Jira's member names).
  keys.sort();
  for (const key of keys) {
    if (HIGH_CODE_UNIT.test(key)) return keys.sort(compareCodePoints);
  }
  return keys;
}

const HIGH_CODE_UNIT = /[\ud800-\uffff]/;

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
 * site links made site-relative, unordered arrays sorted. The input is not modified.
 */
export function normalize(value: unknown, rules: NormalizationRules): Json {
  return canonicalize(value, rules).canonical;
}

/**
 * `normalize` and `canonicalJson` of the result in one walk: `text === canonicalJson(canonical)`.
 * The copy's members are inserted in canonical order, so the built-in `JSON.stringify` writes the
 * canonical text, except when some object has an array-index-like key ("0", "12"): those it writes
 * first, in numeric order, so such bodies go through `canonicalJson`.
 */
export function canonicalize(value: unknown, rules: NormalizationRules): { canonical: Json; text: string } {
  const compiled = compileRules(rules);
  const walk: Walk = { rules: compiled, insertionOrderIsCanonical: true };
  let canonical: Json | undefined;
  try {
    canonical = normalizeNode(value, walk, [compiled.root]);
  } catch (err) {
    throw located(err);
  }
  if (canonical === undefined) throw new TypeError('normalize: the value is undefined');
  return { canonical, text: walk.insertionOrderIsCanonical ? JSON.stringify(canonical) : canonicalJson(canonical) };
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

/** One normalisation: the rules, and whether every kept key keeps `JSON.stringify` in insertion order. */
interface Walk {
  readonly rules: CompiledRules;
  insertionOrderIsCanonical: boolean;
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

/** Outside every pattern (most of a body): shared, so the walk allocates nothing for it. */
const NO_NODES: readonly PatternNode[] = Object.freeze([]);

/** Pattern nodes reached from `nodes` by one step along `segment`. */
function step(nodes: readonly PatternNode[], segment: string): readonly PatternNode[] {
  if (nodes.length === 0) return NO_NODES;
  const next: PatternNode[] = [];
  for (const node of nodes) {
    const exact = node.children.get(segment);
    if (exact !== undefined) next.push(exact);
    const any = node.children.get('*');
    if (any !== undefined && segment !== '*') next.push(any);
  }
  return next.length === 0 ? NO_NODES : next;
}

function normalizeNode(value: unknown, walk: Walk, nodes: readonly PatternNode[]): Json | undefined {
  if (typeof value === 'string') return nodes.length !== 0 && anyNode(nodes, 'siteLink') ? stripSiteOrigin(value) : value;
  if (typeof value === 'number') return requireFiniteNumber(value);
  if (value === null || typeof value === 'boolean') return value;
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return normalizeArray(value, walk, nodes);
  if (isPlainObject(value)) return normalizeObject(value, walk, nodes);
  throw unsupportedValue(value);
}

function normalizeArray(items: readonly unknown[], walk: Walk, nodes: readonly PatternNode[]): Json[] {
  const normalized: Json[] = [];
  for (let index = 0; index < items.length; index++) {
    let result: Json | undefined;
    try {
      result = normalizeNode(items[index], walk, nodes.length === 0 ? NO_NODES : step(nodes, String(index)));
    } catch (err) {
      throw at(err, String(index));
    }
    if (result === undefined) throw new Misplaced((where) => new TypeError(`normalize: undefined array element at ${where}`)).at(String(index));
    normalized.push(result);
  }
  const sortBy = nodes.length === 0 ? undefined : nodes.find((n) => n.sortBy !== undefined)?.sortBy;
  return sortBy === undefined ? normalized : sortUnordered(normalized, sortBy);
}

function normalizeObject(object: Record<string, unknown>, walk: Walk, nodes: readonly PatternNode[]): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const { volatileKeys, userProfileKeys } = walk.rules;
  const userObject = userProfileKeys.size > 0 && typeof object['accountId'] === 'string';
  // Canonical order, so the copy's insertion order is its canonical text's order.
  for (const key of sortedKeys(object)) {
    if (volatileKeys.has(key)) continue;
    if (userObject && userProfileKeys.has(key)) continue;
    const childNodes = step(nodes, key);
    if (childNodes.length !== 0 && anyNode(childNodes, 'drop')) continue;
    let member: Json | undefined;
    try {
      member = normalizeNode(object[key], walk, childNodes);
    } catch (err) {
      throw at(err, key);
    }
    if (member === undefined) continue;
    if (isArrayIndexLike(key)) walk.insertionOrderIsCanonical = false;
    setMember(out, key, member);
  }
  return out;
}

// A loop, not `nodes.some(…)`: no closure per visited node on the hot path.
function anyNode(nodes: readonly PatternNode[], flag: 'drop' | 'siteLink'): boolean {
  for (const node of nodes) if (node[flag]) return true;
  return false;
}

/** Keys JavaScript orders first, by number, whatever their insertion order (conservatively: any decimal integer). */
function isArrayIndexLike(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 0x30 && first <= 0x39 && /^(?:0|[1-9][0-9]*)$/.test(key);
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
    text: undefined as string | undefined,
  }));
  // The canonical text only breaks ties, so it is written only for elements that tie.
  const text = (d: (typeof decorated)[number]) => (d.text ??= canonicalJson(d.item));
  decorated.sort((a, b) => compareSortKeys(a.keys, b.keys) || compareCodePoints(text(a), text(b)));
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

function requireFiniteNumber(value: number): number {
  if (!Number.isFinite(value)) throw new Misplaced((where) => new RangeError(`JSON cannot represent the number ${value} at ${where}`));
  return value;
}

function unsupportedValue(value: unknown): Misplaced {
  const kind = typeof value === 'object' ? Object.prototype.toString.call(value) : typeof value;
  return new Misplaced((where) => new TypeError(`not plain JSON data: ${kind} at ${where}`));
}

/**
 * A problem found deep in a tree. The walks carry no JSON pointer (building one per node cost more
 * than the rest of the walk); instead each level adds its member name or index to the problem as it
 * unwinds, and `located` turns it into the error, naming where.
 */
class Misplaced extends Error {
  /** Member names and indices from the problem up to the root. */
  private readonly reversedPath: string[] = [];

  constructor(private readonly error: (where: string) => Error) {
    super('misplaced JSON value (reported with its location by `located`)');
  }

  at(segment: string): this {
    this.reversedPath.push(segment);
    return this;
  }

  toError(): Error {
    const pointer = this.reversedPath.reduceRight((path, token) => `${path}/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`, '');
    return this.error(pointer === '' ? 'the root' : `JSON pointer ${JSON.stringify(pointer)}`);
  }
}

// The walks call nothing that throws anything but errors (a `Misplaced`, or the engine's own).
function at(err: unknown, segment: string): Error {
  return err instanceof Misplaced ? err.at(segment) : (err as Error);
}

function located(err: unknown): Error {
  return err instanceof Misplaced ? err.toError() : (err as Error);
}
