'use client';
import { useSearchParams } from 'next/navigation';
import { ENGINE_QUERY_PARAM } from '@/lib/protocol/engines';

/** The engine this page is about (`?engine=<name>` in the URL), or null for the default engine. */
export function useEngineName(): string | null {
  return useSearchParams().get(ENGINE_QUERY_PARAM);
}

/** `path` with the page's engine added to its query, so API calls go to the engine the URL names. */
export function withEngine(path: string, engine: string | null): string {
  if (!engine) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${ENGINE_QUERY_PARAM}=${encodeURIComponent(engine)}`;
}
