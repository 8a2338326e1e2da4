import { describe, expect, it } from 'vitest';
import { businessIdChecks, listingInput, type ListingInput } from '../../functions/listings/schema.js';
import { fieldMessages } from '../../functions/shared/i18n.js';
import { issuesToFieldCodes } from '../../functions/shared/validation.js';
import { aListing } from '../fixtures/listings.js';

function fieldCodes(input: unknown): Record<string, string> {
  const result = listingInput.safeParse(input);
  return result.success ? {} : issuesToFieldCodes(result.error.issues);
}

/** The fixture with one field (given by its path) left out. */
function without(path: string): Record<string, unknown> {
  const copy = structuredClone(aListing()) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  delete at[keys.at(-1)!];
  return copy;
}

/** The fixture with one field (given by its path) set to `value`. */
function withValue(path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(aListing()) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let at = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

const place = (over: Record<string, unknown>) => ({ type: 'place', address: 'Keskuspuistokatu 8', postcode: '94100', municipality: 'Kemi', ...over });
const weekly = (over: Record<string, unknown>) => ({ type: 'recurring', frequency: 'weekly', weekdays: ['wed'], startTime: '10:00', endTime: '12:00', ...over });

describe('listing schema', () => {
  it('accepts a complete listing', () => {
    expect(fieldCodes(aListing())).toEqual({});
  });

  it('accepts only what is required, and fills the defaults (no dates, accessibility not known)', () => {
    const { schedule: _s, accessibility: _a, validFrom: _f, validUntil: _u, ageRange: _r, ...minimal } = aListing();
    const parsed = listingInput.parse(minimal);
    expect(parsed.schedule).toEqual({ type: 'none' });
    expect(parsed.accessibility).toEqual(['not-known']);
  });

  it.each([
    'network',
    'organisation',
    'organisation.name',
    'organisation.kind',
    'contact',
    'contact.name',
    'contact.email',
    'title',
    'title.fi',
    'summary',
    'summary.fi',
    'description',
    'description.fi',
    'kind',
    'themes',
    'targetGroups',
    'languages',
    'channels',
    'cost',
    'cost.free',
    'registration',
    'registration.required',
  ])('calls a missing %s required, and names only that field', (path) => {
    expect(fieldCodes(without(path))).toEqual({ [path]: 'required' });
  });

  it.each([
    ['a place without an address', 'channels', [place({ address: undefined })], 'channels.0.address'],
    ['a place without a postcode', 'channels', [place({ postcode: undefined })], 'channels.0.postcode'],
    ['a place without a municipality', 'channels', [place({ municipality: undefined })], 'channels.0.municipality'],
    ['an online channel without its link', 'channels', [{ type: 'online' }], 'channels.0.url'],
    ['a phone channel without its number', 'channels', [{ type: 'phone' }], 'channels.0.phone'],
    ['a channel without its type', 'channels', [{ type: '' }], 'channels.0.type'],
    ['a schedule without its type', 'schedule', { type: '' }, 'schedule.type'],
    ['a one-off event without its date', 'schedule', { type: 'once', startTime: '10:00' }, 'schedule.date'],
    ['a one-off event without its start time', 'schedule', { type: 'once', date: '2026-12-09' }, 'schedule.startTime'],
    ['a recurring rule without its frequency', 'schedule', weekly({ frequency: undefined }), 'schedule.frequency'],
    ['a recurring rule without weekdays', 'schedule', weekly({ weekdays: undefined }), 'schedule.weekdays'],
    ['a recurring rule without its start time', 'schedule', weekly({ startTime: undefined }), 'schedule.startTime'],
    ['a recurring rule without its end time', 'schedule', weekly({ endTime: undefined }), 'schedule.endTime'],
  ])('calls %s required at the missing field', (_name, path, value, field) => {
    expect(fieldCodes(withValue(path, value))).toEqual({ [field]: 'required' });
  });

  it.each([
    ['a theme outside the taxonomy', 'themes', ['astrology'], 'themes.0', 'invalid_choice'],
    ['no theme', 'themes', [], 'themes', 'choose_one'],
    ['more than five themes', 'themes', ['family-support', 'parenting', 'peer-support', 'carers', 'mental-health', 'housing'], 'themes', 'too_many'],
    ['an unknown target group', 'targetGroups', ['aliens'], 'targetGroups.0', 'invalid_choice'],
    ['an unknown language', 'languages', ['xx'], 'languages.0', 'invalid_choice'],
    ['an unknown accessibility fact', 'accessibility', ['lift'], 'accessibility.0', 'invalid_choice'],
    ['an unknown kind', 'kind', 'party', 'kind', 'invalid_choice'],
    ['an unknown organisation kind', 'organisation.kind', 'cult', 'organisation.kind', 'invalid_choice'],
    ['a malformed business ID', 'organisation.businessId', '123', 'organisation.businessId', 'invalid_business_id'],
    ['a business ID with a wrong check digit', 'organisation.businessId', '1234567-8', 'organisation.businessId', 'business_id_check'],
    ['a malformed email', 'contact.email', 'maija(at)example', 'contact.email', 'invalid_email'],
    ['a phone number in words', 'contact.phone', 'call me', 'contact.phone', 'invalid_phone'],
    ['a javascript: link as a website', 'contact.website', 'javascript:alert(1)', 'contact.website', 'invalid_url'],
    ['a title over 120 characters', 'title.fi', 'x'.repeat(121), 'title.fi', 'too_long'],
    ['a cost note over 200 characters', 'cost.note', 'x'.repeat(201), 'cost.note', 'too_long'],
    ['a yes/no that is neither', 'cost.free', 'yes', 'cost.free', 'invalid'],
    ['an organisation name that is not text', 'organisation.name', 42, 'organisation.name', 'invalid'],
    ['a postcode that is not five digits', 'channels', [place({ postcode: '941' })], 'channels.0.postcode', 'invalid_postcode'],
    ['an unknown channel type', 'channels', [{ type: 'fax' }], 'channels.0.type', 'invalid_choice'],
    ['an online link that is not http(s)', 'channels', [{ type: 'online', url: 'ftp://files.example.fi' }], 'channels.0.url', 'invalid_url'],
    ['no channel', 'channels', [], 'channels', 'choose_one'],
    ['a registration link that is not http(s)', 'registration.url', 'ftp://x.example.fi', 'registration.url', 'invalid_url'],
    ['a malformed registration email', 'registration.email', 'nope', 'registration.email', 'invalid_email'],
    ['a date that does not exist', 'schedule', { type: 'once', date: '2026-02-30', startTime: '10:00' }, 'schedule.date', 'invalid_date'],
    ['a date in Finnish notation', 'validUntil', '30.6.2027', 'validUntil', 'invalid_date'],
    ['a time past midnight', 'schedule', { type: 'once', date: '2026-12-09', startTime: '25:00' }, 'schedule.startTime', 'invalid_time'],
    ['an unknown schedule type', 'schedule', { type: 'daily' }, 'schedule.type', 'invalid_choice'],
    ['an unknown frequency', 'schedule', weekly({ frequency: 'yearly' }), 'schedule.frequency', 'invalid_choice'],
    ['a fifth week of the month', 'schedule', weekly({ frequency: 'monthly', weekOfMonth: 5 }), 'schedule.weekOfMonth', 'invalid_choice'],
    ['an unknown weekday', 'schedule', weekly({ weekdays: ['funday'] }), 'schedule.weekdays.0', 'invalid_choice'],
    ['a negative age', 'ageRange', { min: -1 }, 'ageRange.min', 'invalid'],
    ['an age in words', 'ageRange', { min: 'ten' }, 'ageRange.min', 'invalid'],
  ])('refuses %s with its own code', (_name, path, value, field, code) => {
    expect(fieldCodes(withValue(path, value))).toEqual({ [field]: code });
  });

  it('rejects a blank Finnish title even when Swedish is given', () => {
    expect(fieldCodes({ ...aListing(), title: { fi: '   ', sv: 'Familjecafé' } })).toEqual({ 'title.fi': 'required' });
  });

  it('rejects a validity that ends before it starts', () => {
    expect(fieldCodes({ ...aListing(), validFrom: '2026-12-01', validUntil: '2026-11-01' })).toEqual({ validUntil: 'before_start' });
  });

  it('rejects a one-off event that ends before it starts', () => {
    expect(fieldCodes({ ...aListing(), schedule: { type: 'once', date: '2026-12-09', startTime: '13:00', endTime: '12:00' } })).toEqual({ 'schedule.endTime': 'before_start' });
  });

  it('rejects a recurring time that ends before it starts', () => {
    expect(fieldCodes({ ...aListing(), schedule: weekly({ startTime: '12:00', endTime: '10:00' }) })).toEqual({ 'schedule.endTime': 'before_start' });
  });

  it('rejects an age range whose upper limit is below the lower', () => {
    expect(fieldCodes({ ...aListing(), ageRange: { min: 10, max: 3 } })).toEqual({ 'ageRange.max': 'invalid_range' });
  });

  it('treats empty optional form fields as not given', () => {
    const l = aListing();
    const parsed = listingInput.parse({ ...l, contact: { ...l.contact, phone: '', website: '' }, organisation: { ...l.organisation, businessId: '' }, title: { fi: 'Kerho', sv: '  ' } });
    expect(parsed.contact.phone).toBeUndefined();
    expect(parsed.organisation.businessId).toBeUndefined();
    expect(parsed.title.sv).toBeUndefined();
  });

  it('has a message in Finnish, Swedish and English for every code it gives', () => {
    const codes = ['required', 'invalid', 'invalid_choice', 'choose_one', 'too_many', 'too_long', 'invalid_email', 'invalid_url', 'invalid_phone', 'invalid_postcode', 'invalid_business_id', 'business_id_check', 'invalid_date', 'invalid_time', 'invalid_range', 'before_start'];
    for (const code of codes) {
      for (const lang of ['fi', 'sv', 'en'] as const) expect(fieldMessages[code]?.[lang], `${code} in ${lang}`).toBeTruthy();
    }
  });
});

describe('field codes for wrong types', () => {
  it('calls a missing field required but a wrong-typed one invalid', () => {
    const l: ListingInput = aListing();
    expect(fieldCodes({ ...l, cost: { free: 'yes' } })).toEqual({ 'cost.free': 'invalid' });
    const { kind: _k, ...noKind } = l;
    expect(fieldCodes(noKind)).toEqual({ kind: 'required' });
    expect(fieldCodes({ ...l, organisation: { ...l.organisation, name: 42 } })).toEqual({ 'organisation.name': 'invalid' });
  });

  it('answers a body that is not an object with one general code', () => {
    expect(fieldCodes('hello')).toEqual({ _: 'invalid' });
  });
});

describe('the business ID check digit', () => {
  it.each(['0201256-6', '0112038-9', '1234567-1', '0000000-0'])('accepts %s, whose check digit matches', (id) => {
    expect(businessIdChecks(id)).toBe(true);
  });

  it.each([
    ['a mistyped check digit', '0201256-7'],
    ['two digits swapped', '0210256-6'],
    ['a number whose remainder is 1, which is never issued', '0000030-0'],
    ['the old six-digit form', '201256-6'],
  ])('refuses %s', (_what, id) => {
    expect(businessIdChecks(id)).toBe(false);
  });
});
