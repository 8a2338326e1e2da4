import { createHash } from 'node:crypto';
import * as z from 'zod';
import { normalise } from '../shared/search.js';
import { helsinkiToUtc } from '../shared/time.js';
import { byDay, type DirectoryEntry, type DirectoryIndex } from './directory.js';
import { lastDay, listingOccurrences } from './recurrence.js';
import type { ListingInput } from './schema.js';
import type { ListingRecord } from './store.js';

/**
 * Open Referral HSDS 3.0 over published listings, so other directories
 * (lahella.fi-style, 211 systems) can import them. Field names follow the
 * HSDS 3.0 schemas (service, organization, location, address, schedule,
 * language, phone, contact, accessibility, attribute, taxonomy_term) and the
 * paginated `Page` shape of its API. Absent values are left out rather than
 * null (the schemas type them as strings). Ids are UUIDs, as HSDS asks: a
 * listing's ULID is the same 128 bits written as a UUID, so both forms open
 * `/services/{id}`; everything nested gets a stable name-based UUID.
 */

export const HSDS_VERSION = '3.0';

/* ---------- ids ---------- */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The UUID form of a ULID (the same 128 bits). */
export function ulidToUuid(ulid: string): string {
  if (!ULID.test(ulid)) throw new Error('not a ULID');
  let n = 0n;
  for (const ch of ulid.toUpperCase()) n = n * 32n + BigInt(CROCKFORD.indexOf(ch));
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ULID a listing UUID stands for; undefined for anything else. */
export function uuidToUlid(uuid: string): string | undefined {
  if (!UUID.test(uuid)) return undefined;
  let n = BigInt(`0x${uuid.replace(/-/g, '')}`);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(n % 32n)]! + out;
    n /= 32n;
  }
  return out;
}

/** A listing id from a path: a ULID as is, or its UUID form. */
export function listingIdFrom(param: string): string | undefined {
  if (ULID.test(param)) return param.toUpperCase();
  return uuidToUlid(param);
}

/** The id of a listing as an HSDS service, whatever shape its id has. */
export const serviceId = (listingId: string) => (ULID.test(listingId) ? ulidToUuid(listingId) : nameUuid(`service:${listingId}`));

/** A stable UUID (version 5 layout, SHA-1) for a nested entity named by `name`. */
export function nameUuid(name: string): string {
  const b = createHash('sha1').update(`verkosto:${name}`).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One organisation however many listings name it: by its name, ignoring case and diacritics. */
export const organizationId = (name: string) => nameUuid(`org:${normalise(name)}`);
export const themeTermId = (theme: string) => nameUuid(`theme:${theme}`);
export const targetGroupTermId = (group: string) => nameUuid(`target-group:${group}`);

/* ---------- labels ---------- */

const ORGANISATION_KIND: Record<string, string> = {
  municipal: 'Kunnan palvelu',
  'wellbeing-county': 'Hyvinvointialue',
  association: 'Yhdistys tai järjestö',
  parish: 'Seurakunta',
  project: 'Hanke',
  company: 'Yritys',
};

const LANGUAGE_NAMES: Record<string, string> = {
  fi: 'Finnish', sv: 'Swedish', en: 'English', se: 'Northern Sami', ar: 'Arabic', so: 'Somali', uk: 'Ukrainian',
  ru: 'Russian', et: 'Estonian', fa: 'Persian', ku: 'Kurdish', fse: 'Finnish Sign Language',
};

const ACCESSIBILITY: Record<string, string> = {
  wheelchair: 'Wheelchair access',
  'induction-loop': 'Induction loop',
  'accessible-toilet': 'Accessible toilet',
  parking: 'Accessible parking',
  'not-known': 'Accessibility not known',
};

/* ---------- entities ---------- */

export function hsdsOrganization(o: { name: string; kind: string; businessId?: string | undefined }) {
  const id = organizationId(o.name);
  return {
    id,
    name: o.name,
    description: ORGANISATION_KIND[o.kind] ?? o.kind,
    legal_status: o.kind,
    ...(o.businessId
      ? { organization_identifiers: [{ id: nameUuid(`org-identifier:${o.businessId}`), organization_id: id, identifier_type: 'Finnish business ID (Y-tunnus)', identifier: o.businessId }] }
      : {}),
  };
}

/** Helsinki's UTC offset on a day, in hours and as `+HH:MM`. */
function helsinkiOffset(date: string): { hours: number; text: string } {
  const minutes = Math.round((Date.parse(`${date}T12:00:00Z`) - helsinkiToUtc(date, '12:00').getTime()) / 60000);
  const h = Math.floor(minutes / 60);
  return { hours: minutes / 60, text: `+${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` };
}

function hsdsSchedule(serviceUuid: string, l: ListingInput, now: Date) {
  const s = l.schedule;
  if (s.type === 'none') return [];
  const first = s.type === 'once' ? s.date : listingOccurrences(l, now, 1)[0]?.date;
  if (!first) return [];
  const offset = helsinkiOffset(first);
  const validity = { ...(l.validFrom ? { valid_from: l.validFrom } : {}), ...(l.validUntil ? { valid_to: l.validUntil } : {}) };
  const common = {
    id: nameUuid(`schedule:${serviceUuid}`),
    service_id: serviceUuid,
    dtstart: first,
    timezone: offset.hours,
    opens_at: `${s.startTime}${offset.text}`,
    ...(s.endTime ? { closes_at: `${s.endTime}${offset.text}` } : {}),
    description: 'Times are local time in Finland (Europe/Helsinki); the UTC offset given is that of the first date.',
    ...validity,
  };
  if (s.type === 'once') return [{ ...common, until: s.date }];
  const until = lastDay(l);
  return [{ ...common, freq: s.frequency === 'weekly' ? 'WEEKLY' : 'MONTHLY', interval: 1, byday: byDay(s), wkst: 'MO', ...(until ? { until } : {}) }];
}

function taxonomyAttribute(linkId: string, term: { id: string; code: string; taxonomy: string; description: string }) {
  return {
    id: nameUuid(`attribute:${linkId}:${term.id}`),
    link_id: linkId,
    link_entity: 'service',
    taxonomy_term_id: term.id,
    taxonomy_term: { id: term.id, code: term.code, name: term.code, description: term.description, taxonomy: term.taxonomy },
  };
}

/** A published listing as a fully nested HSDS 3.0 service. */
export function hsdsService(r: ListingRecord, siteUrl: string, now: Date) {
  const l = r.published!;
  const id = serviceId(r.id);
  const org = hsdsOrganization(l.organisation);
  const phones = [...(l.contact.phone ? [l.contact.phone] : []), ...l.channels.flatMap((c) => (c.type === 'phone' ? [c.phone] : []))];
  const accessibility = l.accessibility.filter((a) => a !== 'not-known');
  const registration = l.registration.required
    ? ['Registration required.', l.registration.url, l.registration.email].filter(Boolean).join(' ')
    : undefined;
  const alternate = l.title.sv ?? l.title.en;
  const locations = l.channels.flatMap((c, i) => {
    if (c.type === 'phone') return [];
    const locationId = nameUuid(`location:${id}:${i}`);
    const location =
      c.type === 'place'
        ? {
            id: locationId,
            location_type: 'physical',
            name: `${l.organisation.name}, ${c.address}`,
            addresses: [{ id: nameUuid(`address:${id}:${i}`), location_id: locationId, address_1: c.address, city: c.municipality, state_province: '', postal_code: c.postcode, country: 'FI', address_type: 'physical' }],
            accessibility: accessibility.map((a) => ({ id: nameUuid(`accessibility:${id}:${i}:${a}`), location_id: locationId, description: ACCESSIBILITY[a] ?? a })),
          }
        : { id: locationId, location_type: 'virtual', name: l.organisation.name, url: c.url };
    return [{ id: nameUuid(`service-at-location:${id}:${i}`), service_id: id, location_id: locationId, location }];
  });
  return {
    id,
    organization_id: org.id,
    name: l.title.fi,
    ...(alternate ? { alternate_name: alternate } : {}),
    description: l.description.fi,
    url: `${siteUrl}/fi/listings/view/?id=${encodeURIComponent(r.id)}`,
    email: l.contact.email,
    status: 'active',
    ...(registration ? { application_process: registration } : {}),
    fees_description: l.cost.free ? ['Free of charge.', l.cost.note].filter(Boolean).join(' ') : (l.cost.note ?? 'Charged.'),
    ...(l.ageRange?.min !== undefined ? { minimum_age: l.ageRange.min } : {}),
    ...(l.ageRange?.max !== undefined ? { maximum_age: l.ageRange.max } : {}),
    ...(r.publishedAt ? { assured_date: r.publishedAt.slice(0, 10) } : {}),
    last_modified: r.updatedAt,
    organization: org,
    languages: l.languages.map((code) => ({ id: nameUuid(`language:${id}:${code}`), service_id: id, code, name: LANGUAGE_NAMES[code] ?? code })),
    phones: phones.map((number, i) => ({ id: nameUuid(`phone:${id}:${i}`), service_id: id, number, type: 'voice' })),
    contacts: [{ id: nameUuid(`contact:${id}`), service_id: id, name: l.contact.name, email: l.contact.email }],
    service_at_locations: locations,
    schedules: hsdsSchedule(id, l, now),
    attributes: [
      ...l.themes.map((t) => taxonomyAttribute(id, { id: themeTermId(t), code: t, taxonomy: 'verkosto-themes', description: `Verkosto theme "${t}"` })),
      ...l.targetGroups.map((g) => taxonomyAttribute(id, { id: targetGroupTermId(g), code: g, taxonomy: 'verkosto-target-groups', description: `Verkosto target group "${g}"` })),
    ],
  };
}

/* ---------- queries ---------- */

export const hsdsListQuery = z.object({
  network: z.string().min(1, 'required').max(41, 'too_long'),
  page: z.coerce.number('invalid').int('invalid').min(1, 'invalid').max(10_000, 'invalid').default(1),
  per_page: z.coerce.number('invalid').int('invalid').min(1, 'invalid').max(100, 'invalid').default(50),
  search: z.string().max(200, 'too_long').optional(),
  organization_id: z.string().max(64, 'too_long').optional(),
  taxonomy_term_id: z.string().max(64, 'too_long').optional(),
  modified_after: z.iso.datetime({ offset: true, error: 'invalid_date' }).optional(),
});
export type HsdsListQuery = z.infer<typeof hsdsListQuery>;

/**
 * The directory entries an HSDS list request selects: by relevance with
 * `search` (the directory's own search: stems, compounds, typos), else in
 * a stable order (by id).
 */
export function selectServices(index: DirectoryIndex, q: HsdsListQuery): DirectoryEntry[] {
  const after = q.modified_after ? new Date(q.modified_after).toISOString() : undefined;
  const selected = (c: DirectoryEntry) =>
    (!q.organization_id || organizationId(c.organisation) === q.organization_id) &&
    (!q.taxonomy_term_id || c.themes.some((t) => themeTermId(t) === q.taxonomy_term_id) || c.targetGroups.some((g) => targetGroupTermId(g) === q.taxonomy_term_id)) &&
    (!after || c.updatedAt > after);
  if (q.search?.trim()) {
    return index.text
      .search(q.search, 'fi')
      .hits.sort((a, b) => b.score - a.score || index.entries[a.id]!.id.localeCompare(index.entries[b.id]!.id))
      .map((h) => index.entries[h.id]!)
      .filter(selected);
  }
  return index.entries.filter(selected).sort((a, b) => a.id.localeCompare(b.id));
}

/** The HSDS API's `Page` around one page of `all`. */
export function page<T>(all: readonly T[], pageNumber: number, perPage: number): { total_items: number; total_pages: number; page_number: number; size: number; first_page: boolean; last_page: boolean; empty: boolean; slice: T[] } {
  const start = (pageNumber - 1) * perPage;
  const slice = all.slice(start, start + perPage);
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  return { total_items: all.length, total_pages: totalPages, page_number: pageNumber, size: slice.length, first_page: pageNumber === 1, last_page: pageNumber >= totalPages, empty: slice.length === 0, slice };
}

/** `GET /api/hsds`: what this API is (the HSDS API's required root). */
export function hsdsMeta(siteUrl: string) {
  return {
    version: HSDS_VERSION,
    openapi_url: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
    description: 'Verkosto: published listings of Finnish regional service networks. Lists take ?network=<id> (see /api/networks).',
    publisher: { name: 'Verkosto', website: siteUrl },
  };
}
