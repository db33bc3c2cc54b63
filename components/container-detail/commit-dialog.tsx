'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useToasts } from '@/components/ui/toasts';
import { keys } from '@/hooks/query-keys';
import { commitContainer, imagePathId } from '@/hooks/use-images';
import { formatBytes } from '@/lib/format/bytes';
import { imageTagTargetSchema } from '@/lib/protocol/image-ref';
import { commitChangeInstructions, commitChangeSchema } from '@/lib/protocol/images';

const input = 'mt-1 h-8 w-full rounded-md border border-line bg-surface px-2 text-sm outline-none focus:border-accent';

/** `docker commit`: the container's read-write layer becomes the top layer of a new image. */
export function CommitDialog({ container, onClose }: { container: { id: string; name: string }; onClose: () => void }) {
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState('');
  const [author, setAuthor] = useState('');
  const [pause, setPause] = useState(true);
  const [changes, setChanges] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const router = useRouter();
  const qc = useQueryClient();

  const targetCheck = target.trim() ? imageTagTargetSchema.safeParse(target) : null;
  const changeErrors = changes.map((c) => {
    if (!c.trim()) return null; // an empty row is ignored
    const r = commitChangeSchema.safeParse(c);
    return r.success ? null : r.error.issues[0]?.message ?? 'Invalid';
  });
  const valid = (!targetCheck || targetCheck.success) && changeErrors.every((e) => e === null);

  async function submit() {
    if (!valid) return;
    setBusy(true);
    try {
      const r = await commitContainer(container.id, {
        ...(targetCheck?.success ? { target: targetCheck.data } : {}),
        ...(message ? { message } : {}),
        ...(author ? { author } : {}),
        pause,
        changes: changes.filter((c) => c.trim()),
      });
      toasts.show({
        tone: 'success',
        title: `Committed ${container.name}${r.repoTag ? ` as ${r.repoTag}` : ''}`,
        detail: `new layer: ${r.changedPaths} changed paths, ${formatBytes(r.layerSize)} from container ${r.container.name}`,
      });
      void qc.invalidateQueries({ queryKey: keys.images.all });
      onClose();
      router.push(`/images/${imagePathId(r.id)}?tab=layers&from=${encodeURIComponent(r.container.name)}&paths=${r.changedPaths}`);
    } catch (e) {
      toasts.show({ tone: 'error', title: 'Commit failed', detail: (e as Error).message });
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Commit ${container.name} to a new image`}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!valid || busy} onClick={() => void submit()} data-testid="confirm">
            {busy ? 'Committing…' : 'Commit'}
          </Button>
        </>
      }
    >
      <p className="mb-3 text-xs text-muted">The container's read-write layer (its changes) becomes the new image's top layer. Volume contents are not included.</p>
      <div className="flex flex-col gap-3">
        <label className="text-xs text-muted">
          Repository[:tag] (optional; untagged otherwise)
          <input className={`${input} font-mono`} value={target} onChange={(e) => setTarget(e.target.value)} placeholder="myapp:snapshot" aria-invalid={targetCheck?.success === false} />
          {targetCheck && !targetCheck.success && <span className="text-danger">{targetCheck.error.issues[0]?.message}</span>}
        </label>
        <label className="text-xs text-muted">
          Message (-m)
          <input className={input} value={message} onChange={(e) => setMessage(e.target.value)} maxLength={4096} />
        </label>
        <label className="text-xs text-muted">
          Author (-a)
          <input className={input} value={author} onChange={(e) => setAuthor(e.target.value)} maxLength={256} placeholder="Name <email>" />
        </label>
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" checked={pause} onChange={(e) => setPause(e.target.checked)} />
          Pause the container while committing (as the CLI does; keeps the snapshot consistent)
        </label>
        <fieldset className="text-xs">
          <legend className="text-muted">Changes (--change), one instruction per row: {commitChangeInstructions.join(', ')}</legend>
          {changes.map((c, i) => (
            <div key={i} className="mt-1">
              <div className="flex gap-1">
                <input
                  aria-label={`Change ${i + 1}`}
                  className={`${input} mt-0 font-mono`}
                  value={c}
                  placeholder='CMD ["sh"]'
                  onChange={(e) => setChanges((cs) => cs.map((x, j) => (j === i ? e.target.value : x)))}
                  aria-invalid={changeErrors[i] !== null}
                />
                <Button size="sm" variant="ghost" aria-label={`Remove change ${i + 1}`} onClick={() => setChanges((cs) => cs.filter((_, j) => j !== i))}>
                  ×
                </Button>
              </div>
              {changeErrors[i] && c && <span className="text-danger">{changeErrors[i]}</span>}
            </div>
          ))}
          <Button size="sm" className="mt-2" onClick={() => setChanges((cs) => [...cs, ''])} disabled={changes.length >= 64}>
            + Add a change
          </Button>
        </fieldset>
      </div>
    </Dialog>
  );
}
