'use client';
import Link from 'next/link';
import { TaskProgressView } from '@/components/tasks/task-progress';
import { useTask } from '@/hooks/use-tasks';
import { taskHref } from '@/lib/protocol/links';

/** Inside a dialog once its task started: live progress, and the reminder that closing is fine. */
export function TaskStarted({ id }: { id: string }) {
  const entry = useTask(id);
  if (!entry) return <p className="text-sm text-muted">Started…</p>;
  const t = entry.summary;
  return (
    <div className="space-y-2" aria-live="polite">
      <TaskProgressView task={t} detailed />
      <p className={`text-sm ${t.state === 'failed' ? 'text-danger' : t.state === 'succeeded' ? 'text-success' : 'text-fg-soft'}`}>{t.message}</p>
      {t.links.length > 0 && (
        <p className="flex flex-wrap gap-2 text-sm">
          {t.links.map((l) => (
            <Link key={l.href} href={l.href} className="text-accent underline">
              {l.label}
            </Link>
          ))}
        </p>
      )}
      <p className="text-xs text-muted">
        This runs on the server: you can close this dialog or the tab and find it on the{' '}
        <Link href={taskHref(id)} className="underline">
          Tasks page
        </Link>
        .
      </p>
    </div>
  );
}

export const fieldClass = 'mt-1 w-full rounded-md border border-line bg-surface px-2 py-1.5 text-sm text-fg focus:border-accent focus:outline-none';
export const labelClass = 'block text-xs font-medium text-fg-soft';
