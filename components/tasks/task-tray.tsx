'use client';
import Link from 'next/link';
import { useTasks } from '@/hooks/use-tasks';
import { taskHref } from '@/lib/protocol/links';
import { ProgressBar, taskFraction } from './task-progress';

const SHOWN = 3;

/** Running tasks in the shell, on every page: they live on the server, so they survive navigation and reloads. */
export function TaskTray() {
  const tasks = useTasks();
  const running = tasks.filter((t) => t.summary.state === 'running');
  if (running.length === 0) return null;
  return (
    <section aria-label="Running tasks" className="border-t border-line px-3 py-2">
      <Link href="/tasks" className="text-xs font-medium text-muted hover:text-fg-soft">
        {running.length} running task{running.length > 1 ? 's' : ''}
      </Link>
      <ul className="mt-1 space-y-2">
        {running.slice(0, SHOWN).map(({ summary: t }) => (
          <li key={t.id}>
            <Link href={taskHref(t.id)} className="block rounded px-1 py-0.5 hover:bg-raised/60">
              <div className="flex justify-between gap-2 text-xs">
                <span className="truncate" title={`${t.kind} ${t.target}`}>
                  <span className="text-muted">{t.kind}</span> {t.target}
                </span>
              </div>
              <ProgressBar fraction={taskFraction(t)} label={`${t.kind} ${t.target}`} />
              <div className="truncate text-[11px] text-muted">{t.message}</div>
            </Link>
          </li>
        ))}
      </ul>
      {running.length > SHOWN && (
        <Link href="/tasks" className="mt-1 block text-xs text-muted hover:text-fg-soft">
          and {running.length - SHOWN} more…
        </Link>
      )}
    </section>
  );
}
