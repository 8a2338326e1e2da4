import * as z from 'zod';
import { ENV, parseEnv } from '../shared/env.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { estimateJsonBytes } from '../shared/lru.js';
import { loadNetworks } from '../shared/networks.js';
import { logger } from '../shared/powertools.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import { RefreshingCache } from './directory-cache.js';
import { cardView, currentEntries, directoryQuery, DirectoryIndex, listingIcs, publicView, searchDirectory } from './directory.js';
import { listingIdsFrom } from './hsds.js';
import { clock, listingStore, siteUrl } from './runtime.js';

const store = listingStore();
const site = siteUrl();
const known = loadNetworks();

/**
 * A network's current entries and their search index, kept per warm
 * Lambda (one map entry per network): the directory is read far more often
 * than it changes. Fresh for DIRECTORY_CACHE_SECONDS (5 s); then one
 * reader's request reads the network's directory version (one GetItem)
 * and, unless a card changed, keeps the index for another interval; the
 * cards are read again (one paged Query, never a Scan) and the index built
 * anew when one changed, and at least every 5 minutes so next dates move
 * on. Up to a minute past fresh, the old index answers while that check
 * runs, so no reader waits for a reload under steady traffic.
 */
const CACHE_MS = parseEnv({ [ENV.directoryCacheSeconds]: z.coerce.number().min(0).max(300).default(5) })[ENV.directoryCacheSeconds] * 1000;
/**
 * The networks kept are bounded by their cards' JSON bytes to an eighth of
 * the function's memory (Lambda sets AWS_LAMBDA_FUNCTION_MEMORY_SIZE; 256 MB
 * offline), least recently read first out: in memory the entries take about
 * 2–3 times their JSON (bench --region measures it), and the rest is the
 * runtime's and the requests'.
 */
const MEMORY_MB = parseEnv({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: z.coerce.number().int().positive().default(256) }).AWS_LAMBDA_FUNCTION_MEMORY_SIZE;
export const DIRECTORY_CACHE_MAX_BYTES = (MEMORY_MB * 1024 * 1024) / 8;
interface Loaded {
  version: number;
  index: DirectoryIndex;
}
const directory = new RefreshingCache<Loaded>({
  load: async (network) => {
    // The version first: a card written during the read makes the next check reload.
    const version = await store.directoryVersion(network);
    return { version, index: new DirectoryIndex(currentEntries(await store.cards(network), clock.now())) };
  },
  isCurrent: async (network, loaded) => (await store.directoryVersion(network)) === loaded.version,
  now: () => clock.now().getTime(),
  freshMs: CACHE_MS,
  staleMs: CACHE_MS * 12,
  maxAgeMs: Math.min(CACHE_MS * 60, 300_000),
  onBackgroundError: (err) => logger.warn('Directory refresh failed; older entries still answer', { error: (err as Error).name }),
  maxBytes: DIRECTORY_CACHE_MAX_BYTES,
  // The cards' JSON; the search index over them is in the heap-per-JSON-byte ratio bench --region measures.
  sizeOf: (loaded) => estimateJsonBytes(loaded.index.entries),
});
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
      const { hits, ...found } = searchDirectory(await indexOf(q.data.network), q.data, req.lang);
      const listings = hits.slice(offset, offset + limit).map((h) => cardView(h.entry, req.lang, h.terms));
      return { status: 200, body: { network: q.data.network, count: hits.length, offset, limit, listings, ...found }, headers: CACHEABLE };
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
