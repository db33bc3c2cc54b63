'use client';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useContainerList } from '@/hooks/use-containers';
import { useAuditLog } from '@/hooks/use-audit';
import { describeWho } from '@/lib/format/audit';
import type { AuditEntry } from '@/lib/protocol/audit';

const AUDIT_COLUMNS = ['Time', 'Who', 'From', 'Request', 'Target', 'Action', 'Result', 'Details'];

const LIMIT = 200;

const outcomeTone: Record<AuditEntry['outcome'], string> = {
  ok: 'text-success',
  requested: 'text-info',
  refused: 'text-warning',
  failed: 'text-danger',
  aborted: 'text-muted',
};

/** Recent mutations, newest first. Every field is rendered as text: targets and bodies come from users and containers. */
export function AuditLog() {
  const log = useAuditLog(LIMIT);

  // Container names beside ids: from the list the app already keeps (a removed container keeps its id only).
  const containers = useContainerList({ size: false });
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of containers.data ?? []) {
      m.set(c.id, c.name);
      m.set(c.id.slice(0, 12), c.name);
    }
    return m;
  }, [containers.data]);
  const nameOf = (target: string | undefined) => (target ? (names.get(target) ?? (target.length >= 12 ? names.get(target.slice(0, 12)) : undefined)) : undefined);
  const [filter, setFilter] = useState('');
  const [outcome, setOutcome] = useState<'' | AuditEntry['outcome']>('');
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (log.data ?? []).filter((e) => {
      if (outcome && e.outcome !== outcome) return false;
      if (!q) return true;
      const hay = [e.who, describeWho(e.who), e.remote, e.method, e.route, e.target ?? '', nameOf(e.target) ?? '', e.action ?? '', e.outcome, e.detail === undefined ? '' : JSON.stringify(e.detail)].join(' ').toLowerCase();
      return hay.includes(q);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- nameOf reads `names`
  }, [log.data, filter, outcome, names]);

  return (
    <div className="p-4 sm:p-6">
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Audit log</h1>
        <span className="text-sm text-muted">Every change made through Dockside: who, what, on which target, and how it ended.</span>
        <Button size="sm" className="ml-auto" onClick={() => void log.refetch()} disabled={log.isFetching}>
          Refresh
        </Button>
      </div>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label="Filter the audit log"
          placeholder="Filter: container, action, who…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="h-8 w-64 max-w-full rounded-md border border-line bg-panel px-3 text-sm outline-none focus:border-accent"
        />
        <select aria-label="Filter by result" value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)} className="h-8 rounded-md border border-line bg-panel px-2 text-xs text-fg-soft">
          <option value="">Any result</option>
          {(Object.keys(outcomeTone) as AuditEntry['outcome'][]).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {log.data && (filter || outcome) && (
          <span className="text-xs text-muted" role="status">
            {shown.length} of {log.data.length}
          </span>
        )}
      </div>
      {log.isPending ? (
        <div className="flex items-center gap-2 text-sm text-muted">
          <Spinner /> Reading the audit log…
        </div>
      ) : log.error ? (
        <EmptyState tone="error" title="Could not read the audit log" action={<Button onClick={() => void log.refetch()}>Try again</Button>}>
          {log.error.message}
        </EmptyState>
      ) : log.data.length === 0 ? (
        <EmptyState title="Nothing recorded yet">Changes made through Dockside (start, stop, remove, prune, exec…) appear here.</EmptyState>
      ) : (
        <DataTable label="Audit log" headers={AUDIT_COLUMNS}>
          {shown.map((e, i) => (
            <tr key={`${e.time}-${i}`} className="border-t border-line/60 align-top">
              <td className="whitespace-nowrap px-3 py-1.5" title={e.time}>
                {new Date(e.time).toLocaleString()}
              </td>
              <td className="px-3 py-1.5 font-sans whitespace-nowrap" title={e.who}>
                {describeWho(e.who)}
              </td>
              <td className="px-3 py-1.5">{e.remote}</td>
              <td className="px-3 py-1.5 break-all">
                {e.method} {e.route}
              </td>
              <td className="px-3 py-1.5 break-all">
                {nameOf(e.target) && <span className="font-sans font-medium text-fg">{nameOf(e.target)} </span>}
                <span className={nameOf(e.target) ? 'text-muted' : ''}>{e.target ?? ''}</span>
              </td>
              <td className="px-3 py-1.5">{e.action ?? ''}</td>
              <td className={`whitespace-nowrap px-3 py-1.5 ${outcomeTone[e.outcome]}`}>
                {e.outcome}
                {e.status !== undefined && e.status > 0 ? ` ${e.status}` : ''}
                {e.clientGone && (
                  <span className="ml-1 text-xs text-muted" title="The browser left before the answer; the server finished the request anyway.">
                    (client gone)
                  </span>
                )}
              </td>
              <td className="px-3 py-1.5 break-all text-muted">{e.detail === undefined ? '' : JSON.stringify(e.detail)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
