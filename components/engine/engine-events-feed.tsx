'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { subscribeEngineEvents } from '@/hooks/engine-events';
import { useMux } from '@/hooks/use-mux';
import { api } from '@/lib/api-client';
import { appendBounded, baseAction, eventObjectHref, eventObjectName, LIVE_EVENTS_KEPT, matchesEvent, type EventFilter } from '@/lib/format/engine-events';
import { DEFAULT_ENGINE_NAME } from '@/lib/protocol/engine-name';
import type { EngineEvent } from '@/lib/protocol/events';
import { Section } from './engine-facts';

const ROW_HEIGHT = 28;
/** Object types `docker events` reports. */
const EVENT_TYPES = ['container', 'image', 'volume', 'network', 'plugin', 'daemon', 'service', 'node', 'secret', 'config'];

type Mode = { kind: 'live' } | { kind: 'past'; since: string; until: string };

/** `datetime-local` value → seconds since the epoch (the engine's `since`/`until`). */
const toEpochSeconds = (local: string): string => (new Date(local).getTime() / 1000).toFixed(3);
const localInput = (d: Date): string => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * `docker events` as a feed: live from the engine's shared event stream (the same one that keeps
 * the container list current), or a past window the engine replays (`since`/`until`). At most
 * LIVE_EVENTS_KEPT events are kept; rows are virtualised and arrivals coalesced per animation frame.
 */
export function EngineEventsFeed({ engine }: { engine: string }) {
  const mux = useMux();
  const [mode, setMode] = useState<Mode>({ kind: 'live' });
  const [events, setEvents] = useState<EngineEvent[]>([]);
  const [paused, setPaused] = useState(false);
  const [missedWhilePaused, setMissed] = useState(0);
  const [filter, setFilter] = useState<EventFilter>({ type: '', action: '', q: '' });
  const [past, setPast] = useState<{ loading: boolean; error?: string; truncated?: boolean }>({ loading: false });
  const [since, setSince] = useState(() => localInput(new Date(Date.now() - 3600_000)));
  const [until, setUntil] = useState(() => localInput(new Date()));
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  useEffect(() => {
    if (!mux || mode.kind !== 'live') return;
    let pending: EngineEvent[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const batch = pending;
      pending = [];
      setEvents((old) => appendBounded(old, batch, LIVE_EVENTS_KEPT));
    };
    const onEvent = (event: EngineEvent) => {
      if (pausedRef.current) {
        setMissed((n) => n + 1);
        return;
      }
      pending.push(event);
      if (!frame) frame = requestAnimationFrame(flush);
    };
    // The tab's one shared events channel for the engine it looks at (hooks/engine-events.ts).
    const unsubscribe = subscribeEngineEvents(mux, { onEvent });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [mux, mode.kind, engine]);

  useEffect(() => {
    if (mode.kind !== 'past') return;
    const abort = new AbortController();
    setPast({ loading: true });
    setEvents([]);
    const q = new URLSearchParams({ since: mode.since, until: mode.until });
    api<{ events: EngineEvent[]; truncated: boolean }>(`/api/engine/events?${q}`, { signal: abort.signal })
      .then((r) => {
        setEvents(r.events);
        setPast({ loading: false, truncated: r.truncated });
      })
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setPast({ loading: false, error: err.message });
      });
    return () => abort.abort();
  }, [mode, engine]);

  const shown = useMemo(() => events.filter((e) => matchesEvent(e, filter)).reverse(), [events, filter]);
  const actions = useMemo(() => [...new Set(events.map((e) => baseAction(e.action)))].sort(), [events]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  const goLive = () => {
    setEvents([]);
    setMode({ kind: 'live' });
  };
  const showPast = () => {
    if (!since) return;
    setMode({ kind: 'past', since: toEpochSeconds(since), until: until ? toEpochSeconds(until) : (Date.now() / 1000).toFixed(3) });
  };

  return (
    <Section
      title="Engine events"
      action={
        mode.kind === 'live' ? (
          <>
            <span className="text-xs text-muted" role="status">
              {paused ? `Paused${missedWhilePaused ? ` · ${missedWhilePaused} not shown` : ''}` : 'Live'}
            </span>
            <Button
              size="sm"
              aria-pressed={paused}
              onClick={() => {
                setPaused((p) => !p);
                setMissed(0);
              }}
            >
              {paused ? 'Resume' : 'Pause'}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEvents([])}>
              Clear
            </Button>
          </>
        ) : (
          <Button size="sm" onClick={goLive}>
            Back to live
          </Button>
        )
      }
    >
      <div className="flex flex-wrap items-end gap-3 border-b border-line px-3 py-2 text-xs">
        <label className="flex flex-col gap-1">
          Type
          <select className="h-7 rounded border border-line bg-raised px-1" value={filter.type} onChange={(e) => setFilter({ ...filter, type: e.target.value })}>
            <option value="">all</option>
            {EVENT_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Action
          <select className="h-7 rounded border border-line bg-raised px-1" value={filter.action} onChange={(e) => setFilter({ ...filter, action: e.target.value })}>
            <option value="">all</option>
            {[...new Set([...actions, ...(filter.action ? [filter.action] : [])])].map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Name or id
          <input className="h-7 w-40 rounded border border-line bg-raised px-2" value={filter.q} onChange={(e) => setFilter({ ...filter, q: e.target.value })} />
        </label>
        <span className="mx-2 h-7 border-l border-line" aria-hidden="true" />
        <label className="flex flex-col gap-1">
          Since
          <input type="datetime-local" className="h-7 rounded border border-line bg-raised px-1" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1">
          Until
          <input type="datetime-local" className="h-7 rounded border border-line bg-raised px-1" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <Button size="sm" onClick={showPast} disabled={!since}>
          Show past events
        </Button>
      </div>
      {mode.kind === 'past' && past.loading ? (
        <div role="status" className="flex items-center gap-2 px-3 py-4 text-sm text-muted">
          <Spinner /> Reading the engine&apos;s past events…
        </div>
      ) : mode.kind === 'past' && past.error ? (
        <div className="p-3">
          <EmptyState tone="error" title="Could not read past events" action={<Button onClick={showPast}>Try again</Button>}>
            {past.error}
          </EmptyState>
        </div>
      ) : shown.length === 0 ? (
        <p className="px-3 py-4 text-sm text-muted">
          {events.length > 0
            ? 'No event matches the filters.'
            : mode.kind === 'live'
              ? 'Waiting for events: start, stop or pull something and it appears here.'
              : 'The engine kept no events in that window.'}
        </p>
      ) : (
        <>
          {mode.kind === 'past' && past.truncated && (
            <p className="px-3 pt-2 text-xs text-warning">Only the first {events.length} events of that window are shown: narrow it to see the rest.</p>
          )}
          <div ref={scrollRef} className="h-96 overflow-auto" role="table" aria-label="Engine events" aria-rowcount={shown.length}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const e = shown[item.index]!;
                const href = eventObjectHref(e, engine === DEFAULT_ENGINE_NAME ? null : engine);
                const name = eventObjectName(e);
                return (
                  <div
                    key={item.key}
                    role="row"
                    className="absolute left-0 right-0 grid grid-cols-[10rem_6rem_10rem_1fr] items-center gap-3 border-t border-line/60 px-3 font-mono text-xs"
                    style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  >
                    <span role="cell" className="text-muted" title={new Date(e.timeNano / 1e6).toISOString()}>
                      {new Date(e.timeNano / 1e6).toLocaleTimeString()}
                    </span>
                    <span role="cell">{e.type}</span>
                    <span role="cell" className="truncate" title={e.action}>
                      {e.action}
                    </span>
                    <span role="cell" className="truncate" title={e.id}>
                      {href ? (
                        <Link className="text-accent hover:underline" href={href}>
                          {name}
                        </Link>
                      ) : (
                        name
                      )}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </>
      )}
    </Section>
  );
}
