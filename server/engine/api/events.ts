import type { EngineEvent } from '../../../lib/protocol/events';

export interface EventStream {
  /** Calls `onEvent` for each event until the engine ends the stream or `close()` is called. */
  done: Promise<void>;
  close(): void;
}

/** A bounded past window of events (`docker events --since … --until …`). */
export interface EventsWindowRequest {
  /** Seconds since the epoch (fractions allowed) or an RFC 3339 time, as the engine takes them. */
  since: string;
  /** Defaults to now, so the window always ends. */
  until?: string;
  type?: string;
  /** At most this many events (the oldest first); `truncated` says when more were there. */
  limit: number;
}

/** The engine's event stream (`docker events`). */
export interface EventsApi {
  /** `sinceNano` resumes after a reconnect without missing what happened in between. */
  follow(onEvent: (e: EngineEvent) => void, sinceNano?: number): Promise<EventStream>;
  /** Reads a past window; never more than `limit` events held, and within the engine's deadline. */
  window(req: EventsWindowRequest): Promise<{ events: EngineEvent[]; truncated: boolean }>;
}
