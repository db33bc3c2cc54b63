'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toasts';
import { useLiveInvalidation } from '@/hooks/use-live-invalidation';
import { MuxProvider } from '@/hooks/use-mux';
import { ApiRequestError } from '@/lib/api-client';

const isAnswer = (err: unknown) => err instanceof ApiRequestError && (err.status === 503 || (err.status >= 400 && err.status < 500));

function LiveUpdates() {
  useLiveInvalidation();
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Freshness comes from engine events, not timers or window focus.
          // Client errors and an unreachable engine are answers, not glitches: no retry (the engine
          // coming back refetches everything anyway).
          queries: { refetchOnWindowFocus: false, staleTime: 30_000, retry: (count, err) => count < 1 && !isAnswer(err) },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <MuxProvider>
        <ToastProvider>
          <LiveUpdates />
          {children}
        </ToastProvider>
      </MuxProvider>
    </QueryClientProvider>
  );
}
