import type { ReactNode } from 'react';

/**
 * Over a list the engine no longer answers for (issue 18, "honest states"): `children` says what is
 * shown instead ("these rows are the last known state"), and that its actions are off until the
 * engine answers again. Every list page says it in these words.
 */
export function StaleNote({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <p role="status" className="border-b border-line bg-warning/10 px-4 py-1.5 text-xs text-warning" data-testid={testId}>
      Engine unreachable: {children}; actions are off until it answers again.
    </p>
  );
}
