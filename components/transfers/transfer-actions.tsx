'use client';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useEngineDown } from '@/hooks/use-mux';

// Loaded on first use: the build dialog carries CodeMirror, the others the reference grammar.
const PullDialog = dynamic(() => import('./pull-dialog').then((m) => m.PullDialog), { ssr: false });
const PushDialog = dynamic(() => import('./push-dialog').then((m) => m.PushDialog), { ssr: false });
const BuildDialog = dynamic(() => import('./build-dialog').then((m) => m.BuildDialog), { ssr: false });
const LoadDialog = dynamic(() => import('./archive-dialogs').then((m) => m.LoadDialog), { ssr: false });
const ImportDialog = dynamic(() => import('./archive-dialogs').then((m) => m.ImportDialog), { ssr: false });
const SaveDialog = dynamic(() => import('./archive-dialogs').then((m) => m.SaveDialog), { ssr: false });
const ExportDialog = dynamic(() => import('./archive-dialogs').then((m) => m.ExportDialog), { ssr: false });

export type TransferAction = 'pull' | 'push' | 'build' | 'load' | 'import' | 'save' | 'export';

const LABELS: Record<TransferAction, string> = {
  pull: 'Pull…',
  push: 'Push…',
  build: 'Build…',
  load: 'Load…',
  import: 'Import…',
  save: 'Save…',
  export: 'Export…',
};

/**
 * Buttons that start pull, push, build, load, import, save and export (each opens its dialog).
 * `size`: 'md' where they sit beside a page header's other buttons (the images page), so all match.
 * Off while the engine does not answer (none of them could run), on every page that has them.
 */
export function TransferActions({
  actions = ['pull', 'build', 'push', 'load', 'import', 'save', 'export'],
  initial = {},
  size = 'sm',
}: {
  actions?: TransferAction[];
  initial?: { ref?: string; source?: string; names?: string; container?: string };
  size?: 'sm' | 'md';
}) {
  const { down, offTitle } = useEngineDown();
  const [open, setOpen] = useState<TransferAction | null>(null);
  const [mounted, setMounted] = useState<Set<TransferAction>>(new Set());
  const show = (a: TransferAction) => {
    setMounted((m) => new Set(m).add(a));
    setOpen(a);
  };
  const close = () => setOpen(null);
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Move images">
      {actions.map((a) => (
        <Button key={a} size={size} onClick={() => show(a)} disabled={down} title={offTitle}>
          {LABELS[a]}
        </Button>
      ))}
      {mounted.has('pull') && <PullDialog open={open === 'pull'} onClose={close} initialRef={initial.ref} />}
      {mounted.has('push') && <PushDialog open={open === 'push'} onClose={close} initialSource={initial.source} />}
      {mounted.has('build') && <BuildDialog open={open === 'build'} onClose={close} />}
      {mounted.has('load') && <LoadDialog open={open === 'load'} onClose={close} />}
      {mounted.has('import') && <ImportDialog open={open === 'import'} onClose={close} />}
      {mounted.has('save') && <SaveDialog open={open === 'save'} onClose={close} initialNames={initial.names} />}
      {mounted.has('export') && <ExportDialog open={open === 'export'} onClose={close} initialContainer={initial.container} />}
    </div>
  );
}
