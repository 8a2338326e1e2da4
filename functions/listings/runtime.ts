import * as z from '../shared/zod.js';
import { EventBridge, SesV2 } from '../shared/aws/services.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { SesMailer } from '../shared/mailer.js';
import { DynamoOnceStore } from '../shared/once.js';
import { logger } from '../shared/powertools.js';
import { EventBridgePublisher } from '../shared/publisher.js';
import { estimateJsonBytes } from '../shared/lru.js';
import { loadNetworks } from '../shared/networks.js';
import { RefreshingCache } from './directory-cache.js';
import { currentEntries, DirectoryIndex } from './directory.js';
import { DynamoListingStore, type ListingStore } from './store.js';

/**
 * Cold-start builders for the listing handlers: each parses only the
 * variables it needs, so a function that may not send mail has no mail
 * setting to find, and a missing one fails at import, not mid-request.
 */
const table = () => parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) })[ENV.tableName];

export const clock = { now: () => new Date() };
export const listingStore = () => new DynamoListingStore(documentClient(), table());
export const onceStore = () => new DynamoOnceStore(documentClient(), table());
export const publisher = () => new EventBridgePublisher(new EventBridge(), parseEnv({ [ENV.eventBusName]: z.string().check(z.minLength(1)) })[ENV.eventBusName]);
export function mailer() {
  const env = parseEnv({ [ENV.mailSender]: z.email(), [ENV.mailConfigurationSet]: z.optional(z.string()) });
  return new SesMailer(new SesV2(), env[ENV.mailSender], env[ENV.mailConfigurationSet]);
}
export const siteUrl = () => parseEnv({ [ENV.siteUrl]: z.url() })[ENV.siteUrl].replace(/\/$/, '');

export const networks = () => loadNetworks();

/**
 * A network's current entries and their search index, kept per warm
 * Lambda: the directory is read far more often than it changes. Fresh for
 * DIRECTORY_CACHE_SECONDS (5 s); then one reader's request reads the
 * network's directory version (one GetItem). When it moved, the change log
 * says which cards the versions since wrote (one Query) and only those are
 * read (BatchGetItem) and put into the index; when it did not, only the
 * entries whose dates passed are looked at again. Every card is read and
 * the index built anew only on the first request, when the log has a gap
 * or more changes than CHANGES_APPLIED, and at least hourly (which heals a
 * version raise lost to a crash). Up to a minute past fresh, the old
 * entries answer while that check runs, so no reader waits under steady
 * traffic.
 */
const cacheMs = () =>
  parseEnv({ [ENV.directoryCacheSeconds]: z._default(z.coerce.number().check(z.gte(0), z.lte(300)), 5) })[ENV.directoryCacheSeconds] * 1000;
/** Beyond this many changed cards since the last look, reading them all is as cheap as reading the changes. */
const CHANGES_APPLIED = 2000;
const FULL_RELOAD_MS = 3600_000;
export interface LoadedDirectory {
  version: number;
  /** the network's current entries and their search index */
  index: DirectoryIndex;
}
/**
 * The networks kept are bounded by their cards' JSON bytes to an eighth of
 * the function's memory (Lambda sets AWS_LAMBDA_FUNCTION_MEMORY_SIZE; 256 MB
 * offline), least recently read first out: in memory the entries take about
 * 2–3 times their JSON (bench --region measures it), and the rest is the
 * runtime's and the requests'.
 */
export const directoryCacheMaxBytes = () =>
  (parseEnv({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: z._default(z.coerce.number().check(z.int(), z.positive()), 256) }).AWS_LAMBDA_FUNCTION_MEMORY_SIZE * 1024 * 1024) / 8;

export function directoryCache(store: ListingStore, maxBytes = directoryCacheMaxBytes()): RefreshingCache<LoadedDirectory> {
  const ms = cacheMs();
  return new RefreshingCache<LoadedDirectory>({
    load: async (network) => {
      // The version first: a card written during the read is read again at the next check.
      const version = await store.directoryVersion(network);
      return { version, index: new DirectoryIndex(currentEntries(await store.cards(network), clock.now())) };
    },
    revalidate: (network, loaded) => updateDirectory(store, network, loaded),
    now: () => clock.now().getTime(),
    freshMs: ms,
    staleMs: ms * 12,
    maxAgeMs: FULL_RELOAD_MS,
    onBackgroundError: (err) => logger.warn('Directory refresh failed; older entries still answer', { error: (err as Error).name }),
    maxBytes,
    // The cards' JSON; the search index over them is in the heap-per-JSON-byte ratio bench --region measures.
    sizeOf: (loaded) => estimateJsonBytes(loaded.index.entries),
  });
}

/**
 * The directory brought up to date from its change log: the same value
 * when nothing changed (the passing of time applied), a new one holding the
 * same index with the changed cards applied, or undefined when every card
 * must be read (a gap in the log, or too many changes).
 */
export async function updateDirectory(store: ListingStore, network: string, loaded: LoadedDirectory): Promise<LoadedDirectory | undefined> {
  const version = await store.directoryVersion(network);
  const now = clock.now();
  if (version === loaded.version) {
    loaded.index.redate(now);
    return loaded;
  }
  if (version < loaded.version || version - loaded.version > CHANGES_APPLIED) return undefined;
  const changes = await store.directoryChanges(network, loaded.version, version);
  // Every version since must be logged, one entry each, or some change would be missed.
  if (changes.length !== version - loaded.version || changes.some((c, i) => c.version !== loaded.version + 1 + i)) return undefined;
  const ids = [...new Set(changes.map((c) => c.id))];
  const cards = await store.cardsById(network, ids);
  const present = new Set(cards.map((c) => c.id));
  loaded.index.apply(cards, ids.filter((id) => !present.has(id)), now);
  loaded.index.redate(now);
  return { version, index: loaded.index };
}
