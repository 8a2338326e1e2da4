import * as z from '../shared/zod.js';
import { DirectoryIndex, type DirectorySnapshot } from './directory.js';

/**
 * A network's directory index as one object, so a cold function loads it
 * instead of reading every card and indexing them (docs/architecture.md,
 * "Snapshots"): the entries in their slots, the text index with each
 * term's postings as one string, and the directory version it holds. The
 * function then applies the change log since that version, as a warm one
 * does. JSON compressed with brotli: a 50,000-listing snapshot is tens of
 * MB of JSON, and brotli's decompression is several times faster than
 * gzip's at a similar size (bench/scenarios/search-index.ts measures both).
 */

/** What a snapshot says about itself. */
export interface SnapshotMeta {
  network: string;
  /** the directory version whose cards it holds */
  version: number;
  /** ISO instant it was written */
  builtAt: string;
  /** ISO instant the index it grew from was built from every card (a snapshot built from the previous one plus the change log keeps it) */
  fullAt: string;
}

/** Where snapshots are kept: one object per network, overwritten (S3 in AWS, the local object store offline). */
export interface SnapshotStore {
  /** The network's snapshot, or undefined when there is none. */
  read(network: string): Promise<Uint8Array | undefined>;
  write(network: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
}

/**
 * node:zlib when a snapshot is written or read, not at import: most functions
 * bundle this module (through listings/runtime.ts) and never touch a
 * snapshot, and loading zlib was ~1–3 ms of their cold start (issue 16).
 */
const zlib = () => process.getBuiltinModule('node:zlib');

export const SNAPSHOT_FORMAT = 'verkosto.directory-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;
/** Where the snapshots lie in their bucket (the grants and the lifecycle name it). */
export const SNAPSHOT_PREFIX = 'directory/';
/** Its object key: network ids are lower-case letters, digits and hyphens, so the key needs no encoding. */
export const snapshotKey = (network: string) => `${SNAPSHOT_PREFIX}${network}.json.br`;

/**
 * Older than this, a snapshot is not read: the change log that would bring
 * it up to date is kept a day (store.ts), so it would only cost its load
 * before the full build anyway.
 */
export const SNAPSHOT_MAX_AGE_MS = 24 * 3600_000;

/**
 * The envelope; its contents are checked by loading them (a malformed index
 * fails there, and the reader builds from the cards). Built on the first
 * read: the functions that bundle this module for its key names never need it.
 */
const snapshotFile = /* @__PURE__ */ z.lazy(() => {
  const iso = z.iso.datetime();
  const numbers = z.array(z.number());
  return z.object({
    format: z.literal(SNAPSHOT_FORMAT),
    formatVersion: z.literal(SNAPSHOT_FORMAT_VERSION),
    network: z.string().check(z.minLength(1)),
    version: z.int().check(z.minimum(0)),
    builtAt: iso,
    fullAt: iso,
    index: z.object({
      slots: z.array(z.unknown()),
      text: z.object({
        // Element by element only where it is cheap: checking 50,000 pairs and field-length rows cost more than the rest of the load's checks.
        documentIds: z.array(z.unknown()),
        fieldLength: z.array(z.unknown()),
        averageFieldLength: numbers,
        nextId: z.int(),
        terms: z.array(z.unknown()),
        stems: z.array(z.unknown()),
        surface: z.array(z.unknown()),
      }),
      order: z.optional(z.partial(z.object({ fi: numbers, sv: numbers, en: numbers }))),
    }),
  });
});

/** The snapshot of an index, compressed. */
export function encodeSnapshot(meta: SnapshotMeta, index: DirectoryIndex): Uint8Array<ArrayBuffer> {
  const json = JSON.stringify({ format: SNAPSHOT_FORMAT, formatVersion: SNAPSHOT_FORMAT_VERSION, ...meta, index: index.toSnapshot() });
  const { brotliCompressSync, constants } = zlib();
  const out = brotliCompressSync(json, {
    params: {
      // Quality 5 of 11: measured at 50,000 listings, higher qualities took seconds more to write for a few per cent less to read.
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Why a snapshot was not used. */
export class SnapshotUnusable extends Error {
  override readonly name = 'SnapshotUnusable';
}

/**
 * A snapshot read back: its meta and the index it holds. Throws
 * SnapshotUnusable when it is not one (corrupt, another format, another
 * network's) or is older than `maxAgeMs` at `now`.
 */
export function decodeSnapshot(bytes: Uint8Array, network: string, now: Date, maxAgeMs = SNAPSHOT_MAX_AGE_MS): { meta: SnapshotMeta; index: DirectoryIndex } {
  let raw: unknown;
  try {
    raw = JSON.parse(zlib().brotliDecompressSync(bytes).toString('utf8'));
  } catch (err) {
    throw new SnapshotUnusable(`not a compressed JSON snapshot (${(err as Error).name})`);
  }
  const parsed = z.safeParse(snapshotFile, raw);
  if (!parsed.success) throw new SnapshotUnusable(`not a directory snapshot of format ${SNAPSHOT_FORMAT_VERSION}`);
  const { network: of, version, builtAt, fullAt, index } = parsed.data;
  if (of !== network) throw new SnapshotUnusable('a snapshot of another network');
  if (index.text.documentIds.length !== index.text.fieldLength.length || index.text.documentIds.length > index.slots.length) throw new SnapshotUnusable('its parts do not agree');
  if (now.getTime() - Date.parse(builtAt) > maxAgeMs) throw new SnapshotUnusable('too old');
  try {
    return { meta: { network, version, builtAt, fullAt }, index: new DirectoryIndex([], index as DirectorySnapshot) };
  } catch (err) {
    throw new SnapshotUnusable(`its index does not load (${(err as Error).name})`);
  }
}
