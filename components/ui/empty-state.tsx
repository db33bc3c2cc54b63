import type { ReactNode } from 'react';

/** The empty, error and "nothing matches" panels share this frame so every page says what is going on. */
export function EmptyState({ title, children, tone = 'neutral', action }: { title: string; children?: ReactNode; tone?: 'neutral' | 'error'; action?: ReactNode }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`mx-auto my-12 max-w-lg rounded-lg border p-6 text-center ${tone === 'error' ? 'border-danger/40 bg-danger/10' : 'border-line bg-panel'}`}
    >
      <h2 className={`text-base font-semibold ${tone === 'error' ? 'text-danger' : 'text-fg'}`}>{title}</h2>
      {children && <div className="mt-2 text-sm text-muted">{children}</div>}
      {action && <div className="mt-4 flex justify-center gap-2">{action}</div>}
    </div>
  );
}
