import { createHash } from 'node:crypto';
import { TAXONOMY_LABELS } from '../../web/i18n/taxonomy.js';
import { pick, type Localised, type UiLanguage } from '../shared/i18n.js';
import { hitsOf, normalise } from '../shared/search.js';
import { helsinkiToUtc } from '../shared/time.js';
import { byDay, type DirectoryEntry, type DirectoryIndex } from './directory.js';
import { ORGANIZATION_LIST, SAL_LIST, SAL_LIST_LOCATION, SERVICE_LIST, SERVICE_LIST_ORGANIZATION } from './hsds-list-keys.js';
import { lastDay, listingOccurrences } from './recurrence.js';
import { TARGET_GROUPS, THEMES, type ListingInput } from './schema.js';
import type { ListingRecord } from './store.js';

/**
 * Open Referral HSDS 3.0.1 over published listings, so other directories
 * (lahella.fi-style, 211 systems) can import them. Every answer passes the
 * specification's strict profile (no property its schemas do not name): list
 * items carry only the one-to-one fields `hsds-schema/compiled/*_list.json`
 * name, and the item routes the full nesting. Absent values are left out
 * rather than null (the schemas type them as strings). Ids are RFC 9562
 * UUIDs: a listing's is a version-8 UUID carrying its ULID (both open
 * `/services/{id}`), everything else a stable version-5 UUID of its name.
 * Records are in Finnish, the language every listing has; taxonomies and
 * their terms answer in the language asked for (`?lang=` or Accept-Language).
 */

export { HSDS_VERSION, hsdsQueries, type ServiceFilters } from './hsds-queries.js';
import { HSDS_VERSION, type ServiceFilters } from './hsds-queries.js';

/* ---------- ids ---------- */

export { listingIdsFrom, ulidToUuid, uuidToUlid } from './hsds-ids.js';
import { hexUuid, ulidToUuid } from './hsds-ids.js';

/** The id of a listing as an HSDS service, whatever shape its id has. */
export const serviceId = (listingId: string) => ulidToUuid(listingId) ?? nameUuid(`service:${listingId}`);

/** This project's RFC 9562 name space for version-5 ids: the version-5 UUID of `https://verkosto.example.fi/hsds` in the URL name space. */
const NAMESPACE = Buffer.from('e99c91cb01fd5d40ad888d27555ee529', 'hex');

/** A stable RFC 9562 version-5 UUID (SHA-1 of the project's name space and `name`) for an entity named by `name`. */
export function nameUuid(name: string): string {
  const b = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return hexUuid(b.toString('hex'));
}

/** One organisation however many listings name it: by its name, ignoring case and diacritics. */
export const organizationId = (name: string) => nameUuid(`org:${normalise(name)}`);
export const taxonomyId = (taxonomy: TaxonomyCode) => nameUuid(`taxonomy:${taxonomy}`);
export const termId = (taxonomy: TaxonomyCode, code: string) => nameUuid(`term:${taxonomy}:${code}`);
/** The k-th place or online channel of a service (phones are not locations). */
export const serviceAtLocationId = (serviceUuid: string, k: number) => nameUuid(`service-at-location:${serviceUuid}:${k}`);
export const locationId = (serviceUuid: string, k: number) => nameUuid(`location:${serviceUuid}:${k}`);

/* ---------- list items: the one-to-one fields the published list schemas name ---------- */

const only = <T extends object>(o: T, keys: ReadonlySet<string>): Partial<T> => Object.fromEntries(Object.entries(o).filter(([k]) => keys.has(k))) as Partial<T>;

/* ---------- taxonomies ---------- */

export const TAXONOMIES = ['verkosto-themes', 'verkosto-target-groups', 'verkosto-networks'] as const;
export type TaxonomyCode = (typeof TAXONOMIES)[number];

const TAXONOMY_TEXT: Record<TaxonomyCode, Record<UiLanguage, { name: string; description: string }>> = {
  'verkosto-themes': {
    fi: { name: 'Verkosto: aiheet', description: 'Aiheet, joiden mukaan Verkoston palvelut ja toiminta luokitellaan.' },
    sv: { name: 'Verkosto: teman', description: 'Teman som Verkostos tjänster och verksamhet klassificeras efter.' },
    en: { name: 'Verkosto: themes', description: "The themes Verkosto's services and activities are classified by." },
  },
  'verkosto-target-groups': {
    fi: { name: 'Verkosto: kohderyhmät', description: 'Kenelle palvelu tai toiminta on tarkoitettu.' },
    sv: { name: 'Verkosto: målgrupper', description: 'Vem tjänsten eller verksamheten är avsedd för.' },
    en: { name: 'Verkosto: target groups', description: 'Who a service or activity is meant for.' },
  },
  'verkosto-networks': {
    fi: { name: 'Verkosto: verkostot', description: 'Alueellinen verkosto, jossa palvelu on julkaistu.' },
    sv: { name: 'Verkosto: nätverk', description: 'Det regionala nätverk där tjänsten är publicerad.' },
    en: { name: 'Verkosto: networks', description: 'The regional network the service is published in.' },
  },
};

const NETWORK_TERM_DESCRIPTION: Record<UiLanguage, (name: string) => string> = {
  fi: (name) => `Palvelut ja toiminta, jotka on julkaistu verkostossa ${name}.`,
  sv: (name) => `Tjänster och verksamhet publicerade i nätverket ${name}.`,
  en: (name) => `Services and activities published in the network ${name}.`,
};

/** What the HSDS answers are made from besides the listings: this site, the clock and the networks hosted. */
export interface HsdsContext {
  siteUrl: string;
  now: Date;
  networks: ReadonlyArray<{ id: string; name: Localised }>;
}

export function hsdsTaxonomy(code: TaxonomyCode, lang: UiLanguage) {
  return { id: taxonomyId(code), name: TAXONOMY_TEXT[code][lang].name, description: TAXONOMY_TEXT[code][lang].description, version: '1' };
}

export interface HsdsTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  language: UiLanguage;
}

function term(taxonomy: TaxonomyCode, code: string, name: string, description: string, lang: UiLanguage): HsdsTerm {
  return { id: termId(taxonomy, code), code, name, description, taxonomy: TAXONOMY_TEXT[taxonomy][lang].name, taxonomy_id: taxonomyId(taxonomy), language: lang };
}

/** Every term of every taxonomy, named in `lang` (the site's own labels for themes and target groups). */
export function hsdsTerms(ctx: HsdsContext, lang: UiLanguage): HsdsTerm[] {
  const d = TAXONOMY_LABELS[lang] as Record<string, string>;
  return [
    ...THEMES.map((t) => term('verkosto-themes', t, d[`enum.theme.${t}`] ?? t, `${TAXONOMY_TEXT['verkosto-themes'][lang].name}: ${d[`enum.theme.${t}`] ?? t}`, lang)),
    ...TARGET_GROUPS.map((g) => term('verkosto-target-groups', g, d[`enum.targetGroup.${g}`] ?? g, `${TAXONOMY_TEXT['verkosto-target-groups'][lang].name}: ${d[`enum.targetGroup.${g}`] ?? g}`, lang)),
    ...ctx.networks.map((n) => term('verkosto-networks', n.id, pick(n.name, lang), NETWORK_TERM_DESCRIPTION[lang](pick(n.name, lang)), lang)),
  ];
}

/** The term ids a directory entry carries, for filtering by taxonomy_term_id or taxonomy_id. */
const entryTerms = (c: Pick<DirectoryEntry, 'themes' | 'targetGroups' | 'network'>): Array<[TaxonomyCode, string]> => [
  ...c.themes.map((t): [TaxonomyCode, string] => ['verkosto-themes', t]),
  ...c.targetGroups.map((g): [TaxonomyCode, string] => ['verkosto-target-groups', g]),
  ['verkosto-networks', c.network],
];

/* ---------- labels (the record's language is Finnish, the language every listing has) ---------- */

const ORGANISATION_KIND: Record<string, string> = {
  municipal: 'Kunnan palvelu',
  'wellbeing-county': 'Hyvinvointialue',
  association: 'Yhdistys tai järjestö',
  parish: 'Seurakunta',
  project: 'Hanke',
  company: 'Yritys',
};

const LANGUAGE_NAMES: Record<string, string> = {
  fi: 'suomi', sv: 'ruotsi', en: 'englanti', se: 'pohjoissaame', ar: 'arabia', so: 'somali', uk: 'ukraina',
  ru: 'venäjä', et: 'viro', fa: 'persia', ku: 'kurdi', fse: 'suomalainen viittomakieli',
};

const ACCESSIBILITY: Record<string, string> = {
  wheelchair: 'Esteetön kulku pyörätuolilla',
  'induction-loop': 'Induktiosilmukka',
  'accessible-toilet': 'Esteetön wc',
  parking: 'Esteetön pysäköinti',
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
      ? {
          // org-id.guide's scheme for the Finnish Patent and Registration Office's business ids
          organization_identifiers: [{ id: nameUuid(`org-identifier:${o.businessId}`), organization_id: id, identifier_scheme: 'FI-PRO', identifier_type: 'Y-tunnus', identifier: o.businessId }],
        }
      : {}),
  };
}
export type HsdsOrganization = ReturnType<typeof hsdsOrganization>;

/** An organisation as a list item: one-to-one fields only. */
export const organizationListItem = (o: HsdsOrganization) => only(o, ORGANIZATION_LIST);

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
    description: 'Ajat ovat Suomen aikaa (Europe/Helsinki); UTC-ero on ensimmäisen päivän.',
    ...validity,
  };
  if (s.type === 'once') return [{ ...common, until: s.date }];
  const until = lastDay(l);
  return [{ ...common, freq: s.frequency === 'weekly' ? 'WEEKLY' : 'MONTHLY', interval: 1, byday: byDay(s), wkst: 'MO', ...(until ? { until } : {}) }];
}

/** Phone numbers compared as dialled: spaces, dashes and brackets do not make another number. */
const dialled = (n: string) => n.replace(/[^0-9+]/g, '');

/** A place or online channel as an HSDS location, with what the list schema allows of it. */
function hsdsLocation(serviceUuid: string, k: number, l: ListingInput, c: Exclude<ListingInput['channels'][number], { type: 'phone' }>) {
  const id = locationId(serviceUuid, k);
  if (c.type === 'online') return { id, location_type: 'virtual', name: l.organisation.name, url: c.url };
  const accessibility = l.accessibility.filter((a) => a !== 'not-known');
  return {
    id,
    location_type: 'physical',
    name: `${l.organisation.name}, ${c.address}`,
    addresses: [{ id: nameUuid(`address:${serviceUuid}:${k}`), location_id: id, address_1: c.address, city: c.municipality, state_province: '', postal_code: c.postcode, country: 'FI', address_type: 'physical' }],
    accessibility: accessibility.map((a) => ({ id: nameUuid(`accessibility:${serviceUuid}:${k}:${a}`), location_id: id, description: ACCESSIBILITY[a] ?? a })),
  };
}

/** The service's places and online channels in order, each with its index among them. */
const placesOf = (l: ListingInput) => l.channels.filter((c): c is Exclude<typeof c, { type: 'phone' }> => c.type !== 'phone');

/** A published listing as a fully nested HSDS 3.0.1 service. */
export function hsdsService(r: ListingRecord, ctx: HsdsContext) {
  const l = r.published!;
  const id = serviceId(r.id);
  const org = hsdsOrganization(l.organisation);
  const numbers = [...(l.contact.phone ? [l.contact.phone] : []), ...l.channels.flatMap((c) => (c.type === 'phone' ? [c.phone] : []))];
  const phones = numbers.filter((n, i) => numbers.findIndex((m) => dialled(m) === dialled(n)) === i);
  const registration = l.registration.required ? ['Ilmoittautuminen vaaditaan.', l.registration.url, l.registration.email].filter(Boolean).join(' ') : undefined;
  const alternate = l.title.sv ?? l.title.en;
  const terms = new Map(hsdsTerms(ctx, 'fi').map((t) => [t.id, t]));
  return {
    id,
    organization_id: org.id,
    name: l.title.fi,
    ...(alternate ? { alternate_name: alternate } : {}),
    description: l.description.fi,
    url: `${ctx.siteUrl}/fi/listings/view/?id=${encodeURIComponent(r.id)}`,
    email: l.contact.email,
    status: 'active',
    ...(registration ? { application_process: registration } : {}),
    fees_description: [l.cost.free ? 'Maksuton.' : 'Maksullinen.', l.cost.note].filter(Boolean).join(' '),
    ...(l.ageRange?.min !== undefined ? { minimum_age: l.ageRange.min } : {}),
    ...(l.ageRange?.max !== undefined ? { maximum_age: l.ageRange.max } : {}),
    ...(r.publishedAt ? { assured_date: r.publishedAt.slice(0, 10) } : {}),
    last_modified: r.updatedAt,
    organization: org,
    languages: l.languages.map((code) => ({ id: nameUuid(`language:${id}:${code}`), service_id: id, code, name: LANGUAGE_NAMES[code] ?? code })),
    phones: phones.map((number, i) => ({ id: nameUuid(`phone:${id}:${i}`), service_id: id, number, type: 'voice' })),
    contacts: [{ id: nameUuid(`contact:${id}`), service_id: id, name: l.contact.name, email: l.contact.email }],
    service_at_locations: placesOf(l).map((c, k) => ({ id: serviceAtLocationId(id, k), service_id: id, location_id: locationId(id, k), location: hsdsLocation(id, k, l, c) })),
    schedules: hsdsSchedule(id, l, ctx.now),
    attributes: entryTerms({ ...l, network: r.network }).flatMap(([taxonomy, code]) => {
      const t = terms.get(termId(taxonomy, code));
      return t ? [{ id: nameUuid(`attribute:${id}:${t.id}`), link_id: id, link_type: 'taxonomy_term', link_entity: 'service', taxonomy_term_id: t.id, taxonomy_term: t }] : [];
    }),
  };
}
export type HsdsService = ReturnType<typeof hsdsService>;

/** A service as a list item: one-to-one fields only, its organisation likewise. */
export const serviceListItem = (s: HsdsService) => ({ ...only(s, SERVICE_LIST), organization: only(s.organization, SERVICE_LIST_ORGANIZATION) });

/** The service at one of its locations, nested as `/service_at_locations/{id}` answers it. */
export function hsdsServiceAtLocation(s: HsdsService, salId: string) {
  const sal = s.service_at_locations.find((x) => x.id === salId);
  if (!sal) return undefined;
  const { service_at_locations: _all, ...service } = s;
  return { ...sal, service };
}

/** Every service-at-location of a service as list items: the location's and the service's one-to-one fields. */
export const serviceAtLocationListItems = (s: HsdsService) =>
  s.service_at_locations.map((sal) => ({ ...only(sal, SAL_LIST), location: only(sal.location, SAL_LIST_LOCATION), service: serviceListItem(s) }));

/* ---------- queries ---------- */


/**
 * The HSDS `search` parameter's one call into the search engine (the
 * directory's own: stems, compounds, typos): the entries of `indexes` that
 * match `text`, most relevant first; undefined without a search.
 */
export function searchEntries(indexes: readonly DirectoryIndex[], text: string | undefined): DirectoryEntry[] | undefined {
  if (!text?.trim()) return undefined;
  return indexes
    .flatMap((ix) => hitsOf(ix.text.search(text, 'fi').ranking).map((h) => ({ entry: ix.entry(h.id), score: h.score })))
    .sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id))
    .map((h) => h.entry);
}

/** The directory entries a services (or service-at-locations) request selects: by relevance with `search`, else by id. */
export function selectServices(indexes: readonly DirectoryIndex[], q: ServiceFilters): DirectoryEntry[] {
  const all = searchEntries(indexes, q.search) ?? indexes.flatMap((ix) => ix.entries).sort((a, b) => a.id.localeCompare(b.id));
  return all.filter(
    (c) =>
      (!q.organization_id || organizationId(c.organisation) === q.organization_id) &&
      (!q.taxonomy_term_id || entryTerms(c).some(([t, code]) => termId(t, code) === q.taxonomy_term_id)) &&
      (!q.taxonomy_id || entryTerms(c).some(([t]) => taxonomyId(t) === q.taxonomy_id)) &&
      // Compared as instants: stored times may lack milliseconds, and "…12Z" sorts after "…12.001Z" as text.
      (!q.modified_after || Date.parse(c.updatedAt) >= Date.parse(q.modified_after)),
  );
}

/** The HSDS API's `Page` around one page of `all`. */
export function page<T>(all: readonly T[], pageNumber: number, perPage: number): { total_items: number; total_pages: number; page_number: number; size: number; first_page: boolean; last_page: boolean; empty: boolean; slice: T[] } {
  const start = (pageNumber - 1) * perPage;
  const slice = all.slice(start, start + perPage);
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  return { total_items: all.length, total_pages: totalPages, page_number: pageNumber, size: slice.length, first_page: pageNumber === 1, last_page: pageNumber >= totalPages, empty: slice.length === 0, slice };
}

/** `GET /api/hsds`: the HSDS API's required root. */
export function hsdsMeta(siteUrl: string) {
  return { version: HSDS_VERSION, openapi_url: `${siteUrl}/api/hsds/openapi.json` };
}
