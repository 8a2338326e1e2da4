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

/** Throws PatternError for patterns EventBridge would refuse. */
export function validatePattern(pattern: unknown, path = ''): void {
  if (!isObject(pattern)) throw new PatternError(`Event pattern ${path || 'root'} must be an object`);
  if (path === '' && Object.keys(pattern).length === 0) throw new PatternError('Event pattern must not be empty');
  for (const [key, value] of Object.entries(pattern)) {
    const here = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) throw new PatternError(`$or at ${here} needs an array of at least two patterns`);
      value.forEach((p, i) => validatePattern(p, `${here}[${i}]`));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new PatternError(`${here}: an empty array matches nothing`);
      for (const v of value) if (isObject(v)) validateOperator(v, here);
    } else if (isObject(value)) {
      validatePattern(value, here);
    } else {
      throw new PatternError(`${here}: match values must be in an array`);
    }
  }
}

function validateOperator(op: Record<string, unknown>, path: string) {
  const keys = Object.keys(op);
  if (keys.length !== 1 || !OPERATORS.has(keys[0]!)) throw new PatternError(`${path}: unknown operator ${JSON.stringify(op)}`);
  const [name, arg] = [keys[0]!, op[keys[0]!]];
  switch (name) {
    case 'exists':
      if (typeof arg !== 'boolean') throw new PatternError(`${path}: exists takes true or false`);
      break;
    case 'numeric': {
      if (!Array.isArray(arg) || (arg.length !== 2 && arg.length !== 4)) throw new PatternError(`${path}: numeric takes one or two comparisons`);
      for (let i = 0; i < arg.length; i += 2) {
        if (!['<', '<=', '=', '>', '>='].includes(String(arg[i])) || typeof arg[i + 1] !== 'number') throw new PatternError(`${path}: bad numeric comparison`);
      }
      break;
    }
    case 'prefix':
    case 'suffix':
      if (typeof arg !== 'string' && !(isObject(arg) && typeof arg['equals-ignore-case'] === 'string')) throw new PatternError(`${path}: ${name} takes a string`);
      break;
    case 'equals-ignore-case':
    case 'wildcard':
    case 'cidr':
      if (typeof arg !== 'string') throw new PatternError(`${path}: ${name} takes a string`);
      if (name === 'wildcard' && arg.includes('**')) throw new PatternError(`${path}: consecutive wildcard characters are not allowed`);
      break;
    case 'anything-but':
      if (isObject(arg)) {
        const k = Object.keys(arg);
        if (k.length !== 1 || !['prefix', 'suffix', 'wildcard', 'equals-ignore-case'].includes(k[0]!)) throw new PatternError(`${path}: bad anything-but`);
      }
      break;
  }
}

/** Does `event` match `pattern`? */
export function matches(pattern: Pattern, event: Record<string, unknown>): boolean {
  return matchObject(pattern, event);
}

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
      // A nested pattern against an array of objects matches when any element does.
      const candidates = Array.isArray(field) ? field : [field];
      if (!candidates.some((c) => matchObject(sub, c))) return false;
    }
  }
  return true;
}

function matchLeaf(rules: unknown[], field: unknown, present: boolean): boolean {
  // `exists` speaks of leaf values: an object or an empty array is not a leaf value.
  const values: Json[] = present ? (Array.isArray(field) ? (field as Json[]) : [field as Json]) : [];
  const leaves = values.filter((v) => !isObject(v) && !Array.isArray(v));
  return rules.some((rule) => {
    if (isObject(rule)) {
      if ('exists' in rule) return rule.exists ? leaves.length > 0 : leaves.length === 0;
      if ('anything-but' in rule) return leaves.some((v) => !anythingButExcludes(rule['anything-but'], v));
      return leaves.some((v) => matchOperator(rule, v));
    }
    return leaves.some((v) => equalJson(rule as Json, v));
  });
}

function equalJson(a: Json, b: Json): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return a === b;
}

function matchOperator(rule: Record<string, unknown>, v: Json): boolean {
  const [name, arg] = Object.entries(rule)[0]!;
  switch (name) {
    case 'prefix':
      return typeof v === 'string' && (typeof arg === 'string' ? v.startsWith(arg) : v.toLowerCase().startsWith(String((arg as Pattern)['equals-ignore-case']).toLowerCase()));
    case 'suffix':
      return typeof v === 'string' && (typeof arg === 'string' ? v.endsWith(arg) : v.toLowerCase().endsWith(String((arg as Pattern)['equals-ignore-case']).toLowerCase()));
    case 'equals-ignore-case':
      return typeof v === 'string' && v.toLowerCase() === String(arg).toLowerCase();
    case 'wildcard':
      return typeof v === 'string' && wildcard(String(arg)).test(v);
    case 'numeric':
      return typeof v === 'number' && numeric(arg as Array<string | number>, v);
    case 'cidr':
      return typeof v === 'string' && inCidr(String(arg), v);
    default:
      return false;
  }
}

/** true when `v` is one of the excluded values */
function anythingButExcludes(arg: unknown, v: Json): boolean {
  if (Array.isArray(arg)) return arg.some((a) => equalJson(a as Json, v));
  if (isObject(arg)) {
    const [name, inner] = Object.entries(arg)[0]!;
    if (typeof v !== 'string') return false;
    const list = Array.isArray(inner) ? inner.map(String) : [String(inner)];
    switch (name) {
      case 'prefix':
        return list.some((p) => v.startsWith(p));
      case 'suffix':
        return list.some((s) => v.endsWith(s));
      case 'wildcard':
        return list.some((w) => wildcard(w).test(v));
      case 'equals-ignore-case':
        return list.some((e) => e.toLowerCase() === v.toLowerCase());
      default:
        return false;
    }
  }
  return equalJson(arg as Json, v);
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

function inCidr(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const toInt = (s: string) => s.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
  if (!base || !/^\d+\.\d+\.\d+\.\d+$/.test(base) || !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const bits = Number(bitsText ?? 32);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(base) & mask) === (toInt(ip) & mask);
}
