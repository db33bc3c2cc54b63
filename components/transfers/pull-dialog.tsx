'use client';
import { useState } from 'react';
import { useTaskStart } from '@/hooks/use-task-start';
import { api } from '@/lib/api-client';
import type { TaskSummary } from '@/lib/protocol/tasks';
import { transfersPaths } from '@/lib/protocol/transfers';
import { TaskDialog, TaskForm, TextField } from './task-dialog';
import { useReferenceRegistry } from './use-registries';

/** `docker pull`: a reference, an optional platform; stored credentials for its registry are used on the server. */
export function PullDialog({ open, onClose, initialRef = '' }: { open: boolean; onClose: () => void; initialRef?: string }) {
  const [reference, setReference] = useState(initialRef);
  const [platform, setPlatform] = useState('');
  const { task, error, busy, start, close } = useTaskStart(onClose);
  const { parsed, domain, creds } = useReferenceRegistry(reference);

  const submit = async () => {
    if (!parsed?.ok) return;
    await start(() => api<TaskSummary>(transfersPaths.pull, { method: 'POST', body: { reference: reference.trim(), ...(platform ? { platform } : {}) } }));
  };
  return (
    <TaskDialog open={open} onClose={close} title="Pull an image" task={task} busy={busy} disabled={!parsed?.ok} onSubmit={() => void submit()} action="Pull">
      <TaskForm onSubmit={() => void submit()} error={error}>
        <TextField label="Image reference" value={reference} onChange={setReference} placeholder="busybox, team/app:1.2, host:5000/app@sha256:…" autoFocus aria-invalid={parsed ? !parsed.ok : undefined} />
        {parsed && !parsed.ok && <p className="text-xs text-danger">{parsed.error}</p>}
        {domain && <p className="text-xs text-muted">{creds ? `Registry ${domain}: the credentials stored for ${creds.username ?? 'it'} are used (on the server).` : `Registry ${domain}: no stored credentials, pulled anonymously.`}</p>}
        <TextField label="Platform (optional)" value={platform} onChange={setPlatform} placeholder="linux/amd64" />
      </TaskForm>
    </TaskDialog>
  );
}
