import { invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import type { UiLanguage } from '../shared/i18n.js';
import { cardView, directoryQuery, filterDirectory, listingIcs, publicView, sortDirectory, type DirectoryEntry } from './directory.js';
import { listingIdsFrom } from './hsds.js';
import { clock, directoryCache, listingStore, siteUrl } from './runtime.js';

const store = listingStore();
const site = siteUrl();

const directory = directoryCache(store);
const entries = async (network: string) => (await directory.get(network)).entries;
async function inOrder(network: string, lang: UiLanguage): Promise<DirectoryEntry[]> {
  const loaded = await directory.get(network);
  return (loaded.inOrder[lang] ??= sortDirectory(loaded.entries, lang));
}

async function published(param: string) {
  const r = await store.get(listingIdsFrom(param)[0] ?? param);
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
      const hits = filterDirectory(await inOrder(q.data.network, req.lang), q.data);
      const listings = hits.slice(offset, offset + limit).map((c) => cardView(c, req.lang));
      return { status: 200, body: { network: q.data.network, count: hits.length, offset, limit, listings }, headers: CACHEABLE };
    }
    case 'GET /api/listings/{id}':
      return { status: 200, body: publicView(await published(req.params.id!), req.lang, now, site) };
    case 'GET /api/listings/{id}/calendar.ics': {
      const ics = listingIcs(await published(req.params.id!), site, req.lang, now);
      if (!ics) throw notFound('This listing has no dates');
      return { status: 200, body: ics, headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="listing-${encodeURIComponent(req.params.id!)}.ics"` } };
    }
    default:
  }
  throw notFound('No such route');
});
