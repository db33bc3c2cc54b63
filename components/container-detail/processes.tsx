'use client';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useContainer, useContainerProcesses } from '@/hooks/use-containers';

/** `docker top`: the processes running in the container. */
export function ContainerProcesses({ id }: { id: string }) {
  const c = useContainer(id);
  const running = c.data?.container.state.running ?? false;
  const top = useContainerProcesses(id, running);
  if (!c.data) return null;
  if (!running) return <EmptyState title="Not running">Processes are listed while the container runs.</EmptyState>;
  if (top.isPending) return <div className="flex items-center gap-2 p-6 text-sm text-muted"><Spinner /> Listing processes…</div>;
  if (top.error) return <EmptyState tone="error" title="Could not list processes" action={<Button onClick={() => void top.refetch()}>Try again</Button>}>{top.error.message}</EmptyState>;
  return (
    <div className="p-6">
      <div className="mb-2 flex items-center gap-2">
        <span className="text-sm text-muted">{top.data.processes.length} processes</span>
        <Button size="sm" onClick={() => void top.refetch()} disabled={top.isFetching}>
          Refresh
        </Button>
      </div>
      <DataTable label="Processes" headers={top.data.titles}>
        {top.data.processes.map((row, i) => (
          <tr key={i} className="border-t border-line/60">
            {row.map((cell, j) => (
              <td key={j} className="px-3 py-1.5 break-all">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
