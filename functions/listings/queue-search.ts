import type { UiLanguage } from '../shared/i18n.js';
import { hitsOf, TextIndex } from '../shared/search.js';
import { searchDocument } from './directory.js';
import { toCard } from './listings.js';
import type { ListingRecord, ListingStatus, ListingStore, QueuePage } from './store.js';

/**
 * How many listings of one status a coordinator's search reads: the queue
 * order's first (the pending queue oldest first, the other lists newest
 * first). A network's pending queue is a few dozen; its published list is
 * what its directory holds.
 */
export const QUEUE_SEARCH_MAX = 5000;
const PAGE = 200;

/** Where a coordinator's search page starts: an offset in the ranked list, opaque to the client like the plain list's cursor. */
const encodeOffset = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');
function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    return Number.isSafeInteger(offset) && (offset as number) > 0 ? (offset as number) : 0;
  } catch {
    return 0;
  }
}

/**
 * A coordinator's list of a status searched by free text, with the
 * directory's own search (stems, compounds, typos, field weights; the
 * revision each listing shows the coordinator, `data`): best first, equal
 * scores in the list's order.
 */
export async function searchQueue(
  store: Pick<ListingStore, 'byQueue'>,
  q: { network: string; status: ListingStatus; text: string; limit: number; cursor?: string },
  lang: UiLanguage,
): Promise<QueuePage> {
  const records: ListingRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.byQueue(q.network, q.status, PAGE, cursor);
    records.push(...page.items);
    cursor = page.next;
  } while (cursor && records.length < QUEUE_SEARCH_MAX);
  const kept = records.slice(0, QUEUE_SEARCH_MAX);
  const index = new TextIndex(kept.map((r) => searchDocument(toCard({ ...r, published: r.data }))));
  const ranked = hitsOf(index.search(q.text, lang).ranking)
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .map((h) => kept[h.id]!);
  const offset = decodeOffset(q.cursor);
  const end = offset + q.limit;
  return { items: ranked.slice(offset, end), ...(end < ranked.length ? { next: encodeOffset(end) } : {}) };
}
