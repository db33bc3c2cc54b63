'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toasts';
import { CurrentEngineProvider } from '@/hooks/use-current-engine';
import { useLiveInvalidation } from '@/hooks/use-live-invalidation';
import { MuxProvider } from '@/hooks/use-mux';
import { ApiRequestError } from '@/lib/api-client';

const isAnswer = (err: unknown) => err instanceof ApiRequestError && (err.status === 503 || (err.status >= 400 && err.status < 500));

function LiveUpdates() {
  useLiveInvalidation();
  return null;
}

function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Freshness comes from engine events, not timers or window focus.
      // Client errors and an unreachable engine are answers, not glitches: no retry (the engine
      // coming back refetches everything anyway).
      queries: { refetchOnWindowFocus: false, staleTime: 30_000, retry: (count, err) => count < 1 && !isAnswer(err) },
    },
  });
}

/**
 * One socket for the tab; one query cache per engine, so two engines' answers never mix and going
 * back to an engine shows what was last seen at once. Everything below is keyed by the engine the
 * URL names (hooks/use-current-engine.tsx): a switch starts pages, caches and channels afresh.
 *
 * No Suspense boundary around the pages: React streams a boundary whose HTML is over ~12 kB (a list's
 * first screen is ~100 kB) as hidden content that a script reveals on a later animation frame (or
 * 300 ms after the first paint), so the rows were parsed but not on screen (issue 18, "the first
 * screen"). Without one, the page is part of the document's first HTML and shows as it is parsed.
 */
export function Providers({ children }: { children: ReactNode }) {
  const [clients] = useState(() => new Map<string, QueryClient>());
  const clientFor = (engine: string) => {
    let client = clients.get(engine);
    if (!client) clients.set(engine, (client = newQueryClient()));
    return client;
  };
  return (
    <MuxProvider>
      <ToastProvider>
        <CurrentEngineProvider>
          {(engine) => (
            <QueryClientProvider key={engine} client={clientFor(engine)}>
              <LiveUpdates />
              {children}
            </QueryClientProvider>
          )}
        </CurrentEngineProvider>
      </ToastProvider>
    </MuxProvider>
  );
}
