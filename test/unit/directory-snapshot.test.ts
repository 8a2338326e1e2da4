import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { currentEntries, directoryQuery, DirectoryIndex, searchDirectory, type DirectoryEntry } from '../../functions/listings/directory.js';
import { decodeSnapshot, encodeSnapshot, SnapshotUnusable, type SnapshotMeta, type SnapshotStore } from '../../functions/listings/directory-snapshot.js';
import { toCard } from '../../functions/listings/listings.js';
import { clock, loadDirectory, refreshSnapshot, SNAPSHOT_FULL_BUILD_MS } from '../../functions/listings/runtime.js';
import type { DirectoryCard, DirectoryChange, ListingStore, SnapshotMark } from '../../functions/listings/store.js';
import { evalRecords } from '../search/evaluate.js';
import { EVAL_QUERIES } from '../search/queries.js';

const NETWORK = 'kemi-perhekeskus';
const NOW = new Date('2026-11-15T10:00:00.000Z');
const realNow = clock.now;
afterEach(() => {
  clock.now = realNow;
});

const cards = (): DirectoryCard[] => evalRecords(NETWORK).map(toCard);
const meta = (over: Partial<SnapshotMeta> = {}): SnapshotMeta => ({ network: NETWORK, version: 7, builtAt: NOW.toISOString(), fullAt: NOW.toISOString(), ...over });
/** Everything an answer says: hits in order with their scores' order, matched terms, facets, "did you mean", relaxations. */
function answer(index: DirectoryIndex, q: string, lang: 'fi' | 'sv' | 'en' = 'fi') {
  const { page, count, ...rest } = searchDirectory(index, directoryQuery.parse({ network: NETWORK, q }), lang);
  return { count, hits: page(0, count).map((h) => [h.entry.id, h.entry.next, [...h.terms].sort()]), ...rest };
}
const retitled = (c: DirectoryCard, fi: string): DirectoryCard => ({ ...c, title: { ...c.title, fi }, seq: c.seq + 1 });

describe('directory snapshots: what a cold function loads', () => {
  it('answers every evaluation query exactly as the index it was taken from', () => {
    // Arrange
    const built = new DirectoryIndex(currentEntries(cards(), NOW));

    // Act
    const loaded = decodeSnapshot(encodeSnapshot(meta(), built), NETWORK, NOW);

    // Assert
    expect(loaded.meta).toEqual(meta());
    expect(loaded.index.entries.length).toBe(built.entries.length);
    for (const q of EVAL_QUERIES) expect(answer(loaded.index, q.q, q.lang ?? 'fi'), q.q).toEqual(answer(built, q.q, q.lang ?? 'fi'));
    expect(answer(loaded.index, '')).toEqual(answer(built, ''));
    expect(answer(loaded.index, 'perhekahvla').suggestion).toBe('perhekahvila');
  });

  it('keeps the changes applied before it was taken, and takes later ones after loading', () => {
    // Arrange: one listing removed, one retitled, one added, as the change log brings them
    const [first, second, ...rest] = cards();
    const index = new DirectoryIndex(currentEntries([first!, second!, ...rest], NOW));
    index.apply([retitled(second!, 'Lukupiiri isovanhemmille'), { ...first!, id: 'uusi', title: { fi: 'Muskarikerho vauvoille' } }], [first!.id], NOW);
    index.text.search('kahvila', 'fi');

    // Act
    const loaded = decodeSnapshot(encodeSnapshot(meta(), index), NETWORK, NOW).index;
    loaded.apply([retitled(rest[0]!, 'Shakkikerho eläkeläisille')], [], NOW);

    // Assert
    const titles = (q: string) => answer(loaded, q).hits.map(([id]) => loaded.entries.find((e) => e.id === id)!.title.fi);
    expect(titles('lukupiiri')).toEqual(['Lukupiiri isovanhemmille']);
    expect(titles('muskarikerho')).toEqual(['Muskarikerho vauvoille']);
    expect(titles('shakkikerho')).toEqual(['Shakkikerho eläkeläisille']);
    expect(loaded.entries.some((e) => e.id === first!.id)).toBe(false);
    expect(loaded.entries.length).toBe(index.entries.length);
  });

  it('answers as the index it was taken from after the same changes are applied to both', () => {
    // Arrange: two cards changed in words many other listings share, one added
    const [first, second, third] = cards();
    const change = [retitled(first!, 'Perhekahvila ja olohuone'), { ...second!, summary: { fi: 'Vertaistukea ja perhekahvila joka viikko.' }, seq: second!.seq + 1 }, { ...third!, id: 'uusi', title: { fi: 'Perhekerho Kemissä' } }];
    const built = new DirectoryIndex(currentEntries(cards(), NOW));
    const loaded = decodeSnapshot(encodeSnapshot(meta(), built), NETWORK, NOW).index;

    // Act
    built.apply(change, [], NOW);
    loaded.apply(change, [], NOW);

    // Assert
    for (const q of EVAL_QUERIES) expect(answer(loaded, q.q, q.lang ?? 'fi'), q.q).toEqual(answer(built, q.q, q.lang ?? 'fi'));
    expect(answer(loaded, 'perhekahvila').hits.map(([id]) => id)).toEqual(expect.arrayContaining([first!.id, second!.id]));
  });

  it('loses nothing when a loaded snapshot is taken again unchanged (the builder grows each from the last)', () => {
    // Arrange
    const taken = new DirectoryIndex(currentEntries(cards(), NOW)).toSnapshot();

    // Act
    const again = new DirectoryIndex([], JSON.parse(JSON.stringify(taken))).toSnapshot();

    // Assert: the same data, terms in any order
    const sorted = (s: typeof taken) => ({ ...s, text: { ...s.text, terms: [...s.text.terms].sort(([a], [b]) => (a < b ? -1 : 1)) } });
    expect(sorted(again)).toEqual(sorted(taken));
  });

  it.each([
    ['bytes that are not compressed', () => new Uint8Array([1, 2, 3])],
    ['compressed text that is not JSON', () => brotliCompressSync('{"format":')],
    ['JSON of another format', () => brotliCompressSync(JSON.stringify({ format: 'something-else', version: 1 }))],
    ['a snapshot whose parts do not agree', () => {
      const json = JSON.parse(brotliDecompressSync(encodeSnapshot(meta(), new DirectoryIndex(currentEntries(cards(), NOW)))).toString());
      json.index.text.fieldLength.pop();
      return brotliCompressSync(JSON.stringify(json));
    }],
  ])('refuses %s', (_what, bytes) => {
    expect(() => decodeSnapshot(bytes(), NETWORK, NOW)).toThrow(SnapshotUnusable);
  });

  it("refuses another network's snapshot, and one older than a day", () => {
    // Arrange
    const index = new DirectoryIndex(currentEntries(cards(), NOW));

    // Act / Assert
    expect(() => decodeSnapshot(encodeSnapshot(meta({ network: 'oulu' }), index), NETWORK, NOW)).toThrow(/another network/);
    expect(() => decodeSnapshot(encodeSnapshot(meta({ builtAt: '2026-11-14T09:59:00.000Z' }), index), NETWORK, NOW)).toThrow(/too old/);
  });
});

/** The store's directory side in memory: cards, a version raised and logged by every write, and the snapshot mark. */
function memoryStore(initial: DirectoryCard[]) {
  const cardsById = new Map(initial.map((c) => [c.id, c]));
  const log: DirectoryChange[] = initial.map((c, i) => ({ version: i + 1, id: c.id }));
  let mark: SnapshotMark | undefined;
  const asked = { cards: 0 };
  const store = {
    directoryVersion: async () => log.length,
    directoryChanges: async (_n: string, after: number, upTo: number) => log.filter((c) => c.version > after && c.version <= upTo),
    cardsById: async (_n: string, ids: readonly string[]) => ids.flatMap((id) => cardsById.get(id) ?? []),
    cards: async () => (asked.cards++, [...cardsById.values()]),
    snapshotMark: async () => mark,
    markSnapshot: async (_n: string, m: SnapshotMark) => void (mark = m),
  };
  return {
    store: store as unknown as ListingStore,
    asked,
    write(card: DirectoryCard) {
      cardsById.set(card.id, card);
      log.push({ version: log.length + 1, id: card.id });
    },
    remove(id: string) {
      cardsById.delete(id);
      log.push({ version: log.length + 1, id });
    },
    /** a version raised with no log entry: a crash between the two writes */
    loseLogEntry() {
      log.push({ version: log.length + 1, id: '' });
      log.pop();
      (store as { directoryVersion: () => Promise<number> }).directoryVersion = async () => log.length + 1;
    },
  };
}

function memorySnapshots(): SnapshotStore & { bytes?: Uint8Array; writes: number; failReads?: boolean } {
  const s: SnapshotStore & { bytes?: Uint8Array; writes: number; failReads?: boolean } = {
    writes: 0,
    read: async () => {
      if (s.failReads) throw Object.assign(new Error('boom'), { name: 'InternalError' });
      return s.bytes;
    },
    write: async (_n, bytes) => {
      s.bytes = bytes;
      s.writes++;
    },
  };
  return s;
}
const titlesIn = (entries: readonly DirectoryEntry[]) => entries.map((e) => e.title.fi).sort();

describe('directory snapshots: loading a cold directory', () => {
  it('loads the snapshot and applies the changes logged since it, reading no other card', async () => {
    // Arrange
    clock.now = () => NOW;
    const [first, second, ...rest] = cards();
    const db = memoryStore([first!, second!, ...rest]);
    const snapshots = memorySnapshots();
    await refreshSnapshot(db.store, snapshots, NETWORK);
    db.write(retitled(second!, 'Lukupiiri isovanhemmille'));
    db.remove(first!.id);
    db.asked.cards = 0;

    // Act
    const loaded = await loadDirectory(db.store, NETWORK, snapshots);

    // Assert
    expect(loaded.from).toBe('snapshot');
    expect(loaded.version).toBe(cards().length + 2);
    expect(db.asked.cards).toBe(0);
    expect(titlesIn(loaded.index.entries)).toEqual(titlesIn(currentEntries([retitled(second!, 'Lukupiiri isovanhemmille'), ...rest], NOW)));
    expect(answer(loaded.index, 'lukupiiri').hits.map(([id]) => id)).toEqual([second!.id]);
  });

  it.each([
    ['there is no snapshot', (_s: ReturnType<typeof memorySnapshots>, _db: ReturnType<typeof memoryStore>) => undefined],
    ['the snapshot cannot be read', (s: ReturnType<typeof memorySnapshots>) => void (s.failReads = true)],
    ['the snapshot is corrupt', (s: ReturnType<typeof memorySnapshots>) => void (s.bytes = s.bytes!.slice(0, 100))],
    ['the change log since the snapshot has a gap', (_s: ReturnType<typeof memorySnapshots>, db: ReturnType<typeof memoryStore>) => db.loseLogEntry()],
  ])('reads every card when %s', async (_what, arrange) => {
    // Arrange
    clock.now = () => NOW;
    const db = memoryStore(cards());
    const snapshots = memorySnapshots();
    await refreshSnapshot(db.store, snapshots, NETWORK);
    db.write(retitled(cards()[3]!, 'Shakkikerho'));
    if (_what === 'there is no snapshot') snapshots.bytes = undefined;
    arrange(snapshots, db);
    db.asked.cards = 0;

    // Act
    const loaded = await loadDirectory(db.store, NETWORK, snapshots);

    // Assert
    expect(loaded.from).toBe('cards');
    expect(db.asked.cards).toBe(1);
    expect(answer(loaded.index, 'shakkikerho').hits.map(([id]) => id)).toEqual([cards()[3]!.id]);
  });

  it('reads every card when the snapshot is older than a day', async () => {
    // Arrange
    clock.now = () => NOW;
    const db = memoryStore(cards());
    const snapshots = memorySnapshots();
    await refreshSnapshot(db.store, snapshots, NETWORK);
    clock.now = () => new Date(NOW.getTime() + 25 * 3600_000);

    // Act
    const loaded = await loadDirectory(db.store, NETWORK, snapshots);

    // Assert
    expect(loaded.from).toBe('cards');
  });
});

describe('directory snapshots: the builder', () => {
  it('writes a snapshot from every card first, then only when the directory moved, growing it from the change log', async () => {
    // Arrange
    clock.now = () => NOW;
    const db = memoryStore(cards());
    const snapshots = memorySnapshots();

    // Act / Assert
    expect(await refreshSnapshot(db.store, snapshots, NETWORK)).toBe('full');
    expect(await refreshSnapshot(db.store, snapshots, NETWORK)).toBe('unchanged');
    db.write(retitled(cards()[0]!, 'Shakkikerho'));
    db.asked.cards = 0;
    expect(await refreshSnapshot(db.store, snapshots, NETWORK)).toBe('incremental');
    expect(db.asked.cards).toBe(0);
    expect(snapshots.writes).toBe(2);
    const { meta: m, index } = decodeSnapshot(snapshots.bytes!, NETWORK, NOW);
    expect(m.version).toBe(cards().length + 1);
    expect(m.fullAt).toBe(NOW.toISOString());
    expect(answer(index, 'shakkikerho').hits.map(([id]) => id)).toEqual([cards()[0]!.id]);
  });

  it('builds from every card again once the last full build is an hour old', async () => {
    // Arrange
    clock.now = () => NOW;
    const db = memoryStore(cards());
    const snapshots = memorySnapshots();
    await refreshSnapshot(db.store, snapshots, NETWORK);
    db.write(retitled(cards()[0]!, 'Shakkikerho'));
    const later = new Date(NOW.getTime() + SNAPSHOT_FULL_BUILD_MS);
    clock.now = () => later;

    // Act
    const outcome = await refreshSnapshot(db.store, snapshots, NETWORK);

    // Assert
    expect(outcome).toBe('full');
    expect(decodeSnapshot(snapshots.bytes!, NETWORK, later).meta.fullAt).toBe(later.toISOString());
  });

  it('writes nothing for a network whose directory never had a card', async () => {
    const db = memoryStore([]);
    const snapshots = memorySnapshots();

    expect(await refreshSnapshot(db.store, snapshots, NETWORK)).toBe('empty');
    expect(snapshots.writes).toBe(0);
  });
});

describe('directory snapshots: the directory order', () => {
  it('keeps each language\'s directory order, so a cold function does not sort again', () => {
    // Arrange
    const built = new DirectoryIndex(currentEntries(cards(), NOW));
    const order = { fi: built.inOrder('fi').sorted, sv: built.inOrder('sv').sorted, en: built.inOrder('en').sorted };

    // Act
    const loaded = decodeSnapshot(encodeSnapshot(meta(), built), NETWORK, NOW).index;

    // Assert: the kept orders are there before anything asks for them
    expect((loaded as unknown as { order: Record<string, { sorted: number[] }> }).order.sv?.sorted).toEqual(order.sv);
    expect({ fi: loaded.inOrder('fi').sorted, sv: loaded.inOrder('sv').sorted, en: loaded.inOrder('en').sorted }).toEqual(order);
  });
});
