'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useTaskStart } from '@/hooks/use-task-start';
import { api } from '@/lib/api-client';
import type { TaskSummary } from '@/lib/protocol/tasks';
import { transfersPaths } from '@/lib/protocol/transfers';
import { TaskDialog, TaskForm, TextField } from './task-dialog';
import { useReferenceRegistry } from './use-registries';

/** `docker tag` + `docker push` in one step: the local image, and where it goes. */
export function PushDialog({ open, onClose, initialSource = '' }: { open: boolean; onClose: () => void; initialSource?: string }) {
  const [source, setSource] = useState(initialSource);
  const [reference, setReference] = useState('');
  const { task, error, busy, start, close } = useTaskStart(onClose);
  const { registries, parsed, domain, creds } = useReferenceRegistry(reference);

  const pickRegistry = (address: string) => {
    const name = source.trim().replace(/^[^/]*[.:][^/]*\//, '');
    setReference(address === 'docker.io' ? name : `${address}/${name}`);
  };
  const submit = async () => {
    if (!parsed?.ok || !source.trim()) return;
    await start(() => api<TaskSummary>(transfersPaths.push, { method: 'POST', body: { source: source.trim(), reference: reference.trim() } }));
  };
  return (
    <TaskDialog
      open={open}
      onClose={close}
      title="Push an image"
      task={task}
      busy={busy}
      disabled={!parsed?.ok || !source.trim()}
      onSubmit={() => void submit()}
      action={parsed?.ok && source.trim() && source.trim() !== reference.trim() ? 'Tag and push' : 'Push'}
    >
      <TaskForm onSubmit={() => void submit()} error={error}>
        <TextField label="Local image" value={source} onChange={setSource} placeholder="app:latest or an image id" autoFocus />
        {registries.data && registries.data.length > 0 && (
          <div className="flex flex-wrap items-center gap-1 text-xs text-muted">
            To:
            {registries.data.map((r) => (
              <Button key={r.id} size="sm" variant="ghost" onClick={() => pickRegistry(r.address)}>
                {r.address}
              </Button>
            ))}
          </div>
        )}
        <TextField label="Push as" value={reference} onChange={setReference} placeholder="registry.example:5000/team/app:v1" />
        {parsed && !parsed.ok && <p className="text-xs text-danger">{parsed.error}</p>}
        {parsed?.ok && source.trim() && source.trim() !== reference.trim() && <p className="text-xs text-muted">Dockside tags {source.trim()} as {reference.trim()} first (docker tag), then pushes it.</p>}
        {domain && <p className="text-xs text-muted">{creds ? `Pushing to ${domain} with the credentials stored for ${creds.username ?? 'it'}.` : `No credentials stored for ${domain}: add it on the Registries page if it needs a login.`}</p>}
      </TaskForm>
    </TaskDialog>
  );
}
