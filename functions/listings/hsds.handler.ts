import { invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { normalise } from '../shared/search.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import type * as z from '../shared/zod.js';
import type { DirectoryEntry, DirectoryIndex } from './directory.js';
import {
  hsdsMeta,
  hsdsOrganization,
  hsdsQueries,
  hsdsService,
  hsdsServiceAtLocation,
  hsdsTaxonomy,
  hsdsTerms,
  listingIdsFrom,
  organizationId,
  organizationListItem,
  page,
  selectServices,
  serviceAtLocationId,
  serviceAtLocationListItems,
  serviceId,
  serviceListItem,
  TAXONOMIES,
  taxonomyId,
  type HsdsContext,
  type HsdsService,
} from './hsds.js';
import { clock, directoryCache, listingStore, networks, siteUrl } from './runtime.js';
import type { ListingRecord } from './store.js';

const store = listingStore();
const site = siteUrl();
const known = networks();
const directory = directoryCache(store);

/** Every word of `query` in `text`, ignoring case and diacritics: names of organisations and terms are short. */
const matchesQuery = (text: string, query: string) => normalise(query).split(' ').filter(Boolean).every((w) => text.includes(w));

const CACHEABLE = { 'cache-control': 'public, max-age=30' };
/** The most records one ndjson answer reads (one GetItem each); past it, page with format=json. */
const NDJSON_MAX = 1_000;
/** GetItems in flight at once while reading a page's records. */
const READ_CONCURRENCY = 25;

const ctx = (): HsdsContext => ({ siteUrl: site, now: clock.now(), networks: known.all });

function parse<S extends z.ZodMiniType>(schema: S, query: Record<string, string>): z.infer<S> {
  const q = schema.safeParse(query);
  if (!q.success) throw invalid('Bad query', issuesToFieldCodes(q.error.issues));
  return q.data;
}

/** The search indexes of one network, or of every network hosted. */
async function indexesOf(network?: string): Promise<DirectoryIndex[]> {
  if (network !== undefined && !known.has(network)) throw invalid('Bad query', { network: 'invalid_choice' });
  const ids = network ? [network] : known.all.map((n) => n.id);
  return (await Promise.all(ids.map((n) => directory.get(n)))).map((d) => d.index);
}

/** The current entries of one network, or of every network hosted. */
const entriesOf = async (network?: string): Promise<DirectoryEntry[]> => (await indexesOf(network)).flatMap((ix) => [...ix.entries]);

/** The published records of `ids`, in order (a listing withdrawn since its card was read is left out). */
async function publishedRecords(ids: readonly string[]): Promise<ListingRecord[]> {
  const out: Array<ListingRecord | undefined> = [];
  for (let i = 0; i < ids.length; i += READ_CONCURRENCY) out.push(...(await Promise.all(ids.slice(i, i + READ_CONCURRENCY).map((id) => store.get(id)))));
  return out.filter((r): r is ListingRecord => r?.status === 'published' && r.published !== undefined);
}

async function fullServices(ids: readonly string[]): Promise<HsdsService[]> {
  const c = ctx();
  return (await publishedRecords(ids)).map((r) => hsdsService(r, c));
}

/** A page of `all` as HSDS answers lists, or every item as ndjson. */
async function listAnswer<T>(q: { format: 'json' | 'ndjson'; page: number; per_page: number }, all: readonly T[], items: (slice: readonly T[]) => Promise<unknown[]> | unknown[]): Promise<HttpResult> {
  if (q.format === 'ndjson') {
    if (all.length > NDJSON_MAX) throw invalid(`More than ${NDJSON_MAX} results: page them with format=json or narrow the query`, { format: 'too_many' });
    const out = await items(all);
    return { status: 200, body: out.map((o) => `${JSON.stringify(o)}\n`).join(''), headers: { 'content-type': 'application/x-ndjson; charset=utf-8', ...CACHEABLE } };
  }
  const { slice, ...meta } = page(all, q.page, q.per_page);
  const contents = await items(slice);
  return { status: 200, body: { ...meta, size: contents.length, contents }, headers: CACHEABLE };
}

/** A published service by its UUID (version 8, or the earlier form) or its listing id. */
async function serviceById(param: string): Promise<HsdsService> {
  for (const id of listingIdsFrom(param)) {
    const [s] = await fullServices([id]);
    if (s) return s;
  }
  throw notFound('No published service with this id');
}

/** Each entry's service-at-locations as (entry, index among its places) pairs; cards written before they counted places read their record. */
async function locationsOf(entries: readonly DirectoryEntry[]): Promise<Array<{ entry: DirectoryEntry; k: number }>> {
  const uncounted = entries.filter((e) => e.locations === undefined).map((e) => e.id);
  const counted = new Map((await publishedRecords(uncounted)).map((r) => [r.id, r.published!.channels.filter((c) => c.type !== 'phone').length]));
  return entries.flatMap((entry) => Array.from({ length: entry.locations ?? counted.get(entry.id) ?? 0 }, (_, k) => ({ entry, k })));
}

/** Organisations (one per name, ignoring case and diacritics) of the entries, by id. */
function organizationsOf(entries: readonly DirectoryEntry[]) {
  const orgs = new Map<string, { org: ReturnType<typeof hsdsOrganization>; services: string[] }>();
  for (const c of entries) {
    const id = organizationId(c.organisation);
    const known = orgs.get(id) ?? { org: hsdsOrganization({ name: c.organisation, kind: c.organisationKind, businessId: c.organisationBusinessId }), services: [] };
    known.services.push(c.id);
    orgs.set(id, known);
  }
  return orgs;
}

/** An organisation in full, with its services fully nested when asked (`full_service`). */
async function fullOrganization(o: { org: ReturnType<typeof hsdsOrganization>; services: string[] }, withServices: boolean) {
  if (!withServices) return o.org;
  const services = (await fullServices([...o.services].sort())).map(({ organization: _org, ...s }) => s);
  return { ...o.org, services };
}

/**
 * The Open Referral HSDS 3.0.1 API (see docs/api.md):
 * GET /api/hsds (the OpenAPI document is hsds-openapi.handler.ts)
 * GET /api/hsds/services · /services/{id} · /organizations · /organizations/{id}
 * GET /api/hsds/service_at_locations · /service_at_locations/{id}
 * GET /api/hsds/taxonomies · /taxonomies/{id} · /taxonomy_terms · /taxonomy_terms/{id}
 */
export const handler = httpHandler({}, async (req): Promise<HttpResult> => {
  const id = req.params.id;
  switch (req.event.routeKey) {
    case 'GET /api/hsds':
      return { status: 200, body: hsdsMeta(site), headers: CACHEABLE };

    case 'GET /api/hsds/services': {
      const q = parse(hsdsQueries.services, req.query);
      const selected = selectServices(await indexesOf(q.network), q);
      if (q.minimal) return { status: 200, body: selected.map((c) => ({ id: serviceId(c.id), modified_date: c.updatedAt })), headers: CACHEABLE };
      return listAnswer(q, selected, async (slice) => {
        const services = await fullServices(slice.map((c) => c.id));
        return q.full ? services : services.map(serviceListItem);
      });
    }
    case 'GET /api/hsds/services/{id}':
      return { status: 200, body: await serviceById(id!) };

    case 'GET /api/hsds/service_at_locations': {
      const q = parse(hsdsQueries.serviceAtLocations, req.query);
      const all = await locationsOf(selectServices(await indexesOf(q.network), q));
      return listAnswer(q, all, async (slice) => {
        const services = new Map((await fullServices([...new Set(slice.map((x) => x.entry.id))])).map((s) => [s.id, s]));
        return slice.flatMap(({ entry, k }) => {
          const s = services.get(serviceId(entry.id));
          if (!s) return [];
          const salId = serviceAtLocationId(s.id, k);
          return q.full ? [hsdsServiceAtLocation(s, salId)!] : serviceAtLocationListItems(s).filter((x) => x.id === salId);
        });
      });
    }
    case 'GET /api/hsds/service_at_locations/{id}': {
      const wanted = id!.toLowerCase();
      const hit = (await locationsOf(await entriesOf())).find(({ entry, k }) => serviceAtLocationId(serviceId(entry.id), k) === wanted);
      const sal = hit && (await fullServices([hit.entry.id])).map((s) => hsdsServiceAtLocation(s, wanted))[0];
      if (!sal) throw notFound('No service at location with this id');
      return { status: 200, body: sal };
    }

    case 'GET /api/hsds/organizations': {
      const q = parse(hsdsQueries.organizations, req.query);
      const orgs = [...organizationsOf(await entriesOf(q.network)).values()]
        .filter((o) => !q.search?.trim() || matchesQuery(normalise(o.org.name), q.search))
        .sort((a, b) => a.org.id.localeCompare(b.org.id));
      return listAnswer(q, orgs, (slice) => (q.full || q.full_service ? Promise.all(slice.map((o) => fullOrganization(o, q.full_service))) : slice.map((o) => organizationListItem(o.org))));
    }
    case 'GET /api/hsds/organizations/{id}': {
      const q = parse(hsdsQueries.organization, req.query);
      const o = organizationsOf(await entriesOf()).get(id!.toLowerCase());
      if (!o) throw notFound('No organization with this id');
      return { status: 200, body: await fullOrganization(o, q.full_service) };
    }

    case 'GET /api/hsds/taxonomies': {
      const q = parse(hsdsQueries.taxonomies, req.query);
      const all = TAXONOMIES.map((t) => hsdsTaxonomy(t, req.lang)).filter((t) => !q.search?.trim() || matchesQuery(normalise(`${t.name} ${t.description}`), q.search));
      return listAnswer(q, all, (slice) => [...slice]);
    }
    case 'GET /api/hsds/taxonomies/{id}': {
      const code = TAXONOMIES.find((t) => taxonomyId(t) === id!.toLowerCase());
      if (!code) throw notFound('No taxonomy with this id');
      return { status: 200, body: hsdsTaxonomy(code, req.lang), headers: CACHEABLE };
    }
    case 'GET /api/hsds/taxonomy_terms': {
      const q = parse(hsdsQueries.taxonomyTerms, req.query);
      // Every term is top-level: none has a parent, so parent_id selects nothing.
      const all = hsdsTerms(ctx(), req.lang).filter(
        (t) => (!q.taxonomy_id || t.taxonomy_id === q.taxonomy_id) && !q.parent_id && (!q.search?.trim() || matchesQuery(normalise(`${t.code} ${t.name}`), q.search)),
      );
      return listAnswer(q, all, (slice) => [...slice]);
    }
    case 'GET /api/hsds/taxonomy_terms/{id}': {
      const t = hsdsTerms(ctx(), req.lang).find((x) => x.id === id!.toLowerCase());
      if (!t) throw notFound('No taxonomy term with this id');
      return { status: 200, body: t, headers: CACHEABLE };
    }
    default:
      throw notFound('No such route');
  }
});
