import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { EngineEvent } from '../../../lib/protocol/events';
import type { EventsApi, EventStream, EventsWindowRequest } from '../api/events';
import { ENGINE_DEADLINE_MS, type DockerContext } from './context';
import { dialectOf, normaliseAction, type EngineDialect } from './dialect';

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

export function toEngineEvent(raw: RawEvent, dialect?: EngineDialect): EngineEvent {
  const attributes = raw.Actor?.Attributes ?? {};
  const type = raw.Type ?? 'container';
  return {
    type,
    // Some actions carry a suffix after ": " (exec_start: sh -c …, health_status: healthy).
    action: normaliseAction(dialect, type, raw.Action ?? raw.status ?? ''),
    id: raw.Actor?.ID ?? raw.id ?? '',
    ...(attributes.name ? { name: attributes.name } : {}),
    timeNano: raw.timeNano ?? (raw.time ?? 0) * 1e9,
    attributes,
  };
}

/**
 * Follows the engine's event stream (`docker events`). `sinceNano` resumes after a reconnect
 * without missing what happened in between.
 */
async function followEngineEvents(ctx: DockerContext, onEvent: (e: EngineEvent) => void, sinceNano?: number): Promise<EventStream> {
  const opts: { since?: string } = {};
  // The engine takes `since` as seconds with a fractional nanosecond part.
  if (sinceNano) opts.since = (sinceNano / 1e9).toFixed(9);
  return followWith(ctx, opts, onEvent);
}

async function followWith(ctx: DockerContext, opts: Record<string, string>, onEvent: (e: EngineEvent) => void): Promise<EventStream> {
  const dialect = await dialectOf(ctx);
  // The typings say `since` is a number; the engine also takes fractional seconds as a string.
  const stream = (await ctx.call(() => ctx.docker.getEvents(opts as { since?: number }), 'Events')) as unknown as Readable;
  const decoder = new StringDecoder('utf8');
  let partial = '';
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + decoder.write(chunk)).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          onEvent(toEngineEvent(JSON.parse(line) as RawEvent, dialect));
        } catch {
          // A malformed line from the engine is skipped, not fatal to the stream.
        }
      }
    });
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  return { done, close: () => stream.destroy() };
}

/**
 * A past window (`docker events --since … --until …`): the engine replays what it kept and ends the
 * stream at `until` (now when not given). At most `limit` events are held; past that, or past the
 * engine's deadline, the stream is closed and what arrived is returned with `truncated`.
 */
async function readEventsWindow(ctx: DockerContext, req: EventsWindowRequest): Promise<{ events: EngineEvent[]; truncated: boolean }> {
  const events: EngineEvent[] = [];
  let truncated = false;
  const opts: Record<string, string> = { since: req.since, until: req.until ?? (Date.now() / 1000).toFixed(3) };
  if (req.type) opts.filters = JSON.stringify({ type: [req.type] });
  let stream: EventStream | null = null;
  const timer = setTimeout(() => {
    truncated = true;
    stream?.close();
  }, ENGINE_DEADLINE_MS);
  try {
    stream = await followWith(ctx, opts, (e) => {
      if (events.length >= req.limit) {
        truncated = true;
        stream?.close();
        return;
      }
      events.push(e);
    });
    await stream.done;
  } finally {
    clearTimeout(timer);
  }
  return { events, truncated };
}

export function dockerEvents(ctx: DockerContext): EventsApi {
  return {
    follow: (onEvent, sinceNano) => followEngineEvents(ctx, onEvent, sinceNano),
    window: (req) => readEventsWindow(ctx, req),
  };
}
