/** Result rows, PASS/MISS against targets, and the BENCHMARKS.md layout (latest run, fixes, history). */

export type Verdict = 'PASS' | 'MISS' | '—';

export interface Check {
  /** As shown in the table, e.g. "ratio ≤ 1.3". */
  text: string;
  pass: boolean;
}

export interface ResultRow {
  metric: string;
  dockside: string;
  baseline: string;
  /** dockside / baseline, when the figure has a baseline. */
  ratio?: number;
  check?: Check;
}

export interface FigureResult {
  id: number;
  title: string;
  rows: ResultRow[];
  notes: string[];
  /** The figure could not run (or broke half-way): shown instead of silently missing. */
  error?: string;
  seconds?: number;
}

export interface RunMeta {
  date: string;
  command: string;
  machine: Record<string, string>;
  seconds: number;
}

/** `value` against `limit`; a value that is not a number (nothing measured) always misses. */
export function check(value: number, op: '<=' | '>=', limit: number, label = 'ratio', unit = ''): Check {
  const pass = Number.isFinite(value) && (op === '<=' ? value <= limit : value >= limit);
  return { text: `${label} ${op === '<=' ? '≤' : '≥'} ${limit}${unit}`, pass };
}

export function verdict(row: ResultRow): Verdict {
  if (!row.check) return '—';
  return row.check.pass ? 'PASS' : 'MISS';
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

export function fmtRatio(r: number | undefined): string {
  return r === undefined ? '' : Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a';
}

export function fmtBytes(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} B`;
}

export function fmtNum(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderTable(figures: FigureResult[]): string {
  const lines = ['| # | Metric | Dockside | Baseline | Ratio | Target | Result |', '|---|---|---|---|---|---|---|'];
  for (const f of figures) {
    if (f.error && !f.rows.length) {
      lines.push(`| ${f.id} | ${cell(f.title)} | — | — | | | ERROR: ${cell(f.error)} |`);
      continue;
    }
    for (const r of f.rows) {
      lines.push(
        `| ${f.id} | ${cell(r.metric)} | ${cell(r.dockside)} | ${cell(r.baseline)} | ${fmtRatio(r.ratio)} | ${cell(r.check?.text ?? '')} | ${verdict(r)} |`,
      );
    }
  }
  return lines.join('\n');
}

export const RUN_MARK = '<!-- bench:run -->';

/** One run as markdown: heading, machine, command, the table, then per-figure notes. */
export function renderRun(meta: RunMeta, figures: FigureResult[]): string {
  const machine = Object.entries(meta.machine).map(([k, v]) => `${k}: ${v}`).join(' · ');
  const misses = figures.flatMap((f) => f.rows.filter((r) => verdict(r) === 'MISS').map((r) => `${f.id}: ${r.metric}`));
  const errors = figures.filter((f) => f.error).map((f) => `${f.id}: ${f.error}`);
  const out = [
    RUN_MARK,
    `### Run of ${meta.date}`,
    '',
    `- Command: \`${meta.command}\``,
    `- Machine: ${machine}`,
    `- Took ${Math.round(meta.seconds)} s; ${misses.length ? `missed: ${misses.join('; ')}` : 'every target met'}${errors.length ? `; errors: ${errors.join('; ')}` : ''}`,
    '',
    renderTable(figures),
    '',
  ];
  for (const f of figures) {
    if (!f.notes.length && !f.error) continue;
    out.push(`**${f.id}. ${f.title}**${f.seconds !== undefined ? ` (${Math.round(f.seconds)} s)` : ''}`, '');
    if (f.error) out.push(`- Error: ${f.error}`);
    for (const n of f.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}

const MARK = {
  latest: ['<!-- bench:latest:start -->', '<!-- bench:latest:end -->'],
  fixes: ['<!-- bench:fixes:start -->', '<!-- bench:fixes:end -->'],
  history: ['<!-- bench:history:start -->', '<!-- bench:history:end -->'],
} as const;

function between(text: string, [start, end]: readonly [string, string]): string | null {
  const a = text.indexOf(start);
  const b = text.indexOf(end, a + start.length);
  if (a < 0 || b < 0) return null;
  return text.slice(a + start.length, b).trim();
}

function runsIn(section: string | null): string[] {
  if (!section) return [];
  return section
    .split(RUN_MARK)
    .slice(1)
    .map((r) => `${RUN_MARK}${r}`.trim())
    .filter((r) => r.length > RUN_MARK.length);
}

const HEADER = `# Dockside benchmarks

Written by \`npm run bench\` (\`bench/run.ts\`, 17–22 minutes on 2 cores). Flags: \`--quick\` (short smoke run),
\`--only=1,3\` (some figures), \`--no-build\` (reuse .next-bench), \`--profile\` (server CPU profile and digest in
bench/out/). Quick and partial runs write bench/out/last-run.md instead of this file. Every figure is measured
beside its baseline (the raw engine API on its unix socket, or the docker CLI) in the same run, against a private
sandbox engine, and reported as a ratio. The latest run is on top; earlier runs are kept below it, so a fix shows
as before → after.`;

const DEFAULT_FIXES = '## Changes made from these numbers\n\nNone yet.';

/**
 * The new BENCHMARKS.md: the new run on top, the hand-written fixes section kept as it was, and the
 * previous latest run pushed onto the history (newest first, at most `keep` runs).
 */
export function mergeReport(existing: string | null, run: string, keep = 8): string {
  const old = existing ?? '';
  const fixes = between(old, MARK.fixes) ?? DEFAULT_FIXES;
  const history = [...runsIn(between(old, MARK.latest)), ...runsIn(between(old, MARK.history))].slice(0, keep);
  return [
    HEADER,
    '',
    MARK.latest[0],
    '## Latest run',
    '',
    run.trim(),
    MARK.latest[1],
    '',
    MARK.fixes[0],
    fixes,
    MARK.fixes[1],
    '',
    MARK.history[0],
    '## Earlier runs',
    '',
    history.length ? history.join('\n\n') : 'None yet.',
    MARK.history[1],
    '',
  ].join('\n');
}
