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
  /** Marked keys; `unless` holds the conditions under which the key is already up to date, or null when it must be refetched whatever the cache holds. */
  private readonly dirty = new Map<string, { queryKey: QueryKey; unless: Array<() => boolean> | null }>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly target: RefetchTarget,
    private readonly delayMs: number,
  ) {}

  /**
   * Refetches `queryKey` after the debounce; with `unlessReflected`, not if that says (when the
   * debounce ends) that the cache already holds what the event changed — e.g. the run form's answer,
   * read after the engine's start, set there meanwhile. A mark without one always refetches.
   */
  mark(queryKey: QueryKey, unlessReflected?: () => boolean): void {
    const id = JSON.stringify(queryKey);
    const entry = this.dirty.get(id);
    if (!unlessReflected) this.dirty.set(id, { queryKey, unless: null });
    else if (!entry) this.dirty.set(id, { queryKey, unless: [unlessReflected] });
    else entry.unless?.push(unlessReflected);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty.clear();
  }

  private flush(): void {
    this.timer = null;
    for (const [id, { queryKey, unless }] of this.dirty) {
      if (unless?.every((reflected) => reflected())) {
        this.dirty.delete(id);
        continue;
      }
      if (this.target.isFetching(queryKey) > 0) continue;
      this.target.invalidate(queryKey);
      this.dirty.delete(id);
    }
    if (this.dirty.size) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }
}
