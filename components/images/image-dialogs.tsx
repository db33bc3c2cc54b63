'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog, PreviewList, PreviewState } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { textLink } from '@/components/ui/text-link';
import { useToasts } from '@/components/ui/toasts';
import { keys } from '@/hooks/query-keys';
import { pruneImages, removeImage, tagImage, useImagePrunePreview, useRemovePreview } from '@/hooks/use-images';
import { countNoun } from '@/lib/format/actions';
import { formatBytes } from '@/lib/format/bytes';
import { shortImageId } from '@/lib/images/image-filter';
import { imageTagTargetSchema } from '@/lib/protocol/image-ref';
import { labelFilterSchema, type ImagePruneMode, type RemovalOutcome } from '@/lib/protocol/images';

export interface ImageTarget {
  id: string;
  repoTags: string[];
}

const label = (t: ImageTarget) => t.repoTags[0] ?? shortImageId(t.id);

/** `docker tag`: the new name is checked against the reference grammar as you type. */
export function TagDialog({ target, onClose }: { target: ImageTarget; onClose: () => void }) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const qc = useQueryClient();
  const parsed = imageTagTargetSchema.safeParse(value);
  const error = value && !parsed.success ? parsed.error.issues[0]?.message : null;
  async function submit() {
    if (!parsed.success) return;
    setBusy(true);
    try {
      await tagImage(target.id, parsed.data);
      toasts.show({ tone: 'success', title: `Tagged ${label(target)}`, detail: parsed.data.includes(':') ? parsed.data : `${parsed.data}:latest` });
      void qc.invalidateQueries({ queryKey: keys.images.all });
      onClose();
    } catch (e) {
      toasts.show({ tone: 'error', title: 'Tag failed', detail: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Add a tag to ${label(target)}`}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!parsed.success || busy} onClick={() => void submit()} data-testid="confirm">
            Add tag
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="block text-xs text-muted" htmlFor="tag-input">
          Repository and tag (<code className="font-mono">[registry/]name[:tag]</code>; the tag defaults to latest)
        </label>
        <input
          id="tag-input"
          autoFocus
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="myapp:1.0 or localhost:5000/team/app:dev"
          aria-invalid={Boolean(error)}
          aria-describedby="tag-error"
          className="mt-1 h-8 w-full rounded-md border border-line bg-surface px-2 font-mono text-sm outline-none focus:border-accent"
        />
        <p id="tag-error" className="mt-1 min-h-4 text-xs text-danger">
          {error}
        </p>
      </form>
    </Dialog>
  );
}

function OutcomeText({ outcome }: { outcome: RemovalOutcome }) {
  switch (outcome.kind) {
    case 'untag':
      return (
        <p>
          Only the tag <strong className="font-mono">{outcome.tag}</strong> goes; the image stays under {outcome.remainingTags.map((t) => <code key={t} className="mr-1 font-mono">{t}</code>)}. No space is freed.
        </p>
      );
    case 'delete':
      return (
        <p>
          {outcome.untags.length > 0 && <>Removes the tag{outcome.untags.length > 1 ? 's' : ''} {outcome.untags.map((t) => <code key={t} className="mr-1 font-mono">{t}</code>)} and </>}
          deletes {countNoun(outcome.images.length, 'image')} and {countNoun(outcome.layers, 'layer')}, freeing <strong data-testid="freed">{formatBytes(outcome.freedBytes)}</strong>.
          {outcome.layers === 0 && ' Every layer is still used by other images or containers.'}
        </p>
      );
    case 'refused':
      return (
        <div>
          <p className="text-warning">Refused: {outcome.reason}</p>
          {outcome.containers.length > 0 && (
            <ul className="mt-2 text-xs">
              {outcome.containers.map((c) => (
                <li key={c.id}>
                  <Link className={`font-mono ${textLink}`} href={`/containers/${encodeURIComponent(c.name)}`}>
                    {c.name}
                  </Link>{' '}
                  <span className="text-muted">({c.state})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      );
  }
}

/** `docker rmi` (one image, or one of its tags): says what will happen before it runs. */
export function RemoveImageDialog({ target, tag, onClose, onRemoved }: { target: ImageTarget; tag?: string; onClose: () => void; onRemoved?: (deleted: boolean) => void }) {
  const preview = useRemovePreview(target.id, tag, true);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const qc = useQueryClient();
  const outcome = preview.data ? (force && preview.data.forced ? preview.data.forced : preview.data.outcome) : null;
  const canRun = outcome && outcome.kind !== 'refused';
  async function run() {
    setBusy(true);
    try {
      const r = await removeImage(target.id, { tag, force: force && Boolean(preview.data?.forced) });
      toasts.show({
        tone: 'success',
        title: r.deleted.length ? `Removed ${label(target)}` : `Untagged ${r.untagged.join(', ')}`,
        detail: r.deleted.length ? `${countNoun(r.deleted.length, 'image')}, ${countNoun(r.layers, 'layer')} deleted` : undefined,
      });
      void qc.invalidateQueries({ queryKey: keys.images.all });
      onClose();
      onRemoved?.(r.deleted.length > 0);
    } catch (e) {
      toasts.show({ tone: 'error', title: 'Remove failed', detail: (e as Error).message });
      setBusy(false);
    }
  }
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={tag ? `Remove the tag ${tag}?` : `Remove ${label(target)}?`}
      confirmLabel={outcome?.kind === 'untag' ? 'Untag' : 'Remove'}
      disabled={!canRun || busy}
      onConfirm={() => void run()}
      confirmTestId="confirm"
    >
      <PreviewState preview={preview} pendingText="Working out what this would remove…" />
      {outcome && <OutcomeText outcome={outcome} />}
      {preview.data?.forced && (
        <label className="mt-3 flex items-center gap-2 text-xs">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          Force (<code className="font-mono">docker rmi -f</code>)
          {preview.data.forced.kind === 'refused' && <span className="text-muted"> — would still be refused</span>}
        </label>
      )}
    </ConfirmDialog>
  );
}

/** `docker image prune` (dangling) or `-a` (all unused), with the exact list and bytes first. */
export function ImagePruneDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [mode, setMode] = useState<ImagePruneMode>('dangling');
  const [labelInput, setLabelInput] = useState('');
  const label = labelFilterSchema.safeParse(labelInput.trim()).success ? labelInput.trim() : '';
  const preview = useImagePrunePreview(mode, label, open);
  const toasts = useToasts();
  const qc = useQueryClient();
  const n = preview.data?.images.length ?? 0;
  async function run() {
    onClose();
    const id = toasts.show({ tone: 'progress', title: 'Pruning images…' });
    try {
      const r = await pruneImages(mode, label);
      toasts.show({ tone: 'success', title: `Removed ${countNoun(r.deleted.length, 'image')}`, detail: `Reclaimed ${formatBytes(r.reclaimedBytes)}` }, id);
    } catch (e) {
      toasts.show({ tone: 'error', title: 'Prune failed', detail: (e as Error).message }, id);
    }
    void qc.invalidateQueries({ queryKey: keys.images.all });
  }
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="Prune images"
      confirmLabel={<>Remove {countNoun(n, 'image')}</>}
      disabled={!preview.data || n === 0}
      onConfirm={() => void run()}
      confirmTestId="confirm"
    >
      <fieldset className="mb-3 flex flex-col gap-1 text-xs">
        <legend className="sr-only">What to prune</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="prune-mode" checked={mode === 'dangling'} onChange={() => setMode('dangling')} />
          Dangling only (<code className="font-mono">docker image prune</code>): untagged images nothing is built on
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="prune-mode" checked={mode === 'unused'} onChange={() => setMode('unused')} />
          All unused (<code className="font-mono">docker image prune -a</code>): every image no container uses, tagged or not
        </label>
      </fieldset>
      <label className="mb-3 block text-xs text-muted">
        Only images with the label (optional, <code className="font-mono">key</code> or <code className="font-mono">key=value</code>)
        <input value={labelInput} onChange={(e) => setLabelInput(e.target.value)} className="mt-1 h-8 w-full rounded-md border border-line bg-surface px-2 font-mono text-xs outline-none focus:border-accent" />
      </label>
      <PreviewState preview={preview} pendingText="Finding what would go…" />
      {preview.data && n === 0 && <p>Nothing to prune in this mode.</p>}
      {preview.data && n > 0 && (
        <>
          <p>
            {countNoun(n, 'image')} will be deleted, freeing <strong data-testid="reclaim">{formatBytes(preview.data.reclaimableBytes)}</strong>.
          </p>
          <PreviewList>
            {preview.data.images.map((i) => (
              <li key={i.id} className="flex justify-between gap-3 border-b border-line/60 px-3 py-1.5 last:border-0" data-testid="prune-item" data-image-id={i.id}>
                <span className="truncate font-mono">{i.repoTags.join(', ') || '<none>:<none>'}</span>
                <span className="shrink-0 font-mono text-muted">{shortImageId(i.id)}</span>
              </li>
            ))}
          </PreviewList>
        </>
      )}
    </ConfirmDialog>
  );
}
