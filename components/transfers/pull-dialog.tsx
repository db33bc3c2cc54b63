'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { api } from '@/lib/api-client';
import { parseImageRef } from '@/lib/protocol/image-ref';
import type { TaskSummary } from '@/lib/protocol/tasks';
import { transfersPaths } from '@/lib/protocol/transfers';
import { fieldClass, labelClass, TaskStarted } from './task-started';
import { useRegistries } from './use-registries';

/** `docker pull`: a reference, an optional platform; stored credentials for its registry are used on the server. */
export function PullDialog({ open, onClose, initialRef = '' }: { open: boolean; onClose: () => void; initialRef?: string }) {
  const [reference, setReference] = useState(initialRef);
  const [platform, setPlatform] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [task, setTask] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const registries = useRegistries();
  const parsed = reference ? parseImageRef(reference.trim()) : null;
  const domain = parsed?.ok ? (parsed.ref.domain ?? 'docker.io') : null;
  const creds = domain ? registries.data?.find((r) => r.address === domain && r.source !== 'builtin') : undefined;

  const close = () => {
    setTask(null);
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!parsed?.ok) return;
    setBusy(true);
    setError(null);
    try {
      const t = await api<TaskSummary>(transfersPaths.pull, { method: 'POST', body: { reference: reference.trim(), ...(platform ? { platform } : {}) } });
      setTask(t.id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Pull an image"
      footer={
        task ? (
          <Button onClick={close}>Close</Button>
        ) : (
          <>
            <Button variant="ghost" onClick={close}>
              Cancel
            </Button>
            <Button variant="primary" disabled={!parsed?.ok || busy} onClick={() => void submit()}>
              Pull
            </Button>
          </>
        )
      }
    >
      {task ? (
        <TaskStarted id={task} />
      ) : (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className={labelClass}>
            Image reference
            <input className={fieldClass} value={reference} onChange={(e) => setReference(e.target.value)} placeholder="busybox, team/app:1.2, host:5000/app@sha256:…" autoFocus spellCheck={false} aria-invalid={parsed ? !parsed.ok : undefined} />
          </label>
          {parsed && !parsed.ok && <p className="text-xs text-danger">{parsed.error}</p>}
          {domain && <p className="text-xs text-muted">{creds ? `Registry ${domain}: the credentials stored for ${creds.username ?? 'it'} are used (on the server).` : `Registry ${domain}: no stored credentials, pulled anonymously.`}</p>}
          <label className={labelClass}>
            Platform (optional)
            <input className={fieldClass} value={platform} onChange={(e) => setPlatform(e.target.value)} placeholder="linux/amd64" spellCheck={false} />
          </label>
          {error && (
            <p role="alert" className="text-sm text-danger">
              {error}
            </p>
          )}
        </form>
      )}
    </Dialog>
  );
}
