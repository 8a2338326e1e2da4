import * as z from 'zod';
import { ENV, parseEnv } from '../shared/env.js';
import { invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { cardView, directoryQuery, hsdsOrganization, hsdsService, listingIcs, orgId, publicView, searchDirectory } from './directory.js';
import { clock, listingStore, siteUrl } from './runtime.js';
import type { DirectoryCard } from './store.js';
import { issuesToFieldCodes } from '../shared/validation.js';

const store = listingStore();
const site = siteUrl();

/**
 * A network's cards, kept a few seconds per warm Lambda: the directory is read
 * far more often than it changes, and a moderation decision may take that
 * long to show. One Query (paged) per network per interval, never a Scan.
 */
const CACHE_MS = parseEnv({ [ENV.directoryCacheSeconds]: z.coerce.number().min(0).max(300).default(5) })[ENV.directoryCacheSeconds] * 1000;
const cache = new Map<string, { at: number; cards: DirectoryCard[] }>();
async function cards(network: string): Promise<DirectoryCard[]> {
  const hit = cache.get(network);
  if (hit && clock.now().getTime() - hit.at < CACHE_MS) return hit.cards;
  const fresh = await store.cards(network);
  cache.set(network, { at: clock.now().getTime(), cards: fresh });
  return fresh;
}

const hsdsQuery = z.object({ network: z.string().min(1).max(41), page: z.coerce.number().int().min(1).max(10_000).default(1), per_page: z.coerce.number().int().min(1).max(100).default(50) });

async function published(id: string) {
  const r = await store.get(id);
  if (!r?.published || r.status !== 'published') throw notFound('No published listing with this id');
  return r;
}

/**
 * GET /api/listings?network&q&theme&targetGroup&municipality&language&kind&online&free&lang
 * GET /api/listings/{id}
 * GET /api/listings/{id}/calendar.ics
 * GET /api/hsds/services?network&page&per_page · /api/hsds/services/{id} · /api/hsds/organizations?network
 */
export const handler = httpHandler({}, async (req): Promise<HttpResult> => {
  const route = req.event.routeKey;
  const now = clock.now();
  if (route === 'GET /api/listings') {
    const q = directoryQuery.safeParse(req.query);
    if (!q.success) throw invalid('Bad directory query', issuesToFieldCodes(q.error.issues));
    const hits = searchDirectory(await cards(q.data.network), q.data, req.lang);
    return { status: 200, body: { network: q.data.network, count: hits.length, listings: hits.map((c) => cardView(c, req.lang)) }, headers: { 'cache-control': 'public, max-age=30' } };
  }
  if (route === 'GET /api/listings/{id}') return { status: 200, body: publicView(await published(req.params.id!), req.lang, now) };
  if (route === 'GET /api/listings/{id}/calendar.ics') {
    const ics = listingIcs(await published(req.params.id!), site, req.lang, now);
    if (!ics) throw notFound('This listing has no dates');
    return { status: 200, body: ics, headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${req.params.id}.ics"` } };
  }
  if (route === 'GET /api/hsds/services/{id}') return { status: 200, body: hsdsService(await published(req.params.id!), site) };
  const q = hsdsQuery.safeParse(req.query);
  if (!q.success) throw invalid('Bad query', issuesToFieldCodes(q.error.issues));
  const all = await cards(q.data.network);
  if (route === 'GET /api/hsds/organizations') {
    const orgs = new Map(all.map((c) => [orgId(c.organisation), hsdsOrganization(c.organisation, c.organisationKind)]));
    return { status: 200, body: { total_items: orgs.size, contents: [...orgs.values()] } };
  }
  const start = (q.data.page - 1) * q.data.per_page;
  const page = all.slice(start, start + q.data.per_page);
  const records = await Promise.all(page.map((c) => store.get(c.id)));
  const contents = records.filter((r) => r?.published && r.status === 'published').map((r) => hsdsService(r!, site));
  return {
    status: 200,
    body: { total_items: all.length, total_pages: Math.ceil(all.length / q.data.per_page), page_number: q.data.page, size: contents.length, first_page: q.data.page === 1, last_page: start + q.data.per_page >= all.length, empty: contents.length === 0, contents },
  };
});
