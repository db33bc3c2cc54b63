'use client';
import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import type { LogQuery } from '@/lib/logs/log-session';
import { formatTimeBound, parseTimeBound } from '@/lib/logs/time-bound';
import type { SearchOptions } from '@/lib/logs/search';

const TAIL_CHOICES = [100, 300, 1000, 5000, 10000, 'all'] as const;

/** A small on/off button; `aria-pressed` tells assistive tech its state. */
/** `label` only when the visible text is a symbol (".*"); otherwise the text is the name. */
export function Toggle({ pressed, onChange, label, title, children }: { pressed: boolean; onChange: (v: boolean) => void; label?: string; title?: string; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      aria-label={label}
      title={title ?? label}
      onClick={() => onChange(!pressed)}
      className={`inline-flex h-7 items-center gap-1 rounded-md border px-2 text-xs font-medium transition-colors ${pressed ? 'border-accent/60 bg-accent/15 text-info' : 'border-line bg-raised text-fg-soft hover:bg-hover'}`}
    >
      {children}
    </button>
  );
}

const fieldClass = 'h-7 rounded-md border border-line bg-surface px-2 text-xs text-fg placeholder:text-muted';

/**
 * A time bound in one text field (one Tab stop; lib/logs/time-bound.ts reads `15m`, `2h`,
 * `2026-12-02 14:05`, `14:05`). It applies when the field is left or Enter is pressed, not on
 * every keystroke; what cannot be read is said, and nothing changes.
 */
function TimeField({ label, value, onCommit }: { label: string; value: string | undefined; onCommit: (iso: string | undefined) => void }) {
  const [draft, setDraft] = useState(formatTimeBound(value));
  const [bad, setBad] = useState(false);
  useEffect(() => setDraft(formatTimeBound(value)), [value]);
  const id = `log-time-${label.toLowerCase()}`;
  const commit = () => {
    const iso = parseTimeBound(draft);
    setBad(iso === null);
    if (iso !== null && iso !== value) onCommit(iso);
  };
  return (
    <label className="flex items-center gap-1.5 text-xs text-muted">
      {label}
      <input
        type="text"
        value={draft}
        placeholder="15m, 2h, 2026-12-02 14:05"
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-error` : undefined}
        title="A time ago (30s, 15m, 2h, 1d) or a local date and time (2026-12-02 14:05, or 14:05 for today); Enter applies"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        className={`${fieldClass} w-44 font-mono ${bad ? 'border-danger/70' : ''}`}
      />
      {bad && (
        <span id={`${id}-error`} role="alert" className="text-danger">
          Not a time
        </span>
      )}
    </label>
  );
}

export interface LogToolbarProps {
  searchRef: RefObject<HTMLInputElement | null>;
  search: SearchOptions;
  onSearch: (s: SearchOptions) => void;
  searchError: string | null;
  /** Matching lines in view, and which one the arrows are on (0-based). */
  matches: { count: number; current: number | null } | null;
  onStep: (dir: 1 | -1) => void;
  onlyMatching: boolean;
  onOnlyMatching: (v: boolean) => void;
  query: LogQuery;
  onQuery: (q: LogQuery) => void;
  showTime: boolean;
  onShowTime: (v: boolean) => void;
  wrap: boolean;
  onWrap: (v: boolean) => void;
  following: boolean;
  onFollowing: (v: boolean) => void;
  downloadHref: string;
  /** "Load earlier": why it cannot run now (null when it can). */
  earlier: { load: () => void; loading: boolean; disabled: boolean; blocked: string | null; error: string | null };
}

export function LogToolbar(p: LogToolbarProps) {
  const { search, onSearch, matches } = p;
  return (
    <div className="flex flex-col gap-2 border-b border-line bg-panel px-4 py-2">
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex items-center gap-1">
          <input
            ref={p.searchRef}
            type="search"
            aria-label="Search the log"
            aria-invalid={p.searchError ? true : undefined}
            aria-describedby={p.searchError ? 'log-search-error' : undefined}
            placeholder={search.regex ? 'Regular expression…' : 'Search… (Ctrl+F)'}
            value={search.query}
            onChange={(e) => onSearch({ ...search, query: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                p.onStep(e.shiftKey ? -1 : 1);
              }
            }}
            className={`${fieldClass} w-64 font-mono ${p.searchError ? 'border-danger/70' : ''}`}
          />
          <Toggle pressed={search.regex} onChange={(regex) => onSearch({ ...search, regex })} label="Regular expression" title="Search with a regular expression">
            <span className="font-mono">.*</span>
          </Toggle>
          <Toggle pressed={search.matchCase} onChange={(matchCase) => onSearch({ ...search, matchCase })} label="Match case">
            <span className="font-mono">Aa</span>
          </Toggle>
        </div>
        <label className="flex items-center gap-1.5 text-xs text-fg-soft">
          <input type="checkbox" checked={p.onlyMatching} onChange={(e) => p.onOnlyMatching(e.target.checked)} className="accent-[var(--color-accent)]" />
          Only matching lines
        </label>
        {matches && (
          <div className="flex items-center gap-1 text-xs text-muted">
            <span aria-live="polite" className="min-w-20 tabular-nums">
              {matches.count === 0 ? 'No matches' : matches.current === null ? `${matches.count.toLocaleString()} matching` : `${(matches.current + 1).toLocaleString()} of ${matches.count.toLocaleString()}`}
            </span>
            <button type="button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={!matches.count} onClick={() => p.onStep(-1)} className="h-7 w-7 rounded-md border border-line bg-raised text-fg-soft hover:bg-hover disabled:opacity-40">
              ↑
            </button>
            <button type="button" aria-label="Next match" title="Next match (Enter)" disabled={!matches.count} onClick={() => p.onStep(1)} className="h-7 w-7 rounded-md border border-line bg-raised text-fg-soft hover:bg-hover disabled:opacity-40">
              ↓
            </button>
          </div>
        )}
        {p.searchError && (
          <span id="log-search-error" role="alert" className="text-xs text-danger">
            {p.searchError}
          </span>
        )}
        <div className="ml-auto flex items-center gap-1">
          <Toggle pressed={p.showTime} onChange={p.onShowTime} title="Show the engine's timestamp of each line">
            Timestamps
          </Toggle>
          <Toggle pressed={p.wrap} onChange={p.onWrap} title="Wrap long lines">
            Wrap lines
          </Toggle>
          <button
            type="button"
            onClick={() => p.onFollowing(!p.following)}
            title={p.following ? 'Stop scrolling to new lines (scrolling up does this too)' : 'Scroll to the newest line and keep following (End key)'}
            className="inline-flex h-7 items-center rounded-md border border-line bg-raised px-2 text-xs font-medium text-fg-soft hover:bg-hover"
          >
            {p.following ? 'Pause scroll' : 'Follow'}
          </button>
          <a href={p.downloadHref} download className="inline-flex h-7 items-center rounded-md border border-line bg-raised px-2 text-xs font-medium text-fg-soft hover:bg-hover">
            Download
          </a>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-1.5 text-xs text-muted">
          Start with
          <select
            value={String(p.query.tail)}
            onChange={(e) => p.onQuery({ ...p.query, tail: e.target.value === 'all' ? 'all' : Number(e.target.value) })}
            className={fieldClass}
          >
            {TAIL_CHOICES.map((n) => (
              <option key={n} value={String(n)}>
                {n === 'all' ? 'the whole log' : `last ${n.toLocaleString()} lines`}
              </option>
            ))}
          </select>
        </label>
        <TimeField label="Since" value={p.query.since} onCommit={(since) => p.onQuery({ ...p.query, since })} />
        <TimeField label="Until" value={p.query.until} onCommit={(until) => p.onQuery({ ...p.query, until })} />
        {(p.query.since || p.query.until) && (
          <button type="button" onClick={() => p.onQuery({ tail: p.query.tail })} className="text-xs text-accent hover:underline">
            Clear time range
          </button>
        )}
        <div className="ml-auto flex items-center gap-2 text-xs text-muted">
          {p.earlier.error && <span className="text-danger">{p.earlier.error}</span>}
          {p.earlier.blocked && !p.earlier.loading && <span>{p.earlier.blocked}</span>}
          <button
            type="button"
            disabled={p.earlier.disabled || p.earlier.loading}
            onClick={p.earlier.load}
            title="Load 1,000 lines from before the first one shown"
            className="inline-flex h-7 items-center rounded-md border border-line bg-raised px-2 text-xs font-medium text-fg-soft hover:bg-hover disabled:cursor-not-allowed disabled:opacity-50"
          >
            {p.earlier.loading ? 'Loading…' : '↑ Load earlier'}
          </button>
        </div>
      </div>
    </div>
  );
}
