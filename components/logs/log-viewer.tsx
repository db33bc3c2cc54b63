'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useConnectionState } from '@/hooks/use-mux';
import type { LogEntry } from '@/lib/logs/log-buffer';
import type { LogQuery, LogSession } from '@/lib/logs/log-session';
import { compileSearch, type SearchOptions } from '@/lib/logs/search';
import { selectRows } from '@/lib/logs/visible-rows';
import { LINE_HEIGHT, LogRow, MARKER_HEIGHT } from './log-row';
import { LogToolbar } from './log-toolbar';

/** Within this many pixels of the bottom counts as "at the latest line". */
const BOTTOM_SLACK = 24;
/** A scroll this soon after wheel/touch/key/pointer input is the user's, not ours or the virtualiser's. */
const USER_SCROLL_MS = 600;

/** The one-line state of the stream, announced to screen readers as it changes. */
function statusText(v: { session: LogSession | null; reconnecting: boolean; following: boolean; running: boolean; neverStarted: boolean }): string {
  const status = v.session?.status ?? 'connecting';
  if (v.reconnecting) return 'Connection lost, reconnecting…';
  switch (status) {
    case 'connecting':
      return 'Connecting…';
    case 'streaming':
      if (!v.following) return 'Paused: new lines wait below';
      return v.running ? 'Following' : 'Reading';
    case 'error':
      return `Error: ${v.session?.error?.message ?? 'unknown'}`;
    case 'ended':
      if (v.neverStarted) return 'Not started yet';
      if (v.session?.exitCode != null) return `Container exited with code ${v.session.exitCode}`;
      return 'Stream ended';
  }
}

export interface LogViewerProps {
  session: LogSession | null;
  containerName: string;
  containerId: string;
  running: boolean;
  /** `created`: never started, so an empty log is expected rather than odd. */
  neverStarted: boolean;
  query: LogQuery;
  onQuery: (q: LogQuery) => void;
}

export function LogViewer({ session, containerName, containerId, running, neverStarted, query, onQuery }: LogViewerProps) {
  const connection = useConnectionState();
  const [showTime, setShowTime] = useState(true);
  const [wrap, setWrap] = useState(true);
  const [searchOpts, setSearchOpts] = useState<SearchOptions>({ query: '', regex: false, matchCase: false });
  const [onlyMatching, setOnlyMatching] = useState(false);
  /** The search match the arrows are on, by row key (indexes shift when older lines come in). */
  const [cursorKey, setCursorKey] = useState<number | null>(null);
  // While not following, the view holds still on a copy of the rows it had; new lines gather behind it.
  const [frozen, setFrozen] = useState<{ entries: LogEntry[]; appended: number } | null>(null);
  const following = frozen === null;

  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const lastScrollTop = useRef(0);
  const lastUserInput = useRef(0);

  const deferredSearch = useDeferredValue(searchOpts);
  const { search, error: searchError } = useMemo(() => compileSearch(deferredSearch), [deferredSearch]);
  // Per search, each line is tested once: a busy log costs only its new lines per frame.
  const hits = useMemo(() => new WeakMap<LogEntry, boolean>(), [search]);

  const version = session?.version ?? 0;
  const live = session?.buffer.entries;
  const entries = frozen?.entries ?? live ?? [];
  const { rows, lines, matchRows } = useMemo(
    () => selectRows(entries, search, onlyMatching, hits),
    // `version` stands for the live buffer's contents, which change in place.
    [entries, version, search, onlyMatching, hits],
  );

  // Unwrapped, rows are absolutely placed and cannot widen their container: size it to the longest
  // line (monospace, so characters are a fine measure) so tints and scrolling span every row.
  const widestChars = useMemo(() => {
    if (wrap) return 0;
    let max = 0;
    for (const e of rows) if (e.kind === 'line' && e.plain.length > max) max = e.plain.length;
    return max;
  }, [rows, wrap]);

  const cursorAt = cursorKey === null ? -1 : matchRows.findIndex((r) => rows[r]!.key === cursorKey);
  const cursor = cursorAt < 0 ? null : cursorAt;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'line' ? LINE_HEIGHT : MARKER_HEIGHT),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 30,
  });

  const freeze = useCallback(() => {
    if (!session) return;
    setFrozen((f) => f ?? { entries: session.buffer.entries.slice(), appended: session.buffer.appended });
  }, [session]);
  const follow = useCallback(() => {
    setFrozen(null);
    setCursorKey(null);
  }, []);

  // Re-measure wrapped rows when what is in them changes shape.
  useEffect(() => virtualizer.measure(), [virtualizer, wrap, showTime]);
  useEffect(() => setCursorKey(null), [search, onlyMatching]);
  useEffect(() => follow(), [follow, session]);

  // Following: stay on the newest line as rows arrive and sizes settle.
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (following && el) {
      el.scrollTop = el.scrollHeight;
      lastScrollTop.current = el.scrollTop;
    }
  }, [following, totalSize, rows.length, version]);

  // Older lines arrived at the front: the (frozen) view takes them in, and the row that was first
  // stays in place, with the older lines above it to scroll up into.
  const earlierPages = session?.earlierPages ?? 0;
  const seenEarlier = useRef(earlierPages);
  const anchor = useRef<{ key: number; staleRows: LogEntry[] | null } | null>(null);
  useLayoutEffect(() => {
    if (earlierPages === seenEarlier.current || !session) return;
    seenEarlier.current = earlierPages;
    if (anchor.current) anchor.current.staleRows = rows;
    setFrozen((f) => {
      if (!f) return f;
      const lastKey = f.entries.at(-1)?.key;
      const all = session.buffer.entries;
      const end = all.findIndex((e) => e.key === lastKey);
      return { ...f, entries: end < 0 ? all.slice() : all.slice(0, end + 1) };
    });
    // `rows` is read for its value at this page, not as a trigger.
  }, [earlierPages, session]);
  useLayoutEffect(() => {
    const a = anchor.current;
    if (!a?.staleRows || rows === a.staleRows) return;
    anchor.current = null;
    const i = rows.findIndex((e) => e.key === a.key);
    if (i > 0) virtualizer.scrollToIndex(i, { align: 'start' });
  }, [rows, virtualizer]);
  const loadEarlier = () => {
    if (!session || !rows[0]) return;
    anchor.current = { key: rows[0].key, staleRows: null };
    freeze();
    session.loadEarlier();
  };

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const byUser = performance.now() - lastUserInput.current < USER_SCROLL_MS;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    if (byUser && following && el.scrollTop < lastScrollTop.current - 1 && !atBottom) freeze();
    else if (byUser && !following && atBottom) follow();
    lastScrollTop.current = el.scrollTop;
  };
  const noteUserInput = () => {
    lastUserInput.current = performance.now();
  };

  const step = (dir: 1 | -1) => {
    if (!matchRows.length) return;
    const next = cursor === null ? (dir === 1 ? 0 : matchRows.length - 1) : (cursor + dir + matchRows.length) % matchRows.length;
    freeze();
    setCursorKey(rows[matchRows[next]!]!.key);
    virtualizer.scrollToIndex(matchRows[next]!, { align: 'center' });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const typing = target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA';
    if (e.key === '/' && !typing) {
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    } else if (e.key === 'Escape' && target === searchRef.current && searchOpts.query) {
      setSearchOpts({ ...searchOpts, query: '' });
    } else if (e.key === 'End' && target === scrollRef.current) {
      e.preventDefault();
      follow();
    }
  };

  // Ctrl+F searches the whole log buffer from anywhere on the page (focus in the sidebar or on <body>
  // too), instead of the browser's find, which sees only the rows on screen.
  useEffect(() => {
    const onWindowKey = (e: globalThis.KeyboardEvent) => {
      if (e.key.toLowerCase() === 'f' && (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
  }, []);

  // A hit far along an unwrapped line: bring it into view sideways too, once the row is drawn.
  useEffect(() => {
    if (cursorKey === null) return;
    const frame = requestAnimationFrame(() => scrollRef.current?.querySelector('[data-current-match] mark')?.scrollIntoView({ block: 'nearest', inline: 'center' }));
    return () => cancelAnimationFrame(frame);
  }, [cursorKey]);

  const newSinceFrozen = frozen && session ? session.buffer.appended - frozen.appended : 0;
  const currentRow = cursor === null ? -1 : matchRows[cursor]!;
  const status = session?.status ?? 'connecting';
  const reconnecting = connection !== 'open' && status !== 'ended';
  const room = session ? session.buffer.room : 0;
  const earlierBlocked = !session || !lines ? null : session.reachedStart ? 'Start of the log reached' : room <= 0 ? 'The view is full; download the whole log instead' : null;

  let overlay: ReactNode = null;
  if (!session || (status === 'connecting' && !lines)) {
    overlay = (
      <div className="flex items-center justify-center gap-2 p-10 text-sm text-muted">
        <Spinner label="Opening the log" /> Opening the log…
      </div>
    );
  } else if (status === 'error' && !lines) {
    overlay = (
      <EmptyState tone="error" title="Could not read the log" action={<Button onClick={() => session.reopen()}>Try again</Button>}>
        {session.error?.message}
      </EmptyState>
    );
  } else if (!lines && neverStarted) {
    overlay = <EmptyState title="Not started yet">{containerName} has never run, so its log is empty. It fills in here once the container starts.</EmptyState>;
  } else if (!lines && status !== 'connecting') {
    overlay = (
      <EmptyState title={status === 'streaming' ? 'No output yet' : 'The log is empty'}>
        {status === 'streaming'
          ? `Waiting for ${containerName} to write to its log. New lines appear here as they come.`
          : query.since || query.until
            ? 'Nothing was logged in the selected time range.'
            : `${containerName} has not written anything to its log.`}
      </EmptyState>
    );
  } else if (search && onlyMatching && !matchRows.length) {
    overlay = <EmptyState title="No lines match">Nothing in the {lines.toLocaleString()} lines in view matches the search.</EmptyState>;
  }

  return (
    <div className="flex h-full min-h-0 flex-col" onKeyDown={onKeyDown}>
      <LogToolbar
        searchRef={searchRef}
        search={searchOpts}
        onSearch={setSearchOpts}
        searchError={searchError}
        matches={search ? { count: matchRows.length, current: cursor } : null}
        onStep={step}
        onlyMatching={onlyMatching}
        onOnlyMatching={setOnlyMatching}
        query={query}
        onQuery={onQuery}
        showTime={showTime}
        onShowTime={setShowTime}
        wrap={wrap}
        onWrap={setWrap}
        following={following}
        onFollowing={(v) => (v ? follow() : freeze())}
        downloadHref={`/api/containers/${encodeURIComponent(containerId)}/logs?timestamps=${showTime ? 1 : 0}`}
        earlier={{ load: loadEarlier, loading: !!session?.loadingEarlier, disabled: !lines || !!earlierBlocked, blocked: earlierBlocked, error: session?.earlierError ?? null }}
      />
      <div className="relative min-h-0 flex-1 bg-surface">
        <div
          ref={scrollRef}
          role="log"
          aria-label={`Log output of ${containerName}`}
          // Rows re-render as they scroll in and out; announcing them would be noise. Status changes
          // are announced by the status line below.
          aria-live="off"
          tabIndex={0}
          onScroll={onScroll}
          onWheel={noteUserInput}
          onTouchMove={noteUserInput}
          onPointerDown={noteUserInput}
          onKeyDownCapture={noteUserInput}
          className="h-full overflow-auto font-mono text-xs focus-visible:outline-offset-[-2px]"
        >
          <div className="relative min-w-full" style={{ height: totalSize, width: wrap ? '100%' : `calc(${widestChars + (showTime ? 26 : 2)}ch + 1.5rem)` }}>
            {/* With no lines yet, an end marker alone says less than the empty state below. */}
            {lines > 0 && virtualizer.getVirtualItems().map((item) => {
              const entry = rows[item.index]!;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={wrap ? virtualizer.measureElement : undefined}
                  className="absolute top-0 left-0 w-full"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <LogRow entry={entry} showTime={showTime} wrap={wrap} search={search} current={item.index === currentRow} />
                </div>
              );
            })}
          </div>
          {overlay && <div className="font-sans">{overlay}</div>}
        </div>
        {!following && (
          <div className="pointer-events-none absolute right-6 bottom-4 flex justify-end">
            <Button variant="primary" size="sm" className="pointer-events-auto shadow-lg" onClick={follow}>
              ↓ Jump to latest{newSinceFrozen > 0 ? ` (${newSinceFrozen.toLocaleString()} new)` : ''}
            </Button>
          </div>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-line bg-panel px-4 py-1.5 text-xs text-muted">
        <span className="tabular-nums">{lines.toLocaleString()} lines</span>
        {!!session?.buffer.dropped && (
          <span title={`The view keeps the newest ${session.buffer.capacity.toLocaleString()} lines; download the log for all of it.`}>
            {session.buffer.dropped.toLocaleString()} older lines left out of the view
          </span>
        )}
        <span role="status" className="ml-auto">
          {statusText({ session, reconnecting, following, running, neverStarted })}
        </span>
      </div>
    </div>
  );
}
