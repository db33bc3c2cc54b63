'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { TransferActions } from '@/components/transfers/transfer-actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useTasks } from '@/hooks/use-tasks';
import { useConnectionState } from '@/hooks/use-mux';
import { api } from '@/lib/api-client';
import type { TaskDetail, TaskState, TaskSummary } from '@/lib/protocol/tasks';
import { transfersPaths } from '@/lib/protocol/transfer-paths';
import { TaskProgressView } from './task-progress';

const stateTone: Record<TaskState, string> = {
  running: 'text-info',
  succeeded: 'text-success',
  failed: 'text-danger',
  cancelled: 'text-muted',
};

function when(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}

function CancelButton({ task }: { task: TaskSummary }) {
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (task.state !== 'running') return null;
  return (
    <>
      <Button size="sm" variant="danger" disabled={!task.cancellable} title={task.cancellable ? undefined : task.cancelNote} onClick={() => setConfirm(true)}>
        Cancel task
      </Button>
      <ConfirmDialog
        open={confirm}
        onClose={() => setConfirm(false)}
        title={`Cancel the ${task.kind} of ${task.target}?`}
        cancelLabel="Keep it running"
        confirmLabel="Cancel task"
        onConfirm={() => {
          api(transfersPaths.cancel(task.id), { method: 'POST' })
            .then(() => setConfirm(false))
            .catch((e: Error) => setError(e.message));
        }}
      >
        <p>{task.cancelNote}</p>
        {error && (
          <p role="alert" className="mt-2 text-danger">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

/** One log line; memoised, so new lines arriving render only themselves. */
const LogLine = memo(function LogLine({ text }: { text: string }) {
  return <div className={/^Step \d+\/\d+ : /.test(text) ? 'mt-1 font-semibold text-info' : /^error: /.test(text) ? 'text-danger' : undefined}>{text}</div>;
});

/** The lines themselves: rendered again only when the array changes (new lines), not on every progress frame. */
const LogLines = memo(function LogLines({ lines }: { lines: string[] }) {
  return lines.map((l, i) => <LogLine key={i} text={l} />);
});

/**
 * One task in the list. Memoised: a progress frame changes one task's summary object (the others
 * keep theirs), so only that row renders again while many layers progress.
 */
const TaskRow = memo(function TaskRow({ task: t, selected, onSelect }: { task: TaskSummary; selected: boolean; onSelect: (id: string) => void }) {
  return (
    <li>
      <button
        type="button"
        onClick={() => onSelect(t.id)}
        aria-current={selected ? 'true' : undefined}
        className={`w-full rounded-md border px-3 py-2 text-left ${selected ? 'border-accent bg-raised' : 'border-line bg-panel hover:bg-raised/60'}`}
      >
        <div className="flex items-baseline gap-2 text-sm">
          <span className="font-medium">{t.kind}</span>
          <span className="min-w-0 flex-1 truncate" title={t.target}>
            {t.target}
          </span>
          <span className={`text-xs ${stateTone[t.state]}`}>{t.state}</span>
        </div>
        <div className="mt-1">
          <TaskProgressView task={t} />
        </div>
        <div className="mt-0.5 flex gap-2 text-[11px] text-muted">
          <span>{when(t.startedAt)}</span>
          <span className="truncate">{t.message}</span>
        </div>
      </button>
    </li>
  );
});

/**
 * The task's log: the lines this tab received live, or, for an ended task whose lines this tab did
 * not all receive (it opened after the first 200, or a burst was cut), the server's whole kept log.
 * A tab that watched the task from its start already has every line: fetching and rendering them
 * again when it ended cost a request and a second render of the log inside the frame that showed
 * the end (figure 18's long tasks).
 */
function TaskLog({ task, liveLog }: { task: TaskSummary; liveLog: string[] }) {
  const needsServerLog = task.state !== 'running' && liveLog.length < task.logLines;
  const full = useQuery({
    queryKey: ['tasks', task.id, task.state === 'running' ? 'live' : 'done'],
    queryFn: ({ signal }) => api<TaskDetail>(`/api/tasks/${encodeURIComponent(task.id)}`, { signal }),
    enabled: needsServerLog,
  });
  const fetched = needsServerLog ? full.data : undefined;
  const lines = fetched ? fetched.log : liveLog;
  const dropped = fetched?.logDropped ?? 0;
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);
  // Follow the end while the reader is there; scrolling up stops following. In the next animation
  // frame's callback, not in the commit: reading scrollHeight there forced a style and layout
  // inside React's commit task (half of the Tasks page's longest tasks in a Chromium trace during a
  // 20-layer pull, figure 18); just before the frame's own layout it is the layout the frame does
  // anyway, and the frame paints the scrolled box. Asked for in a layout effect, so that frame is
  // the first one painted with the new lines.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !pinned.current) return;
    const frame = requestAnimationFrame(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [lines]);
  return (
    <div>
      <h3 className="mb-1 text-sm font-medium">Log</h3>
      {dropped > 0 && <p className="text-xs text-muted">{dropped} earlier lines were dropped to keep the log bounded.</p>}
      <pre
        ref={box}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        aria-label="Task log"
        tabIndex={0}
        // contain: content — new lines lay out and paint inside this box without re-laying out the page around it.
        className="max-h-[50vh] overflow-auto rounded-md border border-line bg-surface p-2 font-mono text-xs leading-5 whitespace-pre-wrap break-all [contain:content]">
        {lines.length === 0 ? <span className="text-muted">Nothing logged yet.</span> : <LogLines lines={lines} />}
      </pre>
    </div>
  );
}

/** The page's title and action buttons: nothing in them changes with a task's progress. */
const TasksHeader = memo(function TasksHeader() {
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3">
      <h1 className="text-lg font-semibold">Tasks</h1>
      <span className="text-sm text-muted">Pulls, pushes, builds, loads, imports, saves and exports run on the server: leaving or reloading the page does not stop them.</span>
      <div className="ml-auto">
        <TransferActions />
      </div>
    </div>
  );
});

/** Recent tasks (bounded history on the server) and the chosen one's progress, result and log. */
export function TasksPage() {
  const tasks = useTasks();
  const connection = useConnectionState();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const selectedId = params.get('task') ?? tasks[0]?.summary.id ?? null;
  const selected = tasks.find((t) => t.summary.id === selectedId);
  const select = useCallback((id: string) => router.replace(`${pathname}?task=${encodeURIComponent(id)}`, { scroll: false }), [router, pathname]);

  return (
    <div className="p-6">
      <TasksHeader />
      {tasks.length === 0 ? (
        connection === 'open' ? (
          <EmptyState title="No tasks yet">Pull, build, push, load, import, save or export something: it shows here with its progress and log.</EmptyState>
        ) : (
          <div className="flex items-center gap-2 text-sm text-muted">
            <Spinner /> Connecting…
          </div>
        )
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(18rem,26rem)_1fr]">
          <ul aria-label="Tasks" className="space-y-1">
            {tasks.map(({ summary: t }) => (
              <TaskRow key={t.id} task={t} selected={t.id === selectedId} onSelect={select} />
            ))}
          </ul>
          {selected ? (
            <section aria-label={`Task ${selected.summary.kind} ${selected.summary.target}`} className="min-w-0 space-y-3 rounded-lg border border-line bg-panel p-4">
              <div className="flex flex-wrap items-baseline gap-2">
                <h2 className="text-base font-semibold">
                  {selected.summary.kind} <span className="break-all font-normal">{selected.summary.target}</span>
                </h2>
                <span className={`text-sm ${stateTone[selected.summary.state]}`}>{selected.summary.state}</span>
                <span className="text-xs text-muted">
                  started {new Date(selected.summary.startedAt).toLocaleString()}
                  {selected.summary.endedAt ? `, ended ${new Date(selected.summary.endedAt).toLocaleTimeString()}` : ''}
                </span>
                <div className="ml-auto">
                  <CancelButton task={selected.summary} />
                </div>
              </div>
              <TaskProgressView task={selected.summary} detailed />
              <p role={selected.summary.state === 'failed' ? 'alert' : undefined} className={selected.summary.state === 'failed' ? 'text-sm text-danger' : 'text-sm'}>
                {selected.summary.message}
              </p>
              {selected.summary.links.length > 0 && (
                <p className="flex flex-wrap gap-3 text-sm">
                  {selected.summary.links.map((l) => (
                    <Link key={l.href} href={l.href} className="text-accent underline">
                      {l.label}
                    </Link>
                  ))}
                </p>
              )}
              <TaskLog task={selected.summary} liveLog={selected.log} />
            </section>
          ) : (
            <EmptyState title="Task not found">It may have been dropped from the bounded history.</EmptyState>
          )}
        </div>
      )}
    </div>
  );
}
