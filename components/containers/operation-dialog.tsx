'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useContainerActions, type Operation, type Target } from '@/hooks/use-container-actions';
import { countNoun } from '@/lib/format/actions';
import { containerNameSchema } from '@/lib/protocol/ids';
import { signals } from '@/lib/protocol/containers';

/** Operations that ask first: they stop work, lose data, or need a parameter. */
export type ConfirmableOperation = 'stop' | 'restart' | 'kill' | 'remove' | 'rename';
export interface OperationRequest {
  name: ConfirmableOperation;
  targets: Target[];
}

const inputClass = 'h-8 rounded-md border border-line bg-surface px-2 text-sm outline-none focus:border-accent';

function TargetList({ targets }: { targets: Target[] }) {
  return (
    <ul tabIndex={0} aria-label="Containers it applies to" className="mt-2 max-h-40 overflow-auto rounded-md border border-line bg-surface px-3 py-2 font-mono text-xs focus:outline-none focus-visible:ring-2 focus-visible:ring-accent">
      {targets.map((t) => (
        <li key={t.id} className="truncate">
          {t.name}
        </li>
      ))}
    </ul>
  );
}

export function OperationDialog({ request, onClose, onDone }: { request: OperationRequest | null; onClose: () => void; onDone?: (op: ConfirmableOperation, okIds: string[]) => void }) {
  const { run } = useContainerActions();
  const [timeout, setTimeoutText] = useState('10');
  const [signal, setSignal] = useState<(typeof signals)[number]>('SIGKILL');
  const [force, setForce] = useState(false);
  const [volumes, setVolumes] = useState(false);
  const [newName, setNewName] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  if (!request) return <Dialog open={false} onClose={onClose} title="" footer={null}>{null}</Dialog>;
  const { name, targets } = request;
  const what = targets.length === 1 ? targets[0]!.name : countNoun(targets.length);

  function operation(): Operation | null {
    setFormError(null);
    switch (name) {
      case 'stop':
      case 'restart': {
        const t = Number(timeout);
        if (!Number.isInteger(t) || t < 0 || t > 3600) {
          setFormError('The timeout is a whole number of seconds from 0 to 3600.');
          return null;
        }
        return { kind: 'action', action: { action: name, timeout: t } };
      }
      case 'kill':
        return { kind: 'action', action: { action: 'kill', signal } };
      case 'remove':
        return { kind: 'remove', options: { force, volumes } };
      case 'rename': {
        const parsed = containerNameSchema.safeParse(newName);
        if (!parsed.success) {
          setFormError(parsed.error.issues[0]?.message ?? 'Invalid name.');
          return null;
        }
        return { kind: 'action', action: { action: 'rename', name: parsed.data } };
      }
    }
  }

  function confirm() {
    const op = operation();
    if (!op) return;
    onClose();
    void run(targets, op).then((r) => onDone?.(name, r.ok.map((t) => t.id)));
  }

  const titles: Record<ConfirmableOperation, string> = {
    stop: `Stop ${what}?`,
    restart: `Restart ${what}?`,
    kill: `Send a signal to ${what}?`,
    remove: `Remove ${what}?`,
    rename: `Rename ${what}`,
  };
  const many = targets.length > 1;
  const confirmLabel: Record<ConfirmableOperation, string> = {
    stop: many ? `Stop ${what}` : 'Stop',
    restart: many ? `Restart ${what}` : 'Restart',
    kill: 'Send signal',
    remove: many ? `Remove ${what}` : 'Remove',
    rename: 'Rename',
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={titles[name]}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant={name === 'remove' || name === 'kill' ? 'danger' : 'primary'} onClick={confirm} data-testid="confirm">
            {confirmLabel[name]}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
        className="flex flex-col gap-3"
      >
        {(name === 'stop' || name === 'restart') && (
          <>
            <p>Docker sends SIGTERM (or the image&apos;s stop signal), waits for the timeout, then sends SIGKILL — like <code>docker {name} -t</code>.</p>
            <label className="flex items-center gap-2">
              Timeout
              <input aria-label="Timeout in seconds" className={`${inputClass} w-20`} inputMode="numeric" value={timeout} onChange={(e) => setTimeoutText(e.target.value)} />
              seconds
            </label>
          </>
        )}
        {name === 'kill' && (
          <label className="flex items-center gap-2">
            Signal
            <select aria-label="Signal" className={inputClass} value={signal} onChange={(e) => setSignal(e.target.value as typeof signal)}>
              {signals.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
        {name === 'remove' && (
          <>
            <p>
              {many ? 'These containers and their read-write layers are deleted; their images stay.' : 'The container and its read-write layer are deleted; the image stays.'} This cannot be undone.
            </p>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
              Force: kill {many ? 'those that are' : 'it first if it is'} running{many ? ' first' : ''} (<code>-f</code>)
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
              Also remove {many ? 'their' : 'its'} anonymous volumes (<code>-v</code>)
            </label>
          </>
        )}
        {name === 'rename' && (
          <label className="flex flex-col gap-1">
            New name
            <input aria-label="New name" autoFocus className={inputClass} value={newName} onChange={(e) => setNewName(e.target.value)} placeholder={targets[0]?.name} />
          </label>
        )}
        {targets.length > 1 && <TargetList targets={targets} />}
        {formError && (
          <p role="alert" className="text-sm text-danger">
            {formError}
          </p>
        )}
      </form>
    </Dialog>
  );
}
