import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ListLoadError } from '@/components/ui/list-load-error';
import { Spinner } from '@/components/ui/spinner';
import { StaleNote } from '@/components/ui/stale-note';
import { countNoun } from '@/lib/format/actions';

/**
 * What a list page shows in place of its rows, in one order on every list (issue 18, "honest
 * states"): still loading; the list could not be read at all (ListLoadError); the engine does not
 * answer and the last list it gave was empty ("Engine unreachable": nobody can tell what exists now,
 * so never "No volumes"); there are none (`empty`); none match the search or filters (`noMatch`,
 * with its way back); else the rows (`children`). Over the last two, while the engine does not
 * answer, the StaleNote (`staleNote`: its test id and what the list is instead).
 */
export function ListStates({
  noun,
  loading,
  loadingText,
  error,
  onRetry,
  hint,
  stale,
  staleNote,
  endpoint,
  total,
  shown,
  empty,
  noMatch,
  children,
}: {
  /** One of the list's things ('volume'): "3 volumes", "No volumes match", "Could not list volumes". */
  noun: string;
  loading: boolean;
  loadingText?: string;
  /** Why the list could not be read; only while there is no list to show. */
  error: Error | null;
  onRetry: () => void;
  /** What a person can do while no engine answers (ListLoadError). */
  hint?: ReactNode;
  /** The engine does not answer: what the page has is its last known list. */
  stale: boolean;
  staleNote: { testId: string; words: string };
  /** Where the engine is, when known, to name it. */
  endpoint?: string;
  /** How many there are, and how many the search or filters leave. */
  total: number;
  shown: number;
  empty: ReactNode;
  noMatch: { because: ReactNode; clearLabel: string; onClear: () => void };
  children: ReactNode;
}) {
  const many = `${noun}s`;
  if (loading) {
    return (
      <div className="flex items-center gap-2 p-6 text-sm text-muted">
        <Spinner /> {loadingText ?? `Loading ${many}…`}
      </div>
    );
  }
  if (error) return <ListLoadError what={many} error={error} onRetry={onRetry} hint={hint} />;
  if (total === 0 && stale) {
    return (
      <EmptyState tone="error" title="Engine unreachable">
        The Docker engine{endpoint ? ` at ${endpoint}` : ''} does not answer, so Dockside cannot tell which {many} exist. This page fills in by itself when it answers again.
      </EmptyState>
    );
  }
  if (total === 0) return empty;
  const note = stale && <StaleNote testId={staleNote.testId}>{staleNote.words}</StaleNote>;
  if (shown === 0) {
    return (
      <>
        {note}
        <EmptyState title={`No ${many} match`} action={<Button onClick={noMatch.onClear}>{noMatch.clearLabel}</Button>}>
          {countNoun(total, noun)} in total; none match {noMatch.because}.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {note}
      {children}
    </>
  );
}

/** ListStates' props from a plain query of a whole list (volumes, networks): the error only while there is no list. */
export function listQueryStates(list: { isPending: boolean; data?: readonly unknown[]; error: Error | null; refetch: () => unknown }) {
  return { loading: list.isPending, error: list.data ? null : list.error, onRetry: () => void list.refetch(), total: list.data?.length ?? 0 };
}
