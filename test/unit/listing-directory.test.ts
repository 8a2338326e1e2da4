import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withHits } from '../support/directory.js';
import { currentEntries, directoryQuery, DirectoryIndex, listingIcs, searchDirectory, type DirectoryQuery } from '../../functions/listings/directory.js';
import { hsdsOrganization, hsdsService, listingIdsFrom, nameUuid, page, selectServices, serviceListItem, ulidToUuid, uuidToUlid } from '../../functions/listings/hsds.js';
import { needsModeration, toCard } from '../../functions/listings/listings.js';
import type { ListingInput } from '../../functions/listings/schema.js';
import type { ListingRecord } from '../../functions/listings/store.js';
import { aListing } from '../fixtures/listings.js';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday, 12:00 in Helsinki
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let n = 0;

/** A published listing record as the table holds it. */
function aRecord(overrides: Partial<ListingInput> = {}, id = `01JD${String(++n).padStart(22, '0')}`): ListingRecord {
  const data = aListing(overrides);
  return {
    id, network: data.network, status: 'published', moderation: 'approved', revision: 1, data, published: data, publishedRevision: 1,
    publishedAt: '2026-11-01T08:00:00.000Z', submittedAt: '2026-10-31T08:00:00.000Z', updatedAt: '2026-11-01T08:00:00.000Z', lang: 'fi', editVersion: 1, seq: 2,
  };
}
const none = { type: 'none' } as const;
const query = (q: Partial<DirectoryQuery> = {}): DirectoryQuery => directoryQuery.parse({ network: 'kemi-perhekeskus', ...q });
const titles = (records: ListingRecord[], q: Partial<DirectoryQuery> = {}, lang: 'fi' | 'sv' | 'en' = 'fi') =>
  withHits(searchDirectory(new DirectoryIndex(currentEntries(records.map(toCard), NOW)), query(q), lang)).hits.map((h) => h.entry.title[lang] ?? h.entry.title.fi);

describe('the directory', () => {
  it('lists what has dates first by its next date, then the rest by title in Finnish order', () => {
    const records = [
      aRecord({ title: { fi: 'Öljyvärikurssi' }, schedule: none }),
      aRecord({ title: { fi: 'Ääniryhmä' }, schedule: none }),
      aRecord({ title: { fi: 'Avoin päiväkoti' }, schedule: none }),
      aRecord({ title: { fi: 'Perjantain kerho' }, schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['fri'], startTime: '10:00', endTime: '11:00' } }),
      aRecord({ title: { fi: 'Tiistain kerho' }, schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['tue'], startTime: '10:00', endTime: '11:00' } }),
      aRecord({ title: { fi: 'Joulujuhla' }, kind: 'event', schedule: { type: 'once', date: '2026-12-18', startTime: '17:00' } }),
    ];
    expect(titles(records)).toEqual(['Tiistain kerho', 'Perjantain kerho', 'Joulujuhla', 'Avoin päiväkoti', 'Ääniryhmä', 'Öljyvärikurssi']);
  });

  it('computes the next date when read, so a weekly group never shows a date gone by', () => {
    const card = toCard(aRecord({ schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['wed'], startTime: '10:00', endTime: '12:00' } }));
    const [a] = currentEntries([card], NOW);
    const [b] = currentEntries([card], new Date('2026-12-10T10:00:00Z'));
    expect(a!.next).toBe('2026-11-25T08:00:00.000Z');
    expect(b!.next).toBe('2026-12-16T08:00:00.000Z');
  });

  it('leaves out a listing past its valid-until and an event whose day is gone, before any expiry job has run', () => {
    const records = [
      aRecord({ title: { fi: 'Vanhentunut' }, schedule: none, validUntil: '2026-11-22' }),
      aRecord({ title: { fi: 'Mennyt tapahtuma' }, kind: 'event', schedule: { type: 'once', date: '2026-11-20', startTime: '18:00' } }),
      aRecord({ title: { fi: 'Päättynyt sarja' }, schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['mon'], startTime: '09:00', endTime: '10:00', until: '2026-11-16' } }),
      aRecord({ title: { fi: 'Voimassa tänään' }, schedule: none, validUntil: '2026-11-23' }),
    ];
    expect(titles(records)).toEqual(['Voimassa tänään']);
  });

  it('shows a group that starts next month with its first date then', () => {
    const [entry] = currentEntries([toCard(aRecord({ validFrom: '2026-12-07' }))], NOW);
    expect(entry!.next).toBe('2026-12-09T08:00:00.000Z');
  });

  it('finds free text regardless of case and diacritics, in every language and the organisation', () => {
    const records = [
      aRecord({ title: { fi: 'Perhetyö kotiin', sv: 'Familjearbete hemma' }, schedule: none }),
      aRecord({ title: { fi: 'Nuorten ilta' }, organisation: { name: 'Pruntsin Poukaman yhdistys', kind: 'association' }, schedule: none }),
    ];
    expect(titles(records, { q: 'PERHETYO' })).toEqual(['Perhetyö kotiin']);
    expect(titles(records, { q: 'familjearbete' })).toEqual(['Perhetyö kotiin']);
    expect(titles(records, { q: 'pruntsin poukaman' })).toEqual(['Nuorten ilta']);
  });

  it('answers a query no listing has every word of with those that have most of them, and says so', () => {
    const records = [
      aRecord({ title: { fi: 'Perhetyö kotiin' }, schedule: none }),
      aRecord({ title: { fi: 'Nuorten ilta' }, schedule: none }),
      aRecord({ title: { fi: 'Kuorolaulu' }, schedule: none }),
    ];
    const found = withHits(searchDirectory(new DirectoryIndex(currentEntries(records.map(toCard), NOW)), query({ q: 'perhetyo nuorten' }), 'fi'));
    expect(found.allWords).toBe(false);
    expect(found.hits.map((h) => h.entry.title.fi).sort()).toEqual(['Nuorten ilta', 'Perhetyö kotiin']);
  });

  it('matches a municipality regardless of case and diacritics', () => {
    const records = [aRecord({ title: { fi: 'Kerho' }, channels: [{ type: 'place', address: 'Kirkkokatu 1', postcode: '95400', municipality: 'Tornio' }], schedule: none })];
    expect(titles(records, { municipality: 'TORNIO' })).toEqual(['Kerho']);
    expect(titles(records, { municipality: 'Kemi' })).toEqual([]);
  });

  it('sorts by the title in the reader’s language', () => {
    const records = [aRecord({ title: { fi: 'Arkikerho', sv: 'Vardagsklubb' }, schedule: none }), aRecord({ title: { fi: 'Vauvakerho', sv: 'Babyklubb' }, schedule: none })];
    expect(titles(records, {}, 'sv')).toEqual(['Babyklubb', 'Vardagsklubb']);
  });
});

describe('a listing’s calendar file', () => {
  it('gives a recurring group as one RRULE that starts at its next date and ends at its last day in UTC', () => {
    const r = aRecord({ schedule: { type: 'recurring', frequency: 'monthly', weekdays: ['thu'], weekOfMonth: -1, startTime: '13:00', endTime: '15:00' }, validUntil: '2027-06-30' });
    const ics = listingIcs(r, 'https://verkosto.example.fi', 'fi', NOW)!;
    expect(ics).toContain('DTSTART;TZID=Europe/Helsinki:20261126T130000');
    expect(ics).toContain('DTEND;TZID=Europe/Helsinki:20261126T150000');
    expect(ics).toContain('RRULE:FREQ=MONTHLY;BYDAY=-1TH;UNTIL=20270630T205900Z');
    expect(ics).toContain('BEGIN:VTIMEZONE');
  });

  it('escapes the text it carries', () => {
    const r = aRecord({ title: { fi: 'Kahvit; pullat, mehut' }, schedule: { type: 'once', date: '2026-12-09', startTime: '13:00', endTime: '15:00' } });
    expect(listingIcs(r, 'https://verkosto.example.fi', 'fi', NOW)).toContain('SUMMARY:Kahvit\\; pullat\\, mehut');
  });

  it('gives nothing for a listing without dates', () => {
    expect(listingIcs(aRecord({ schedule: none }), 'https://verkosto.example.fi', 'fi', NOW)).toBeUndefined();
  });
});

describe('what goes back to moderation', () => {
  const before = aListing();
  it.each([
    ['the title', { title: { fi: 'Uusi nimi' } }],
    ['the time', { schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['thu'], startTime: '10:00', endTime: '12:00' } }],
    ['the place', { channels: [{ type: 'place', address: 'Valtakatu 1', postcode: '94100', municipality: 'Kemi' }] }],
    ['the themes', { themes: ['carers'] }],
    ['the website', { contact: { name: 'Maija Meikäläinen', email: 'maija@perhepalvelut.example.fi', website: 'https://muu.example.com' } }],
    ['the contact address', { contact: { name: 'Maija Meikäläinen', email: 'muu@example.com' } }],
    ['the cost', { cost: { free: false, note: '2 €' } }],
    ['the registration', { registration: { required: true, url: 'https://ilmo.example.fi' } }],
  ] as const)('a change of %s', (_name, change) => {
    expect(needsModeration(before, aListing(change as Partial<ListingInput>))).toBe(true);
  });

  it.each([
    ['the contact person', { contact: { name: 'Matti Meikäläinen', email: 'maija@perhepalvelut.example.fi', phone: '050 765 4321' } }],
    ['the accessibility', { accessibility: ['wheelchair', 'induction-loop'] }],
    ['the validity', { validUntil: '2027-12-31' }],
  ] as const)('not a change of %s', (_name, change) => {
    expect(needsModeration(before, aListing(change as Partial<ListingInput>))).toBe(false);
  });

  it('not an empty age range sent by the form where none was', () => {
    const { ageRange: _none, ...without } = aListing();
    expect(needsModeration(without as ListingInput, aListing({ ageRange: {} } as Partial<ListingInput>))).toBe(false);
  });

  it('not the same organisation with its fields in another order', () => {
    const org = aListing().organisation;
    const reordered = Object.fromEntries(Object.entries(org).reverse()) as ListingInput['organisation'];
    expect(needsModeration(before, aListing({ organisation: reordered }))).toBe(false);
  });

  it('an age range set where none was', () => {
    const { ageRange: _none, ...without } = aListing();
    expect(needsModeration(without as ListingInput, aListing({ ageRange: { min: 0, max: 6 } } as Partial<ListingInput>))).toBe(true);
  });
});

/** A ULID from its 48-bit millisecond time and 80 random bits. */
function ulidOf(time: number, random: Uint8Array): string {
  const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let n = [...random].reduce((acc, b) => (acc << 8n) | BigInt(b), BigInt(time));
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(n % 32n)]! + out;
    n /= 32n;
  }
  return out;
}

describe('Open Referral HSDS 3.0.1', () => {
  const site = 'https://verkosto.example.fi';
  const ctx = { siteUrl: site, now: NOW, networks: [{ id: 'kemi-perhekeskus', name: { fi: 'Kemin perhekeskuksen verkosto' } }] };

  /** Every value anywhere in the object (HSDS types its optional fields as strings: absent, never null). */
  function nulls(value: unknown, path = '$'): string[] {
    if (value === null) return [path];
    if (Array.isArray(value)) return value.flatMap((v, i) => nulls(v, `${path}[${i}]`));
    if (typeof value === 'object') return Object.entries(value as object).flatMap(([k, v]) => nulls(v, `${path}.${k}`));
    return [];
  }
  /** Every `id` and `*_id` in the object. */
  function ids(value: unknown): string[] {
    if (Array.isArray(value)) return value.flatMap(ids);
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'id' || k.endsWith('_id') ? [String(v)] : ids(v)));
    return [];
  }

  it('turns a listing ULID into an RFC 9562 version-8 UUID and back, and still reads the earlier form', () => {
    const ulid = '01JDQ7ZK3M9X4T8B2C6V5N1PRS';
    const uuid = ulidToUuid(ulid)!;
    const earlier = '0192f6ff-cd34-e93a-4585-8cdb4aac1b19';
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidToUlid(uuid)).toBe(ulid);
    expect(listingIdsFrom(uuid)[0]).toBe(ulid);
    expect(listingIdsFrom(ulid.toLowerCase())).toEqual([ulid]);
    expect(listingIdsFrom(earlier)).toContain('01JBVFZK9MX4X4B1CCVD5AR6RS');
    expect(listingIdsFrom('not-an-id')).toEqual([]);
  });

  it('gives every ULID until the year 2109 its own version-8 UUID', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 42 - 1 }), fc.uint8Array({ minLength: 10, maxLength: 10 }), (time, random) => {
        const ulid = ulidOf(time, random);
        expect(uuidToUlid(ulidToUuid(ulid)!)).toBe(ulid);
      }),
    );
    expect(ulidToUuid(ulidOf(2 ** 42, new Uint8Array(10)))).toBeUndefined();
  });

  it('names nested entities with stable version-5 UUIDs', () => {
    expect(nameUuid('phone:x:0')).toBe(nameUuid('phone:x:0'));
    expect(nameUuid('phone:x:0')).not.toBe(nameUuid('phone:x:1'));
    expect(nameUuid('phone:x:0')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('lists a service with its one-to-one fields only', () => {
    const item = serviceListItem(hsdsService(aRecord({ organisation: { name: 'Omaiset ry', kind: 'association', businessId: '1234567-1' } }), ctx));
    expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['phones']));
    for (const nested of ['phones', 'schedules', 'service_at_locations', 'languages', 'contacts', 'attributes']) expect(item).not.toHaveProperty(nested);
    expect(item.organization).not.toHaveProperty('organization_identifiers');
  });

  it('gives a fully nested service with the HSDS field names, UUIDs and no nulls', () => {
    const r = aRecord({
      title: { fi: 'Perhekahvila', sv: 'Familjecafé' },
      organisation: { name: 'Kemin Seudun Perhepalvelut ry', kind: 'association', businessId: '1234567-1' },
      ageRange: { min: 0, max: 6 },
      channels: [{ type: 'place', address: 'Keskuspuistokatu 8', postcode: '94100', municipality: 'Kemi' }, { type: 'online', url: 'https://teams.example.fi/kahvila' }, { type: 'phone', phone: '016 259 000' }],
      registration: { required: true, url: 'https://ilmo.example.fi' },
      validUntil: '2027-06-30',
    });
    const s = hsdsService(r, ctx);

    expect(nulls(s)).toEqual([]);
    for (const id of ids(s)) expect(id).toMatch(UUID);
    expect(s).toMatchObject({
      id: ulidToUuid(r.id),
      name: 'Perhekahvila',
      alternate_name: 'Familjecafé',
      status: 'active',
      email: 'maija@perhepalvelut.example.fi',
      minimum_age: 0,
      maximum_age: 6,
      url: `${site}/fi/listings/view/?id=${r.id}`,
      organization: { name: 'Kemin Seudun Perhepalvelut ry', description: 'Yhdistys tai järjestö', organization_identifiers: [{ identifier: '1234567-1', identifier_scheme: 'FI-PRO' }] },
      languages: [{ code: 'fi', name: 'suomi' }],
    });
    expect(s.application_process).toContain('https://ilmo.example.fi');
    expect(s.phones.map((p) => p.number)).toEqual(['040 123 4567', '016 259 000']);
    expect(s.service_at_locations.map((sal) => sal.location.location_type)).toEqual(['physical', 'virtual']);
    expect(s.service_at_locations[0]!.location).toMatchObject({
      addresses: [{ address_1: 'Keskuspuistokatu 8', city: 'Kemi', postal_code: '94100', country: 'FI', address_type: 'physical', state_province: '' }],
      accessibility: [{ description: 'Esteetön kulku pyörätuolilla' }],
    });
    expect(s.schedules).toEqual([
      expect.objectContaining({ freq: 'WEEKLY', byday: 'WE', dtstart: '2026-11-25', opens_at: '10:00+02:00', closes_at: '12:00+02:00', timezone: 2, until: '2027-06-30', valid_to: '2027-06-30' }),
    ]);
    expect(s.attributes.map((a) => a.taxonomy_term.code)).toEqual(['family-support', 'peer-support', 'families-with-children', 'kemi-perhekeskus']);
    expect(s.attributes[0]!.taxonomy_term).toMatchObject({ name: 'Perheiden tuki', language: 'fi' });
    for (const a of s.attributes) expect(Object.keys(a.taxonomy_term)).toEqual(expect.arrayContaining(['id', 'name', 'description']));
  });

  it('gives an organisation the same id from every listing that names it, whatever the case', () => {
    expect(hsdsOrganization({ name: 'MLL Kemin yhdistys', kind: 'association' }).id).toBe(hsdsOrganization({ name: 'mll kemin YHDISTYS', kind: 'association' }).id);
  });

  it('selects services by search, organisation and taxonomy term, and pages them', () => {
    const a = aRecord({ title: { fi: 'Omaishoitajien ryhmä' }, themes: ['carers'], schedule: none });
    const b = aRecord({ title: { fi: 'Perhekahvila' }, organisation: { name: 'MLL Kemin yhdistys', kind: 'association' }, schedule: none });
    const entries = [new DirectoryIndex(currentEntries([a, b].map(toCard), NOW))];
    const q = {};
    expect(selectServices(entries, { ...q, search: 'omaishoitajien' }).map((e) => e.id)).toEqual([a.id]);
    expect(selectServices(entries, { ...q, organization_id: hsdsOrganization({ name: 'MLL Kemin yhdistys', kind: 'association' }).id }).map((e) => e.id)).toEqual([b.id]);
    const carers = hsdsService(a, ctx).attributes.find((x) => x.taxonomy_term.code === 'carers')!.taxonomy_term_id;
    expect(selectServices(entries, { ...q, taxonomy_term_id: carers }).map((e) => e.id)).toEqual([a.id]);
    expect(page([1, 2, 3], 2, 2)).toEqual({ total_items: 3, total_pages: 2, page_number: 2, size: 1, first_page: false, last_page: true, empty: false, slice: [3] });
  });
});
