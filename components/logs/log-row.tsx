'use client';
import { memo, type CSSProperties } from 'react';
import { ansiStyleToCss, parseAnsi } from '@/lib/logs/ansi';
import type { LogEntry } from '@/lib/logs/log-buffer';
import { formatLogTime } from '@/lib/logs/log-time';
import { markMatches, type CompiledSearch } from '@/lib/logs/search';

// The log panel's own colours, for ANSI inverse video (see ansiStyleToCss).
const DEFAULT_COLORS = { fg: 'var(--fg)', bg: 'var(--term-bg)' };

export const LINE_HEIGHT = 18;
export const MARKER_HEIGHT = 28;

/** A line's text with its ANSI colours and search matches, as React text nodes only. */
function LineText({ text, plain, search }: { text: string; plain: string; search: CompiledSearch | null }) {
  const spans = markMatches(parseAnsi(text), search ? search.ranges(plain) : []);
  return (
    <>
      {spans.map((s, i) => {
        const css = ansiStyleToCss(s.style, DEFAULT_COLORS) as CSSProperties;
        return s.match ? (
          <mark key={i} style={css} className="rounded-sm bg-warning/35 text-inherit outline outline-1 outline-warning/60">
            {s.text}
          </mark>
        ) : (
          <span key={i} style={css}>
            {s.text}
          </span>
        );
      })}
    </>
  );
}

function Marker({ entry }: { entry: Exclude<LogEntry, { kind: 'line' }> }) {
  let text: string;
  let tone = 'text-muted';
  switch (entry.kind) {
    case 'exited':
      text = entry.exitCode === null ? 'Container stopped' : `Container exited with code ${entry.exitCode}`;
      if (entry.exitCode) tone = 'text-warning';
      break;
    case 'skipped':
      text = `${entry.count.toLocaleString()} lines skipped: the browser could not keep up`;
      tone = 'text-warning';
      break;
    case 'ended':
      text = entry.message;
      break;
  }
  return (
    <div className={`flex items-center gap-3 px-3 font-sans text-xs ${tone}`} style={{ height: MARKER_HEIGHT }}>
      <span className="h-px flex-1 bg-line" aria-hidden />
      <span>{text}</span>
      <span className="h-px flex-1 bg-line" aria-hidden />
    </div>
  );
}

export const LogRow = memo(function LogRow({
  entry,
  showTime,
  wrap,
  search,
  current,
}: {
  entry: LogEntry;
  showTime: boolean;
  wrap: boolean;
  search: CompiledSearch | null;
  /** The match the search arrows are on. */
  current: boolean;
}) {
  if (entry.kind !== 'line') return <Marker entry={entry} />;
  const stderr = entry.stream === 'stderr';
  return (
    <div
      data-current-match={current || undefined}
      className={`flex border-l-2 ${stderr ? 'border-danger/70 bg-danger/[0.08] text-danger' : 'border-transparent text-fg'} ${current ? 'bg-warning/10 outline outline-1 -outline-offset-1 outline-warning/50' : ''} hover:bg-fg/[0.04]`}
      style={{ lineHeight: `${LINE_HEIGHT}px`, minHeight: LINE_HEIGHT }}
    >
      {showTime && (
        <time dateTime={entry.time} title={entry.time} className="shrink-0 pr-3 pl-2 text-muted tabular-nums">
          {entry.time ? formatLogTime(entry.time) : '—'}
        </time>
      )}
      <span className={`${showTime ? '' : 'pl-2'} pr-3 ${wrap ? 'min-w-0 flex-1 whitespace-pre-wrap [overflow-wrap:anywhere]' : 'whitespace-pre'}`}>
        {stderr && <span className="sr-only">stderr: </span>}
        <LineText text={entry.text} plain={entry.plain} search={search} />
      </span>
    </div>
  );
});
