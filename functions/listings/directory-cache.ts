import { ByteLru } from '../shared/lru.js';

type Kept<T> = { loadedAt: number; checkedAt: number; value: T };

/**
 * A per-instance cache of what is costly to load and read far more often
 * than it changes (a network's directory cards).
 *
 * - Fresh for `freshMs`: answered from memory.
 * - After that, and up to `staleMs`, the old value answers while one refresh
 *   runs in the background, so a reader never waits for it under steady
 *   traffic; past `staleMs` (or with nothing cached) the reader waits.
 * - A refresh first asks `revalidate` (a cheap version read, and what
 *   changed since) for the value to keep: the same one when nothing changed,
 *   or brought up to date; it loads anew when `revalidate` cannot say, or
 *   when the value is older than `maxAgeMs` whatever the answer.
 * - Concurrent refreshes share one, and a failed load is not kept.
 * - With `maxBytes`, the values kept are bounded by their `sizeOf`: the
 *   least recently used go first (a warm function serving 200 networks
 *   must not hold them all). One value larger than the whole budget is
 *   kept alone, never dropped on arrival.
 */
export class RefreshingCache<T> {
  private readonly values: ByteLru<string, Kept<T>>;
  private readonly refreshes = new Map<string, Promise<T>>();

  constructor(
    private readonly opts: {
      load: (key: string) => Promise<T>;
      now: () => number;
      freshMs: number;
      staleMs: number;
      /** the value to keep (the same, or brought up to date), or undefined to load anew; without it every refresh loads */
      revalidate?: (key: string, value: T) => Promise<T | undefined>;
      /** @default staleMs */
      maxAgeMs?: number;
      /** told about a background refresh that failed (the old value stays) */
      onBackgroundError?: (err: unknown) => void;
      /** @default no bound */
      maxBytes?: number;
      /** @default 0 (only with maxBytes) */
      sizeOf?: (value: T) => number;
      /** told when one value alone is larger than maxBytes (it is kept, alone: loading it at every read would be worse) */
      onOverBudget?: (key: string, bytes: number) => void;
    },
  ) {
    const sizeOf = opts.sizeOf ?? (() => 0);
    this.values = new ByteLru({
      maxBytes: opts.maxBytes ?? Infinity,
      sizeOf: (kept: Kept<T>) => sizeOf(kept.value),
      ...(opts.onOverBudget ? { onOverBudget: opts.onOverBudget } : {}),
    });
  }

  /** bytes of the values kept (by `sizeOf`) and how many */
  get held(): { bytes: number; values: number } {
    return { bytes: this.values.bytes, values: this.values.size };
  }

  get(key: string): Promise<T> {
    const hit = this.values.get(key);
    const age = hit ? this.opts.now() - hit.checkedAt : Infinity;
    if (hit && age < this.opts.freshMs) return Promise.resolve(hit.value);
    if (hit && age < this.opts.staleMs) {
      this.refresh(key).catch((err: unknown) => this.opts.onBackgroundError?.(err));
      return Promise.resolve(hit.value);
    }
    return this.refresh(key);
  }

  private refresh(key: string): Promise<T> {
    const running = this.refreshes.get(key);
    if (running) return running;
    const refreshing = this.revalidateOrLoad(key).finally(() => this.refreshes.delete(key));
    this.refreshes.set(key, refreshing);
    return refreshing;
  }

  private async revalidateOrLoad(key: string): Promise<T> {
    const hit = this.values.get(key);
    const { revalidate, maxAgeMs = this.opts.staleMs } = this.opts;
    const kept = hit && revalidate && this.opts.now() - hit.loadedAt < maxAgeMs ? await revalidate(key, hit.value) : undefined;
    if (hit && kept !== undefined) {
      hit.checkedAt = this.opts.now();
      if (kept !== hit.value) {
        hit.value = kept;
        // Its size may have changed: set again, so the bound holds.
        this.values.set(key, hit);
      }
      return kept;
    }
    const value = await this.opts.load(key);
    // Fresh from when the load finished: a load slower than freshMs must not be stale on arrival.
    const at = this.opts.now();
    this.values.set(key, { loadedAt: at, checkedAt: at, value });
    return value;
  }
}
