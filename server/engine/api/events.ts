import type { EngineEvent } from '../../../lib/protocol/events';

export interface EventStream {
  /** Calls `onEvent` for each event until the engine ends the stream or `close()` is called. */
  done: Promise<void>;
  close(): void;
}

/** The engine's event stream (`docker events`). */
export interface EventsApi {
  /** `sinceNano` resumes after a reconnect without missing what happened in between. */
  follow(onEvent: (e: EngineEvent) => void, sinceNano?: number): Promise<EventStream>;
}
