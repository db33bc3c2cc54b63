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

/** `docker tag` + `docker push` in one step: the local image, and where it goes. */
export function PushDialog({ open, onClose, initialSource = '' }: { open: boolean; onClose: () => void; initialSource?: string }) {
  const [source, setSource] = useState(initialSource);
  const [reference, setReference] = useState('');
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
  const pickRegistry = (address: string) => {
    const name = source.trim().replace(/^[^/]*[.:][^/]*\//, '');
    setReference(address === 'docker.io' ? name : `${address}/${name}`);
  };
  const submit = async () => {
    if (!parsed?.ok || !source.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const t = await api<TaskSummary>(transfersPaths.push, { method: 'POST', body: { source: source.trim(), reference: reference.trim() } });
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
      title="Push an image"
      footer={
        task ? (
          <Button onClick={close}>Close</Button>
        ) : (
          <>
            <Button variant="ghost" onClick={close}>
              Cancel
            </Button>
            <Button variant="primary" disabled={!parsed?.ok || !source.trim() || busy} onClick={() => void submit()}>
              {parsed?.ok && source.trim() && source.trim() !== reference.trim() ? 'Tag and push' : 'Push'}
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
            Local image
            <input className={fieldClass} value={source} onChange={(e) => setSource(e.target.value)} placeholder="app:latest or an image id" spellCheck={false} autoFocus />
          </label>
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
          <label className={labelClass}>
            Push as
            <input className={fieldClass} value={reference} onChange={(e) => setReference(e.target.value)} placeholder="registry.example:5000/team/app:v1" spellCheck={false} />
          </label>
          {parsed && !parsed.ok && <p className="text-xs text-danger">{parsed.error}</p>}
          {parsed?.ok && source.trim() && source.trim() !== reference.trim() && <p className="text-xs text-muted">Dockside tags {source.trim()} as {reference.trim()} first (docker tag), then pushes it.</p>}
          {domain && <p className="text-xs text-muted">{creds ? `Pushing to ${domain} with the credentials stored for ${creds.username ?? 'it'}.` : `No credentials stored for ${domain}: add it on the Registries page if it needs a login.`}</p>}
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
