'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { parseImageRef } from '@/lib/protocol/image-ref';
import type { RegistrySummary } from '@/lib/protocol/registries';

export const registriesKey = ['registries'] as const;

export function useRegistries() {
  return useQuery({ queryKey: registriesKey, queryFn: ({ signal }) => api<RegistrySummary[]>('/api/registries', { signal }) });
}

/** A typed image reference, its registry, and the credentials stored for that registry (if any). */
export function useReferenceRegistry(reference: string) {
  const registries = useRegistries();
  const parsed = reference ? parseImageRef(reference.trim()) : null;
  const domain = parsed?.ok ? (parsed.ref.domain ?? 'docker.io') : null;
  const creds = domain ? registries.data?.find((r) => r.address === domain && r.source !== 'builtin') : undefined;
  return { registries, parsed, domain, creds };
}
