/**
 * The bus's archive keeps events for a month for replay, so no archived event
 * may hold an email address. Every catalog type gets its worst-case fixture,
 * built from its own schema: every address field an address, every free
 * string a sentence with an address in it, every optional field present. The
 * archive's pattern (the one the template holds) then decides which reach it.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ARCHIVE_PATTERN, catalog, EVENT_SOURCE, eventTypes, personalDataOf, type EventType } from '../../functions/shared/events.js';
import { matches } from '../../local/bus/pattern.js';

const ADDRESS = 'anna.virtanen@example.fi';
/** What an email address looks like anywhere in a string. */
const EMAIL = /[^\s@"]+@[^\s@"]+\.[a-z]{2,}/i;

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Values an id-like field may take, tried in turn against a field's pattern. */
const REF_CANDIDATES = ['01JDQ7Z0000000000000000000', 'kemi-perhekeskus', '2026-11-29', 'Permanent'];

/** The most a producer could put in a field the schema allows: addresses wherever a string is free. */
function worstCase(schema: JsonSchema, path: string): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return worstCase(options.find((o) => o.type !== 'null') ?? options[0]!, path);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => worstCase(s, path)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, worstCase(s, `${path}.${k}`)]));
    case 'array':
      return [worstCase(schema.items ?? {}, `${path}[]`)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string': {
      if (schema.format === 'email') return ADDRESS;
      if (schema.format === 'date-time') return '2026-11-29T10:00:00.000Z';
      if (schema.format === 'date') return '2026-11-29';
      if (schema.pattern) {
        const re = new RegExp(schema.pattern);
        // An address, if the pattern lets one through. A pattern no candidate meets keeps addresses out
        // anyway; its placeholder may make the fixture invalid, which the archived events' test would show.
        return [ADDRESS, ...REF_CANDIDATES].find((c) => re.test(c)) ?? REF_CANDIDATES[0];
      }
      const text = `Soita tai kirjoita: ${ADDRESS}`;
      return schema.maxLength !== undefined && schema.maxLength < text.length ? ADDRESS.slice(0, schema.maxLength) : text;
    }
    default:
      // Unrepresentable in JSON Schema (a preprocess, a transform): the worst is an address.
      return ADDRESS;
  }
}

const fixture = (type: EventType) => ({
  version: '0',
  id: `fixture-${type}`,
  source: EVENT_SOURCE,
  account: '123456789012',
  region: 'eu-north-1',
  time: '2026-11-29T10:00:00Z',
  resources: [],
  'detail-type': type,
  detail: worstCase(z.toJSONSchema(catalog[type].schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, type) as Record<string, unknown>,
});

const archived = eventTypes.filter((t) => matches(ARCHIVE_PATTERN, fixture(t)));
const kept = eventTypes.filter((t) => !archived.includes(t));

describe('the event archive', () => {
  it('keeps some events for replay, and keeps out some', () => {
    expect(archived.length).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(0);
  });

  it.each(archived)('%s: even its worst-case fixture, valid by the catalog, holds no email address', (type) => {
    const event = fixture(type);
    expect(catalog[type].schema.safeParse(event.detail).success).toBe(true);
    expect(JSON.stringify(event)).not.toMatch(EMAIL);
  });

  it.each(archived)('%s: the catalog names no personal data in it', (type) => {
    expect(personalDataOf(type)).toBeUndefined();
  });

  it.each(kept)('%s is kept out because the catalog says what personal data it carries, and its fixture shows it', (type) => {
    expect(personalDataOf(type)).toMatch(/\w/);
    expect(JSON.stringify(fixture(type))).toMatch(EMAIL);
  });

  it('refuses an address in a field of an archived event at the producer (the catalog parses before PutEvents)', () => {
    const detail = { version: 1, subscriberId: ADDRESS, networks: ['kemi-perhekeskus'] };
    expect(catalog['Subscription.Confirmed'].schema.safeParse(detail).success).toBe(false);
    expect(catalog['Subscription.Confirmed'].schema.safeParse({ ...detail, subscriberId: 'Xk2p9_qL' }).success).toBe(true);
  });

  it('matches nothing from another source', () => {
    expect(matches(ARCHIVE_PATTERN, { ...fixture('Digest.Sent'), source: 'aws.ses' })).toBe(false);
  });
});
