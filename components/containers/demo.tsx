'use client';
import { PreviewList } from '@/components/ui/confirm-dialog';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useToasts } from '@/components/ui/toasts';
import { useRemoveDemoContainers } from '@/hooks/use-containers';
import { countNoun } from '@/lib/format/actions';

/** Marks a container of the sandbox's demo (label dockside.demo) in the list. */
export function DemoChip() {
  return (
    <span className="shrink-0 rounded border border-accent/50 px-1 text-[10px] leading-4 font-medium tracking-wide text-accent uppercase" title="A demo container of the sandbox engine (label dockside.demo)">
      demo
    </span>
  );
}

/**
 * "Remove demo containers…": one confirmed click removes every demo container of the sandbox. Shown
 * while there are any; stays mounted when they go (live, before the answer arrives), so the outcome
 * toast still comes.
 */
export function RemoveDemoButton({ names }: { names: string[] }) {
  const [open, setOpen] = useState(false);
  const remove = useRemoveDemoContainers();
  const toasts = useToasts();

  function confirm() {
    setOpen(false);
    const id = toasts.show({ tone: 'progress', title: 'Removing the demo containers…' });
    remove.mutate(undefined, {
      onSuccess: (r) => toasts.show({ tone: 'success', title: `Removed ${countNoun(r.removed.length)}`, detail: r.removed.join(', ') }, id),
      onError: (e) => toasts.show({ tone: 'error', title: 'Removing the demo containers failed', detail: e.message }, id),
    });
  }

  return (
    <>
      {names.length > 0 && (
        <Button onClick={() => setOpen(true)} disabled={remove.isPending}>
          Remove demo containers…
        </Button>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Remove the demo containers?"
        footer={
          <>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button variant="danger" onClick={confirm} data-testid="confirm">
              Remove {countNoun(names.length)}
            </Button>
          </>
        }
      >
        <p>
          These {countNoun(names.length)} of the sandbox&apos;s demo will be stopped if running and removed, with their anonymous volumes. <code className="font-mono">scripts/sandbox.sh demo</code> creates them again.
        </p>
        <PreviewList label="Demo containers to remove">
          {names.map((n) => (
            <li key={n} className="border-b border-line/60 px-3 py-1.5 font-mono last:border-0">
              {n}
            </li>
          ))}
        </PreviewList>
      </Dialog>
    </>
  );
}
