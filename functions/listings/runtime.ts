import * as z from '../shared/zod.js';
import { EventBridge, S3, SesV2 } from '../shared/aws/services.js';
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
import { decodeSnapshot, encodeSnapshot, snapshotKey, SNAPSHOT_MAX_AGE_MS, type SnapshotStore } from './directory-snapshot.js';
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
  /** how it was first loaded: from a snapshot (and the change log since), or by reading every card */
  from: 'snapshot' | 'cards';
}

/** The directory snapshots (S3), when the function may read or write them (topology access `snapshots`). */
export class S3SnapshotStore implements SnapshotStore {
  constructor(
    private readonly s3: S3,
    private readonly bucket: string,
  ) {}
  read(network: string): Promise<Uint8Array | undefined> {
    return this.s3.getObject({ Bucket: this.bucket, Key: snapshotKey(network) });
  }
  write(network: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    return this.s3.putObject({ Bucket: this.bucket, Key: snapshotKey(network), Body: bytes, ContentType: 'application/x-brotli' });
  }
}
/** Undefined where the function has no snapshot bucket: it then always reads every card. */
export function snapshotStore(): SnapshotStore | undefined {
  const bucket = parseEnv({ [ENV.snapshotBucket]: z.optional(z.string().check(z.minLength(1))) })[ENV.snapshotBucket];
  return bucket ? new S3SnapshotStore(new S3(), bucket) : undefined;
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

export function directoryCache(store: ListingStore, maxBytes = directoryCacheMaxBytes(), snapshots = snapshotStore()): RefreshingCache<LoadedDirectory> {
  const ms = cacheMs();
  return new RefreshingCache<LoadedDirectory>({
    load: (network) => loadDirectory(store, network, snapshots),
    revalidate: (network, loaded) => updateDirectory(store, network, loaded),
    now: () => clock.now().getTime(),
    freshMs: ms,
    staleMs: ms * 12,
    maxAgeMs: FULL_RELOAD_MS,
    onBackgroundError: (err) => logger.warn('Directory refresh failed; older entries still answer', { error: (err as Error).name }),
    maxBytes,
    // The cards' JSON; the search index over them is in the heap-per-JSON-byte ratio bench --region measures.
    sizeOf: (loaded) => estimateJsonBytes(loaded.index.entries),
    // Kept anyway, alone; the operator should give the function more memory before it runs out.
    onOverBudget: (network, bytes) =>
      logger.warn("One network's directory is larger than the cache budget; raise the directory function's memory", { network, cardsMb: Math.round(bytes / 2 ** 20), budgetMb: Math.round(maxBytes / 2 ** 20) }),
  });
}

/**
 * A network's directory as a cold function loads it: its snapshot brought
 * up to date from the change log when there is a usable one, else every
 * card read and indexed. A snapshot that is missing, unreadable, corrupt,
 * too old or further behind than the change log reaches costs only the
 * attempt.
 */
export async function loadDirectory(store: ListingStore, network: string, snapshots?: SnapshotStore): Promise<LoadedDirectory> {
  const fromSnapshot = snapshots && (await readSnapshot(snapshots, network));
  if (fromSnapshot) {
    const updated = await updateDirectory(store, network, fromSnapshot);
    if (updated) return updated;
    logger.info('Directory snapshot is further behind than the change log reaches; reading every card', { network, snapshotVersion: fromSnapshot.version });
  }
  return fullDirectory(store, network);
}

/** Every card read and indexed. */
async function fullDirectory(store: ListingStore, network: string): Promise<LoadedDirectory> {
  // The version first: a card written during the read is read again at the next check.
  const version = await store.directoryVersion(network);
  return { version, index: new DirectoryIndex(currentEntries(await store.cards(network), clock.now())), from: 'cards' };
}

/** The network's snapshot as a directory to bring up to date, or undefined when there is none or it cannot be used (logged). */
async function readSnapshot(snapshots: SnapshotStore, network: string): Promise<(LoadedDirectory & { fullAt: string }) | undefined> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await snapshots.read(network);
  } catch (err) {
    logger.warn('Directory snapshot could not be read; reading every card', { network, error: (err as Error).name });
    return undefined;
  }
  if (!bytes) return undefined;
  try {
    const { meta, index } = decodeSnapshot(bytes, network, clock.now());
    return { version: meta.version, index, from: 'snapshot', fullAt: meta.fullAt };
  } catch (err) {
    logger.warn('Directory snapshot unusable; reading every card', { network, reason: (err as Error).message });
    return undefined;
  }
}

/** A snapshot grown from the change log is built from every card again after this long, which heals a change whose version raise was lost to a crash (store.ts). */
export const SNAPSHOT_FULL_BUILD_MS = 3600_000;
/** A network without changes gets its snapshot written again after this long, so it never grows too old to read (SNAPSHOT_MAX_AGE_MS). */
export const SNAPSHOT_REWRITE_MS = SNAPSHOT_MAX_AGE_MS - 4 * 3600_000;

export type SnapshotOutcome = 'unchanged' | 'empty' | 'incremental' | 'full';

/**
 * Writes the network's snapshot when its directory moved since the last
 * one: the last snapshot brought up to date from the change log, or every
 * card read and indexed when that is not possible or the last full build
 * is over an hour old. A network without changes is left alone, but for a
 * rewrite before its snapshot would be too old to read.
 */
export async function refreshSnapshot(store: ListingStore, snapshots: SnapshotStore, network: string): Promise<SnapshotOutcome> {
  const now = clock.now();
  const [mark, version] = await Promise.all([store.snapshotMark(network), store.directoryVersion(network)]);
  if (version === 0) return 'empty';
  const sinceFull = mark ? now.getTime() - Date.parse(mark.fullAt) : Infinity;
  if (mark && mark.version === version && sinceFull < SNAPSHOT_REWRITE_MS) return 'unchanged';
  let loaded: LoadedDirectory | undefined;
  let fullAt = now.toISOString();
  if (sinceFull < SNAPSHOT_FULL_BUILD_MS) {
    const last = await readSnapshot(snapshots, network);
    loaded = last && (await updateDirectory(store, network, last));
    if (loaded && last) fullAt = last.fullAt;
  }
  const outcome = loaded ? 'incremental' : 'full';
  loaded ??= await fullDirectory(store, network);
  const builtAt = now.toISOString();
  const bytes = encodeSnapshot({ network, version: loaded.version, builtAt, fullAt }, loaded.index);
  await snapshots.write(network, bytes);
  await store.markSnapshot(network, { version: loaded.version, builtAt, fullAt, bytes: bytes.byteLength });
  return outcome;
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
  return { version, index: loaded.index, from: loaded.from };
}
