'use client';
import { ConfirmDialog, PreviewList, PreviewState } from '@/components/ui/confirm-dialog';
import { useToasts } from '@/components/ui/toasts';
import { usePrunePreview, usePruneContainers } from '@/hooks/use-containers';
import { countNoun } from '@/lib/format/actions';
import { formatBytes } from '@/lib/format/bytes';

/** `docker container prune`, but you see what goes and how much space comes back before you say yes. */
export function PruneDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const preview = usePrunePreview(open);
  const prune = usePruneContainers();
  const toasts = useToasts();
  const n = preview.data?.containers.length ?? 0;

  function confirm() {
    onClose();
    const id = toasts.show({ tone: 'progress', title: 'Removing stopped containers…' });
    prune.mutate(undefined, {
      onSuccess: (r) =>
        toasts.show({ tone: 'success', title: `Removed ${countNoun(r.removed.length)}`, detail: `Reclaimed ${formatBytes(r.reclaimedBytes)}` }, id),
      onError: (e) => toasts.show({ tone: 'error', title: 'Prune failed', detail: e.message }, id),
    });
  }

  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="Remove all stopped containers?"
      confirmLabel={<>Remove {countNoun(n)}</>}
      disabled={!preview.data || n === 0}
      onConfirm={confirm}
      confirmTestId="confirm"
    >
      <PreviewState preview={preview} pendingText="Finding stopped containers and their sizes…" />
      {preview.data && n === 0 && <p>There are no stopped containers. Nothing to remove.</p>}
      {preview.data && n > 0 && (
        <>
          <p>
            These {countNoun(n)} and their read-write layers will be deleted, freeing <strong>{formatBytes(preview.data.reclaimableBytes)}</strong>. Images and named volumes stay.
          </p>
          <PreviewList>
            {preview.data.containers.map((c) => (
              <li key={c.id} className="flex justify-between gap-3 border-b border-line/60 px-3 py-1.5 last:border-0">
                <span className="truncate font-mono">{c.name}</span>
                <span className="shrink-0 text-muted">
                  {c.state} · {formatBytes(c.sizeRw)}
                </span>
              </li>
            ))}
          </PreviewList>
        </>
      )}
    </ConfirmDialog>
  );
}
