import { DomainError, invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { loadNetworks } from '../shared/networks.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import { cardView, directoryQuery, type DirectoryIndex, listingIcs, publicView, searchDirectory } from './directory.js';
import { listingIdsFrom } from './hsds-ids.js';
import { clock, directoryCache, directoryCacheMaxBytes, listingStore, siteUrl } from './runtime.js';

const store = listingStore();
const site = siteUrl();
const known = loadNetworks();

/**
 * A network's current entries and their search index, kept per warm
 * Lambda and bounded by bytes (`directoryCache`, functions/listings/runtime.ts).
 */
export const DIRECTORY_CACHE_MAX_BYTES = directoryCacheMaxBytes();
const directory = directoryCache(store, DIRECTORY_CACHE_MAX_BYTES);
/** What the cache holds now (the bench reads it). */
export const directoryCacheHeld = () => directory.held;
/** Only a hosted network is read and cached: any other string answers 404 and leaves nothing behind. */
async function indexOf(network: string): Promise<DirectoryIndex> {
  if (!known.has(network)) throw notFound('No such network');
  return (await directory.get(network)).index;
}

async function published(param: string) {
  const id = listingIdsFrom(param)[0] ?? param;
  const r = await store.get(id);
  // A listing that was public and no longer is answers 410 with why, so its page can say what happened.
  if (r?.published && (r.status === 'withdrawn' || r.status === 'expired')) throw new DomainError('gone', r.status, `This listing has been ${r.status}`);
  if (!r?.published || r.status !== 'published') throw notFound('No published listing with this id');
  return r;
}

const CACHEABLE = { 'cache-control': 'public, max-age=30' };

/**
 * GET /api/listings?network&q&theme&targetGroup&municipality&language&kind&online&free&lang&offset&limit
 * GET /api/listings/{id}
 * GET /api/listings/{id}/calendar.ics
 */
export const handler = httpHandler({}, async (req): Promise<HttpResult> => {
  const route = req.event.routeKey;
  const now = clock.now();
  switch (route) {
    case 'GET /api/listings': {
      const q = directoryQuery.safeParse(req.query);
      if (!q.success) throw invalid('Bad directory query', issuesToFieldCodes(q.error.issues));
      const { offset, limit } = q.data;
      const { count, page, ...found } = searchDirectory(await indexOf(q.data.network), q.data, req.lang);
      const listings = page(offset, limit).map((h) => cardView(h.entry, req.lang, h.terms));
      return { status: 200, body: { network: q.data.network, count, offset, limit, listings, ...found }, headers: CACHEABLE };
    }
    case 'GET /api/listings/{id}':
      return { status: 200, body: publicView(await published(req.params.id!), req.lang, now, site) };
    case 'GET /api/listings/{id}/calendar.ics': {
      const ics = listingIcs(await published(req.params.id!), site, req.lang, now);
      if (!ics) throw notFound('This listing has no dates');
      return { status: 200, body: ics, headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="listing-${encodeURIComponent(req.params.id!)}.ics"` } };
    }
    default:
      throw notFound('No such route');
  }
});
