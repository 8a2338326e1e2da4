import fc from 'fast-check';
import { aListing } from '../../fixtures/listings.js';

/** Strings an attacker or a broken client sends: markup, scripts, control characters, mixed scripts, path tricks. */
export const NASTY = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE verkosto; --",
  '{{7*7}}${7*7}',
  '\u0000\u0001\u0007\u001b[31m',
  'line\r\nBcc: victim@example.com',
  '\u202Egnp.exe',
  '\u200B\u200C\u200D\uFEFF',
  'Perhe кафе مقهى 家族 ✓ 𝔘𝔫𝔦',
  'Ǹ̵̛̤͙o̵̧̤ ̶z̷a̴l̸g̵o̷',
  '\uD800',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e',
  '%00',
  'LISTING#x',
  'NET#kemi-perhekeskus',
  '__proto__',
  'constructor',
] as const;

export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 20_000 }).map((n) => 'ä'.repeat(n)) },
);

/** Query values: nasty, but short enough for a URL (API Gateway and Node refuse long request lines before any code runs). */
export const queryValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 600 }).map((n) => 'ä'.repeat(n)) },
);

/** A path segment's raw value; URL-encoded by `segment()` so it stays one segment. */
export const idValue = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 2500 }).map((n) => 'A'.repeat(n)) },
    { weight: 1, arbitrary: fc.ulid() },
    { weight: 1, arbitrary: fc.constantFrom('..%2f', '.%2e', '%2e%2e', '..\\..\\windows', '0', '-1', 'null', 'undefined', 'NaN') },
  )
  .filter((s) => s.length > 0 && !/^\.{1,2}$/.test(s));

/** encodeURIComponent that survives lone surrogates and keeps dots from becoming dot-segments. */
export function segment(raw: string): string {
  let enc: string;
  try {
    enc = encodeURIComponent(raw);
  } catch {
    enc = encodeURIComponent(raw.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
  return enc.replace(/\./g, '%2E');
}

export const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** Valid-looking bodies per route, and the keys without which the body cannot be valid. */
export const TEMPLATES: Record<string, { body: Record<string, unknown>; required: string[]; strings: string[] }> = {
  'POST /api/listings': { body: aListing() as unknown as Record<string, unknown>, required: ['network', 'organisation', 'contact', 'title', 'kind', 'themes', 'targetGroups', 'languages', 'channels', 'cost'], strings: ['network', 'kind'] },
  'PUT /api/listings/{id}': { body: aListing() as unknown as Record<string, unknown>, required: ['network', 'title', 'kind'], strings: ['network', 'kind'] },
  'POST /api/subscriptions': {
    body: { email: 'lukija@example.fi', lang: 'fi', networks: ['kemi-perhekeskus'], kinds: ['listings'], themes: [], frequency: 'weekly' },
    required: ['email', 'lang', 'networks', 'kinds', 'frequency'],
    strings: ['email', 'lang', 'frequency'],
  },
  'POST /api/auth/login': { body: { email: 'joku@example.fi', lang: 'fi' }, required: ['email'], strings: ['email'] },
  'POST /api/subscriptions/confirm': { body: { token: 'x' }, required: ['token'], strings: ['token'] },
  'PUT /api/subscriptions/me': { body: { lang: 'fi', networks: ['kemi-perhekeskus'], kinds: ['listings'], themes: [], frequency: 'weekly' }, required: ['lang', 'networks', 'kinds', 'frequency'], strings: ['lang', 'frequency'] },
  'POST /api/meetings/{id}/rsvps': { body: { email: 'osallistuja@example.fi', name: 'Osallistuja', lang: 'fi' }, required: ['email'], strings: ['email'] },
  'POST /api/meetings/{id}/turns/{slot}/claim': {
    body: { organisation: 'Järjestö', presenter: 'Esittäjä', topic: 'Aihe', email: 'esittaja@example.fi', lang: 'fi' },
    required: ['organisation', 'presenter', 'topic', 'email'],
    strings: ['organisation', 'email'],
  },
  'POST /api/surveys/{id}/responses': { body: { answers: {}, email: 'vastaaja@example.fi' }, required: ['answers'], strings: [] },
};

export type BodyCase =
  | { kind: 'malformed-json'; text: string }
  | { kind: 'broken'; how: string; value: unknown }
  | { kind: 'arbitrary-json'; value: unknown }
  | { kind: 'huge'; text: string };

/** A body that can never be valid: malformed JSON, wrong types, a required field missing or oversized, or over the size limit. */
export function badBody(template: { body: Record<string, unknown>; required: string[]; strings: string[] } | undefined): fc.Arbitrary<BodyCase> {
  const t = template ?? { body: { name: 'x' }, required: [], strings: [] };
  const text = JSON.stringify(t.body);
  const extras = fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'homepage2', 'id', 'status', 'pk', 'admin'), fc.string({ maxLength: 8 })), fc.oneof(nastyString, wrongType), { maxKeys: 3 });
  const malformed = fc.oneof(
    fc.constantFrom('{', '}', '[', '{"a":', '{"a":1,}', "{'a':1}", 'undefined', 'NaN', '\uFEFF{}', '{"a":1}{"b":2}', '<xml/>', 'a=1&b=2', '\u0000'),
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => text.slice(0, n)),
    fc.string({ maxLength: 20 }).map((s) => `${text}${s}x`),
  );
  const broken: fc.Arbitrary<BodyCase>[] = [];
  if (t.required.length) {
    broken.push(
      fc.tuple(fc.constantFrom(...t.required), extras).map(([k, extra]) => {
        const { [k]: _gone, ...rest } = t.body;
        return { kind: 'broken' as const, how: `missing ${k}`, value: { ...rest, ...extra } };
      }),
      fc.tuple(fc.constantFrom(...t.required), wrongType, extras).filter(([k, v]) => (t.strings.includes(k) ? typeof v !== 'string' : typeof v !== 'object' || v === null || Array.isArray(v) !== Array.isArray(t.body[k]))).map(([k, v, extra]) => ({ kind: 'broken' as const, how: `${k} wrong type`, value: { ...t.body, ...extra, [k]: v } })),
    );
  }
  if (t.strings.length) {
    broken.push(
      fc.tuple(fc.constantFrom(...t.strings), nastyString, fc.integer({ min: 300, max: 5000 })).map(([k, s, n]) => ({ kind: 'broken' as const, how: `${k} oversized`, value: { ...t.body, [k]: `${s}${'x'.repeat(n)}` } })),
      fc.tuple(fc.constantFrom(...t.strings), fc.constantFrom(...NASTY)).map(([k, s]) => ({ kind: 'broken' as const, how: `${k} nasty`, value: { ...t.body, [k]: s } })),
    );
  }
  return fc.oneof(
    { weight: 2, arbitrary: malformed.map((s) => ({ kind: 'malformed-json' as const, text: s })) },
    ...broken.map((b) => ({ weight: 3, arbitrary: b })),
    { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.constant([]), fc.constant('text'), fc.integer(), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })).map((v) => ({ kind: 'arbitrary-json' as const, value: v })) },
    // Up to ~100 KB: past every route's own limit (64 KiB at most) — or junk inside the limit.
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 65 * 1024, max: 100 * 1024 }), fc.constantFrom(...NASTY)).map(([n, s]) => ({ kind: 'huge' as const, text: JSON.stringify({ ...t.body, description: { fi: s + 'y'.repeat(n) } }) })) },
  );
}

export function bodyText(c: BodyCase): string {
  if (c.kind === 'malformed-json' || c.kind === 'huge') return c.text;
  return JSON.stringify(c.value);
}
