/**
 * A map bounded by bytes: each value's size is measured once, when it is
 * set, and the least recently used values go first when the total passes
 * `maxBytes`. The value just set always stays, alone if it is larger than
 * the whole budget: it is in memory already (it was just made), and not
 * keeping it would only mean making it again at the next read. For the
 * directory that was every request reading every card and building the
 * index anew (at 50,000 listings, seconds each and past the function's
 * timeout), which is what hung `npm run bench`.
 */
export class ByteLru<K, V> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    private readonly opts: {
      maxBytes: number;
      sizeOf: (value: V) => number;
      /** told about each value dropped to make room (not about replaced or deleted ones) */
      onEvict?: (key: K, bytes: number) => void;
      /** told when a value set is alone larger than the budget (it is kept, alone) */
      onOverBudget?: (key: K, bytes: number) => void;
    },
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): this {
    this.delete(key);
    const bytes = this.opts.sizeOf(value);
    if (bytes > this.opts.maxBytes) this.opts.onOverBudget?.(key, bytes);
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.opts.maxBytes || oldest === key) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
      this.opts.onEvict?.(oldest, entry.bytes);
    }
    return this;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.total -= entry.bytes;
    return true;
  }

  /** the sum of the kept values' sizes */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * About how many bytes an array of plain records holds, from the JSON of an
 * evenly spread sample of them: measuring every one of thousands of records
 * on each load would cost more than the estimate is worth.
 */
export function estimateJsonBytes(items: readonly unknown[], sample = 32): number {
  if (items.length === 0) return 0;
  const step = Math.max(1, Math.floor(items.length / sample));
  let bytes = 0;
  let n = 0;
  for (let i = 0; i < items.length; i += step, n++) bytes += Buffer.byteLength(JSON.stringify(items[i]));
  return Math.round((bytes / n) * items.length);
}
