'use client';
import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { api } from '@/lib/api-client';
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
  const log = useQuery({
    queryKey: ['audit', LIMIT],
    queryFn: ({ signal }) => api<AuditEntry[]>(`/api/audit?limit=${LIMIT}`, { signal }),
  });

  return (
    <div className="p-6">
      <div className="mb-4 flex items-center gap-3">
        <h1 className="text-lg font-semibold">Audit log</h1>
        <span className="text-sm text-muted">Every change made through Dockside: who, what, on which target, and how it ended.</span>
        <Button size="sm" className="ml-auto" onClick={() => void log.refetch()} disabled={log.isFetching}>
          Refresh
        </Button>
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
          {log.data.map((e, i) => (
            <tr key={`${e.time}-${i}`} className="border-t border-line/60 align-top">
              <td className="whitespace-nowrap px-3 py-1.5" title={e.time}>
                {new Date(e.time).toLocaleString()}
              </td>
              <td className="px-3 py-1.5">{e.who}</td>
              <td className="px-3 py-1.5">{e.remote}</td>
              <td className="px-3 py-1.5 break-all">
                {e.method} {e.route}
              </td>
              <td className="px-3 py-1.5 break-all">{e.target ?? ''}</td>
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
