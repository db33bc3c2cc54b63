'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { AuditEntry } from '@/lib/protocol/audit';

/** The newest audit entries, newest first (the audit page; "removed by whom" on a vanished container). */
export function useAuditLog(limit: number, enabled = true) {
  return useQuery({
    queryKey: ['audit', limit],
    queryFn: ({ signal }) => api<AuditEntry[]>(`/api/audit?limit=${limit}`, { signal }),
    enabled,
  });
}
