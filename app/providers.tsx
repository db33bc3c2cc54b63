'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toasts';
import { useLiveInvalidation } from '@/hooks/use-live-invalidation';
import { MuxProvider } from '@/hooks/use-mux';

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
          queries: { refetchOnWindowFocus: false, staleTime: 30_000, retry: 1 },
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
