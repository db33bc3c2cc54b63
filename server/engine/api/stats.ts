import type { StatsSample } from '../../../lib/protocol/streams';

export interface StatsStream {
  /**
   * Resolves when the engine ends the stream or `close()` is called; rejects with an
   * EngineError if the connection fails.
   */
  done: Promise<void>;
  close(): void;
}

/** Container stats (`docker stats`). */
export interface StatsApi {
  /**
   * Follows one container's stats. `onSample(null)` means the engine reports the container as
   * not running; the stream's first sample (no CPU % yet) is not passed on.
   */
  follow(ref: string, onSample: (sample: StatsSample | null) => void): Promise<StatsStream>;
}
