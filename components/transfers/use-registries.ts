'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { RegistrySummary } from '@/lib/protocol/registries';

export const registriesKey = ['registries'] as const;

export function useRegistries() {
  return useQuery({ queryKey: registriesKey, queryFn: ({ signal }) => api<RegistrySummary[]>('/api/registries', { signal }) });
}
