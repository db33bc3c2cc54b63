type QueryKey = readonly unknown[];

export interface RefetchTarget {
  /** How many fetches of queries under this key are under way. */
  isFetching(queryKey: QueryKey): number;
  /** Marks the key stale, which refetches what is on screen. */
  invalidate(queryKey: QueryKey): void;
}

/**
 * Collects the query keys engine events touched and refetches them after a short debounce, but never
 * cancels a fetch still under way: on a busy engine (events every few ms) cancel-and-restart would
 * keep a slow list loading forever. A key that is fetching stays marked and is refetched on a later
 * pass, once its answer is in, so the last event is always followed by a fetch that began after it.
 */
export class RefetchScheduler {
  private readonly dirty = new Map<string, QueryKey>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly target: RefetchTarget,
    private readonly delayMs: number,
  ) {}

  mark(queryKey: QueryKey): void {
    this.dirty.set(JSON.stringify(queryKey), queryKey);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty.clear();
  }

  private flush(): void {
    this.timer = null;
    for (const [id, queryKey] of this.dirty) {
      if (this.target.isFetching(queryKey) > 0) continue;
      this.target.invalidate(queryKey);
      this.dirty.delete(id);
    }
    if (this.dirty.size) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }
}
