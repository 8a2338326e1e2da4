/**
 * EventBridge event-pattern matching, following the documented content
 * filtering semantics: exact values, arrays as OR, nested objects, array
 * fields matching when any element matches, and the operators prefix,
 * suffix, anything-but, numeric, exists, equals-ignore-case, wildcard, cidr
 * and $or.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Pattern = Record<string, unknown>;

const OPERATORS = new Set(['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'wildcard', 'cidr']);

export class PatternError extends Error {
  override name = 'InvalidEventPatternException';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Throws PatternError for patterns EventBridge refuses at PutRule, so a
 * pattern that works offline also deploys. The rules are event-ruler's
 * (the engine EventBridge runs): JsonRuleCompiler, CIDR and WildcardParser.
 */
export function validatePattern(pattern: unknown, path = ''): void {
  if (!isObject(pattern)) throw new PatternError(`Event pattern ${path || 'root'} must be an object`);
  // An empty object would match everything below it.
  if (Object.keys(pattern).length === 0) throw new PatternError(path ? `${path}: empty objects are not allowed` : 'Event pattern must not be empty');
  for (const [key, value] of Object.entries(pattern)) {
    const here = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) throw new PatternError(`$or at ${here} needs an array of at least two patterns`);
      value.forEach((p, i) => validatePattern(p, `${here}[${i}]`));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new PatternError(`${here}: an empty array matches nothing`);
      for (const v of value) {
        if (isObject(v)) validateOperator(v, here);
        else if (Array.isArray(v)) throw new PatternError(`${here}: match values must be strings, numbers, true, false or null`);
      }
    } else if (isObject(value)) {
      validatePattern(value, here);
    } else {
      throw new PatternError(`${here}: match values must be in an array`);
    }
  }
}

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** `{ "equals-ignore-case": "…" }` and nothing else, as prefix and suffix take it. */
function isIgnoreCaseOnly(v: unknown): v is { 'equals-ignore-case': string } {
  return isObject(v) && Object.keys(v).length === 1 && typeof v['equals-ignore-case'] === 'string';
}

function validateOperator(op: Record<string, unknown>, path: string) {
  const keys = Object.keys(op);
  if (keys.length !== 1 || !OPERATORS.has(keys[0]!)) throw new PatternError(`${path}: unknown operator ${JSON.stringify(op)} (one operator per object)`);
  const [name, arg] = [keys[0]!, op[keys[0]!]];
  const fail = (why: string): never => {
    throw new PatternError(`${path}: ${name} ${why}`);
  };
  switch (name) {
    case 'exists':
      if (typeof arg !== 'boolean') fail('takes true or false');
      break;
    case 'numeric':
      validateNumeric(arg, fail);
      break;
    case 'prefix':
    case 'suffix':
      if (isObject(arg)) {
        if (!isIgnoreCaseOnly(arg)) fail('takes a string or { "equals-ignore-case": string } alone');
      } else if (!nonEmptyString(arg)) fail('takes a non-empty string');
      break;
    case 'equals-ignore-case':
      if (typeof arg !== 'string') fail('takes a string');
      break;
    case 'wildcard':
      if (typeof arg !== 'string') fail('takes a string');
      validateWildcard(arg as string, fail);
      break;
    case 'cidr':
      if (typeof arg !== 'string' || !parseCidr(arg)) fail('takes an IPv4 block (mask 0–31) or an IPv6 block (mask 0–127) such as 10.0.0.0/24 or 2001:db8::/32');
      break;
    case 'anything-but':
      validateAnythingBut(arg, fail);
      break;
  }
}

function validateNumeric(arg: unknown, fail: (why: string) => never) {
  if (!Array.isArray(arg)) fail('takes an array');
  const a = arg as unknown[];
  const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (a.length === 2) {
    if (!['<', '<=', '=', '>', '>='].includes(a[0] as string) || !isNum(a[1])) fail('takes [operator, number]');
    return;
  }
  // A range: one lower bound, then one upper bound, the bottom below the top.
  if (a.length !== 4 || !['>', '>='].includes(a[0] as string) || !['<', '<='].includes(a[2] as string) || !isNum(a[1]) || !isNum(a[3])) {
    fail('takes [">" or ">=", number, "<" or "<=", number] for a range');
  }
  if ((a[1] as number) >= (a[3] as number)) fail('range bottom must be below its top');
}

function validateWildcard(w: string, fail: (why: string) => never) {
  for (let i = 0; i < w.length; i++) {
    if (w[i] === '*' && w[i + 1] === '*') fail('has consecutive wildcard characters');
    if (w[i] === '\\') {
      if (w[i + 1] !== '*' && w[i + 1] !== '\\') fail('has an invalid escape (only \\* and \\\\)');
      i++;
    }
  }
}

function validateAnythingBut(arg: unknown, fail: (why: string) => never) {
  if (isObject(arg)) {
    const k = Object.keys(arg);
    if (k.length !== 1 || !['prefix', 'suffix', 'wildcard', 'equals-ignore-case'].includes(k[0]!)) fail('takes prefix, suffix, wildcard or equals-ignore-case alone');
    const inner = arg[k[0]!];
    const values = Array.isArray(inner) ? inner : [inner];
    if (values.length === 0) fail('takes at least one value');
    for (const v of values) {
      if (typeof v !== 'string') fail(`${k[0]} takes strings`);
      if ((k[0] === 'prefix' || k[0] === 'suffix') && v === '') fail(`${k[0]} must not be empty`);
      if (k[0] === 'wildcard') validateWildcard(v as string, fail);
    }
    return;
  }
  if (typeof arg === 'string' || (typeof arg === 'number' && Number.isFinite(arg))) return;
  if (!Array.isArray(arg)) fail('takes a string, a number, or a list of either');
  const list = arg as unknown[];
  const strings = list.every((v) => typeof v === 'string');
  const numbers = list.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (list.length === 0 || !(strings || numbers)) fail('takes a non-empty list of strings or of numbers, not both');
}

/** Does `event` match `pattern`? */
export function matches(pattern: Pattern, event: Record<string, unknown>): boolean {
  return matchObject(pattern, event);
}

/** An event field's values: arrays of arrays are flattened, as EventBridge reads them. */
const valuesOf = (field: unknown): unknown[] => (Array.isArray(field) ? field.flat(Infinity) : [field]);

function matchObject(pattern: Pattern, value: unknown): boolean {
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!(sub as Pattern[]).some((alt) => matchObject(alt, value))) return false;
      continue;
    }
    const field = isObject(value) ? value[key] : undefined;
    const present = isObject(value) && Object.hasOwn(value, key);
    if (Array.isArray(sub)) {
      if (!matchLeaf(sub, field, present)) return false;
    } else if (isObject(sub)) {
      // A nested pattern against an array of objects matches when one element matches all of it.
      if (!valuesOf(field).some((c) => matchObject(sub, c))) return false;
    }
  }
  return true;
}

function matchLeaf(rules: unknown[], field: unknown, present: boolean): boolean {
  // `exists` speaks of leaf values: an object or an empty array is not a leaf value.
  const leaves = (present ? valuesOf(field) : []).filter((v): v is Json => !isObject(v) && !Array.isArray(v));
  return rules.some((rule) => {
    if (isObject(rule)) {
      if ('exists' in rule) return rule.exists ? leaves.length > 0 : leaves.length === 0;
      if ('anything-but' in rule) return leaves.some((v) => !anythingButExcludes(rule['anything-but'], v));
      return leaves.some((v) => matchOperator(rule, v));
    }
    return leaves.some((v) => equalValue(rule as Json, v));
  });
}

/** Exact match; IP addresses compare as addresses (`2001:db8::1` is `2001:0db8:0:0:0:0:0:1`), as in event-ruler. */
function equalValue(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const [x, y] = [parseIp(a), parseIp(b)];
  return x !== undefined && y !== undefined && x.v6 === y.v6 && x.n === y.n;
}

function matchOperator(rule: Record<string, unknown>, v: Json): boolean {
  const [name, arg] = Object.entries(rule)[0]!;
  if (name === 'numeric') return typeof v === 'number' && numeric(arg as Array<string | number>, v);
  if (typeof v !== 'string') return false;
  switch (name) {
    case 'prefix':
      return typeof arg === 'string' ? v.startsWith(arg) : ignoreCase(String((arg as Pattern)['equals-ignore-case']), v, 'prefix');
    case 'suffix':
      return typeof arg === 'string' ? v.endsWith(arg) : ignoreCase(String((arg as Pattern)['equals-ignore-case']), v, 'suffix');
    case 'equals-ignore-case':
      return ignoreCase(String(arg), v, 'whole');
    case 'wildcard':
      return wildcard(String(arg)).test(v);
    case 'cidr':
      return inCidr(String(arg), v);
    default:
      return false;
  }
}

/** true when `v` is one of the excluded values */
function anythingButExcludes(arg: unknown, v: Json): boolean {
  if (Array.isArray(arg)) return arg.some((a) => equalValue(a as Json, v));
  if (isObject(arg)) {
    const [name, inner] = Object.entries(arg)[0]!;
    if (typeof v !== 'string') return false;
    const list = Array.isArray(inner) ? inner.map(String) : [String(inner)];
    switch (name) {
      case 'prefix':
        return list.some((p) => v.startsWith(p));
      case 'suffix':
        return list.some((x) => v.endsWith(x));
      case 'wildcard':
        return list.some((w) => wildcard(w).test(v));
      case 'equals-ignore-case':
        return list.some((e) => ignoreCase(e, v, 'whole'));
      default:
        return false;
    }
  }
  return equalValue(arg as Json, v);
}

/**
 * Case-insensitive matching as event-ruler does it (EqualsIgnoreCaseParser):
 * each UTF-16 unit of the pattern matches its lower-case or its upper-case
 * form (Unicode's full mappings, root locale), so `straße` matches `STRASSE`
 * and `Straße`, and `ÄÄNEKOSKI` matches `äänekoski`. Forms may differ in
 * length, so the text is walked as a set of positions. `prefix` asks that the
 * pattern match the start of the text, `suffix` its end.
 */
function ignoreCase(pattern: string, text: string, part: 'whole' | 'prefix' | 'suffix'): boolean {
  const units = part === 'suffix' ? [...pattern.split('')].reverse() : pattern.split('');
  const forms = units.map((u) => [...new Set([u.toLowerCase(), u.toUpperCase()])]);
  let at = new Set([part === 'suffix' ? text.length : 0]);
  for (const options of forms) {
    const next = new Set<number>();
    for (const pos of at) {
      for (const f of options) {
        if (part === 'suffix') {
          if (pos - f.length >= 0 && text.slice(pos - f.length, pos) === f) next.add(pos - f.length);
        } else if (text.startsWith(f, pos)) next.add(pos + f.length);
      }
    }
    if (next.size === 0) return false;
    at = next;
  }
  return part === 'whole' ? at.has(text.length) : true;
}

function wildcard(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      re += `\\${pattern[++i]}`;
    } else if (c === '*') re += '.*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

function numeric(cond: Array<string | number>, v: number): boolean {
  for (let i = 0; i < cond.length; i += 2) {
    const n = cond[i + 1] as number;
    const ok = { '<': v < n, '<=': v <= n, '=': v === n, '>': v > n, '>=': v >= n }[cond[i] as string];
    if (!ok) return false;
  }
  return true;
}

/* ---------- IP addresses ---------- */

interface Ip {
  v6: boolean;
  n: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

/** An IPv4 or IPv6 address literal (IPv6 with `::` and a trailing dotted IPv4 allowed); an IPv4-mapped IPv6 address is IPv4, as Java reads it. */
function parseIp(text: string): Ip | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { v6: false, n: v4 };
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): bigint[] | undefined => {
    if (part === '') return [];
    const out: bigint[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (i === pieces.length - 1 && p.includes('.')) {
        const tail = parseIpv4(p);
        if (tail === undefined) return undefined;
        out.push(tail >> 16n, tail & 0xffffn);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(BigInt(`0x${p}`));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const n = [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n);
  if (n >> 32n === 0xffffn) return { v6: false, n: n & 0xffffffffn };
  return { v6: true, n };
}

/** A CIDR block EventBridge accepts: an address, a slash and a mask below the address's bit length. */
function parseCidr(cidr: string): { ip: Ip; bits: number } | undefined {
  const parts = cidr.split('/');
  if (parts.length !== 2 || !/^\d+$/.test(parts[1]!)) return undefined;
  const ip = parseIp(parts[0]!);
  const bits = Number(parts[1]);
  if (!ip || bits >= (ip.v6 ? 128 : 32)) return undefined;
  return { ip, bits };
}

function inCidr(cidr: string, value: string): boolean {
  const block = parseCidr(cidr);
  const ip = parseIp(value);
  if (!block || !ip || ip.v6 !== block.ip.v6) return false;
  const width = BigInt(ip.v6 ? 128 : 32);
  const shift = width - BigInt(block.bits);
  return ip.n >> shift === block.ip.n >> shift;
}
