import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { isEngineUnreachable } from '@/lib/api-client';

/**
 * A list page whose list could not be read at all. When the engine does not answer: "No Docker
 * engine reachable", never an empty list, and that the page fills in by itself when it answers
 * (`hint`: what a person can do meanwhile); else "Could not list <what>". The error's own words
 * either way, and Try again.
 */
export function ListLoadError({ what, error, onRetry, hint }: { what: string; error: Error; onRetry: () => void; hint?: ReactNode }) {
  const engineDown = isEngineUnreachable(error);
  return (
    <EmptyState tone="error" title={engineDown ? 'No Docker engine reachable' : `Could not list ${what}`} action={<Button onClick={onRetry}>Try again</Button>}>
      {error.message}
      {engineDown && (
        <p className="mt-2">
          {hint}
          {hint ? ' ' : ''}This page fills in by itself when the engine answers.
        </p>
      )}
    </EmptyState>
  );
}
