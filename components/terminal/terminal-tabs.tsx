'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useContainer } from '@/hooks/use-containers';
import { useEngineStatus } from '@/hooks/use-mux';
import { splitCommandLine } from '@/lib/command-line';
import { execParamsSchema } from '@/lib/protocol/streams';
import { TerminalView, type TerminalTabSpec } from './terminal-view';

interface Tab {
  id: number;
  label: string;
  spec: TerminalTabSpec;
}

let nextTabId = 1;

/** Terminals into one container, in tabs: shells (`docker exec -it`) and attach (`docker attach`). */
export function TerminalTabs({ id }: { id: string }) {
  const q = useContainer(id);
  const engine = useEngineStatus();
  const [tabs, setTabs] = useState<Tab[]>([]);
  const [activeId, setActiveId] = useState<number | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const autoOpened = useRef(false);

  const c = q.data?.container;
  const running = !!c?.state.running && !c.state.paused;
  const readOnly = engine?.readOnly ?? null;
  const shellCount = tabs.filter((t) => t.spec.kind === 'exec').length;

  const addTab = (label: string, spec: TerminalTabSpec) => {
    const tab = { id: nextTabId++, label, spec };
    setTabs((ts) => [...ts, tab]);
    setActiveId(tab.id);
  };
  const closeTab = (tabId: number) => {
    const i = tabs.findIndex((t) => t.id === tabId);
    const rest = tabs.filter((t) => t.id !== tabId);
    setTabs(rest);
    if (tabId === activeId) setActiveId(rest[Math.min(i, rest.length - 1)]?.id ?? null);
  };

  // Opening the Terminal tab means "give me a shell": start one right away, once.
  useEffect(() => {
    if (!running || readOnly !== false || autoOpened.current) return;
    autoOpened.current = true;
    addTab('Shell 1', { kind: 'exec' });
  }, [running, readOnly]);

  if (!c) {
    return q.isPending ? (
      <div className="flex items-center gap-2 p-6 text-sm text-muted">
        <Spinner /> Loading…
      </div>
    ) : null;
  }
  if (readOnly) {
    return <EmptyState title="Terminals are off in read-only mode">Dockside was started with --read-only: it shows containers, logs and stats, but runs nothing inside them.</EmptyState>;
  }
  if (!running && tabs.length === 0) {
    return (
      <EmptyState title={c.state.paused ? 'The container is paused' : 'The container is not running'}>
        {c.state.paused ? 'Unpause it to open a terminal.' : 'Start it to open a shell inside or attach to its main process.'}
      </EmptyState>
    );
  }

  // Sessions target the full id: a container later created under the same name is another one.
  const target = c.id;
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-1 border-b border-line bg-panel/60 px-4 py-1.5">
        {/* Sessions are toggle buttons, each with its close button: a tablist may hold only tabs. */}
        <div role="group" aria-label="Terminal sessions" className="flex flex-wrap items-center gap-1">
          {tabs.map((t) => (
            <div
              key={t.id}
              className={`flex items-center rounded-md border text-sm ${t.id === activeId ? 'border-line bg-raised text-fg' : 'border-transparent text-muted hover:text-fg'}`}
            >
              <button type="button" aria-pressed={t.id === activeId} onClick={() => setActiveId(t.id)} className="py-1 pr-1 pl-2.5 font-mono text-xs">
                {t.label}
              </button>
              <button type="button" aria-label={`Close ${t.label}`} title="Close (ends the session)" onClick={() => closeTab(t.id)} className="rounded px-1.5 py-1 text-xs text-muted hover:bg-hover hover:text-fg">
                ×
              </button>
            </div>
          ))}
        </div>
        <div className="ml-2 flex items-center gap-1">
          <Button size="sm" disabled={!running} onClick={() => addTab(`Shell ${shellCount + 1}`, { kind: 'exec' })} title="A new shell: bash if the image has it, else sh">
            + Shell
          </Button>
          <Button size="sm" variant="ghost" disabled={!running} aria-expanded={formOpen} onClick={() => setFormOpen((o) => !o)}>
            Command…
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={!running || !c.tty}
            onClick={() => addTab('Attach', { kind: 'attach' })}
            title={c.tty ? 'Watch the main process on its terminal (docker attach)' : 'Started without a TTY (-t): there is no terminal to attach to; see its logs.'}
          >
            Attach
          </Button>
        </div>
        {!running && <span className="ml-auto text-xs text-warning">The container is {c.state.paused ? 'paused' : 'not running'}: no new sessions.</span>}
      </div>
      {formOpen && running && (
        <CommandForm
          container={target}
          defaultUser={c.user}
          defaultWorkdir={c.workingDir}
          onCancel={() => setFormOpen(false)}
          onSubmit={(label, spec) => {
            setFormOpen(false);
            addTab(label, spec);
          }}
        />
      )}
      {tabs.map((t) => (
        <TerminalView key={t.id} container={target} spec={t.spec} active={t.id === activeId} canStart={running} />
      ))}
      {tabs.length === 0 && <EmptyState title="No terminal open">Open a shell, run a command, or attach to the main process.</EmptyState>}
    </div>
  );
}

function CommandForm({
  container,
  defaultUser,
  defaultWorkdir,
  onSubmit,
  onCancel,
}: {
  container: string;
  defaultUser: string;
  defaultWorkdir: string;
  onSubmit: (label: string, spec: TerminalTabSpec) => void;
  onCancel: () => void;
}) {
  const [command, setCommand] = useState('');
  const [user, setUser] = useState('');
  const [workdir, setWorkdir] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const split = splitCommandLine(command);
    if (!split.ok) return setError(split.error);
    const spec = {
      kind: 'exec' as const,
      cmd: split.argv.length ? split.argv : undefined,
      user: user.trim() || undefined,
      workdir: workdir.trim() || undefined,
    };
    // The server checks the same schema; checking here puts the message next to the field.
    const parsed = execParamsSchema.safeParse({ container, ...spec, cols: 80, rows: 24 });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Invalid command.');
    const name = spec.cmd ? spec.cmd[0]!.split('/').pop()! : 'shell';
    onSubmit(spec.user ? `${name} (${spec.user})` : name, spec);
  };

  const field = 'h-8 rounded-md border border-line bg-surface px-2 font-mono text-sm text-fg placeholder:text-muted/70 focus:border-accent focus:outline-none';
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 border-b border-line bg-panel px-4 py-3" aria-label="Run a command">
      <label className="flex min-w-64 flex-[2] flex-col gap-1 text-xs text-muted">
        Command
        <input autoFocus value={command} onChange={(e) => setCommand(e.target.value)} placeholder="empty: bash if present, else sh" className={field} />
      </label>
      <label className="flex w-40 flex-col gap-1 text-xs text-muted">
        User
        <input value={user} onChange={(e) => setUser(e.target.value)} placeholder={defaultUser || 'image default'} className={field} />
      </label>
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs text-muted">
        Working directory
        <input value={workdir} onChange={(e) => setWorkdir(e.target.value)} placeholder={defaultWorkdir || '/'} className={field} />
      </label>
      <div className="flex gap-2">
        <Button type="submit" variant="primary">
          Open
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
      <p className="w-full text-xs text-muted">
        Split into arguments like a shell would (quotes and backslashes), but never run through one: no pipes, variables or globs unless you run e.g. <code className="font-mono">sh -c &apos;…&apos;</code>.
      </p>
      {error && (
        <p role="alert" className="w-full text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
