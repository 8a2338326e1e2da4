/**
 * A per-instance cache of what is costly to load and read far more often
 * than it changes (a network's directory cards). Fresh for `freshMs`; after
 * that, for up to `staleMs`, the old value is served while one reload runs
 * in the background, so a reader never waits for a reload under steady
 * traffic; past `staleMs` (or with nothing cached) the reader waits for it.
 * Concurrent misses share one load, and a failed load is not kept.
 */
export class RefreshingCache<T> {
  private readonly values = new Map<string, { loadedAt: number; value: T }>();
  private readonly loads = new Map<string, Promise<T>>();

  constructor(
    private readonly opts: {
      load: (key: string) => Promise<T>;
      now: () => number;
      freshMs: number;
      staleMs: number;
      /** told about a background reload that failed (the stale value stays) */
      onBackgroundError?: (err: unknown) => void;
    },
  ) {}

  get(key: string): Promise<T> {
    const hit = this.values.get(key);
    const age = hit ? this.opts.now() - hit.loadedAt : Infinity;
    if (hit && age < this.opts.freshMs) return Promise.resolve(hit.value);
    if (hit && age < this.opts.staleMs) {
      this.load(key).catch((err: unknown) => this.opts.onBackgroundError?.(err));
      return Promise.resolve(hit.value);
    }
    return this.load(key);
  }

  private load(key: string): Promise<T> {
    const running = this.loads.get(key);
    if (running) return running;
    const loading = this.opts
      .load(key)
      .then((value) => {
        // Fresh from when the load finished: a load slower than freshMs must not be stale on arrival.
        this.values.set(key, { loadedAt: this.opts.now(), value });
        return value;
      })
      .finally(() => this.loads.delete(key));
    this.loads.set(key, loading);
    return loading;
  }
}
