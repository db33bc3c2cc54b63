import type { ReactNode } from 'react';

/** A plain scrollable table (processes, audit log): header row, monospace body rows passed as children. */
export function DataTable({ label, headers, children }: { label: string; headers: readonly string[]; children: ReactNode }) {
  return (
    <div className="overflow-auto rounded-lg border border-line">
      <table className="w-full text-xs" aria-label={label}>
        <thead className="bg-panel text-left text-muted">
          <tr>
            {headers.map((t, i) => (
              <th key={`${i}-${t}`} className="px-3 py-2 font-medium">
                {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="font-mono">{children}</tbody>
      </table>
    </div>
  );
}
