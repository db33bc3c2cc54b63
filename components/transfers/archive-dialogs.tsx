'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useTaskStart } from '@/hooks/use-task-start';
import { api } from '@/lib/api-client';
import { formatBytes } from '@/lib/format/bytes';
import { parseImageRef } from '@/lib/protocol/image-ref';
import { transfersPaths, type TransferLimits } from '@/lib/protocol/transfers';
import { uploadForTask } from '@/lib/transfers/upload';
import { TaskDialog, TaskError } from './task-dialog';
import { fieldClass, labelClass } from './task-started';

/** The seeds' two ways to carry things between hosts, one sentence each. */
export const SAVE_LOAD_NOTE = 'Save/load keeps every layer and the history of the images, with their tags.';
export const EXPORT_IMPORT_NOTE = "Export/import flattens a container's filesystem into one layer: no history, no metadata (set a new tag, message and CMD/ENV… instead).";

function useLimits() {
  return useQuery({ queryKey: ['transfers', 'limits'], queryFn: ({ signal }) => api<TransferLimits>(transfersPaths.limits, { signal }), staleTime: Infinity });
}

/** Save/export footer: a plain download link (the browser streams the tar), disabled until the form is valid. */
function DownloadFooter({ href, onClose }: { href: string | null; onClose: () => void }) {
  return (
    <>
      <Button variant="ghost" onClick={onClose}>
        Close
      </Button>
      {href ? (
        <a href={href} download className="inline-flex h-8 items-center rounded-md bg-accent px-3 text-sm font-medium text-accent-fg" onClick={() => setTimeout(onClose, 100)}>
          Download .tar
        </a>
      ) : (
        <Button variant="primary" disabled>
          Download .tar
        </Button>
      )}
    </>
  );
}

/** `docker load`: upload an image archive (tar or tar.gz) with progress; the loaded images are listed at the end. */
export function LoadDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const { task, error, busy, sent, start, close } = useTaskStart(onClose);
  const limits = useLimits();
  const tooBig = file && limits.data && file.size > limits.data.upload ? `This file is ${formatBytes(file.size)}; the limit is ${formatBytes(limits.data.upload)}.` : null;
  const submit = async () => {
    if (!file || tooBig) return;
    await start(({ signal, onProgress }) => uploadForTask(`${transfersPaths.load}?filename=${encodeURIComponent(file.name)}`, file, 'application/x-tar', onProgress, signal));
  };
  return (
    <TaskDialog open={open} onClose={close} title="Load images from an archive" task={task} busy={busy} sent={sent} disabled={!file || !!tooBig} onSubmit={() => void submit()} action="Load">
      <div className="space-y-3">
        <p className="text-xs text-muted">{SAVE_LOAD_NOTE} (This is docker load; for a container export, use Import.)</p>
        <label className={labelClass}>
          Archive made by docker save (.tar or .tar.gz)
          <input className={fieldClass} type="file" accept=".tar,.tgz,.gz,application/x-tar,application/gzip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        {file && <p className="text-xs text-muted">{formatBytes(file.size)}</p>}
        {tooBig && <p className="text-xs text-warning">{tooBig}</p>}
        <TaskError error={error} />
      </div>
    </TaskDialog>
  );
}

/** `docker import`: a filesystem tar as a new one-layer image, with repository:tag, message and --change lines. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [reference, setReference] = useState('');
  const [message, setMessage] = useState('');
  const [changes, setChanges] = useState('');
  const { task, error, busy, sent, start, close } = useTaskStart(onClose);
  const limits = useLimits();
  const parsed = reference.trim() ? parseImageRef(reference.trim()) : null;
  const changeLines = changes
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const badChange = changeLines.find((l) => !/^(CMD|ENTRYPOINT|ENV|EXPOSE|ONBUILD|USER|VOLUME|WORKDIR|LABEL|STOPSIGNAL)\s+\S/i.test(l));
  const tooBig = file && limits.data && file.size > limits.data.upload ? `This file is ${formatBytes(file.size)}; the limit is ${formatBytes(limits.data.upload)}.` : null;
  const problem = !file ? null : tooBig ?? (parsed && !parsed.ok ? parsed.error : parsed?.ok && parsed.ref.digest ? 'A new image takes a tag, not a digest.' : badChange ? `"${badChange}" is not one of CMD, ENTRYPOINT, ENV, EXPOSE, ONBUILD, USER, VOLUME, WORKDIR, LABEL, STOPSIGNAL.` : null);
  const submit = async () => {
    if (!file || problem) return;
    const q = new URLSearchParams();
    if (reference.trim()) q.set('reference', reference.trim());
    if (message.trim()) q.set('message', message.trim());
    for (const c of changeLines) q.append('changes', c);
    q.set('filename', file.name);
    await start(({ signal, onProgress }) => uploadForTask(`${transfersPaths.import}?${q}`, file, 'application/x-tar', onProgress, signal));
  };
  return (
    <TaskDialog open={open} onClose={close} title="Import a filesystem as an image" task={task} busy={busy} sent={sent} disabled={!file || !!problem} onSubmit={() => void submit()} action="Import">
      <div className="space-y-3">
        <p className="text-xs text-muted">{EXPORT_IMPORT_NOTE}</p>
        <label className={labelClass}>
          Filesystem archive (a container export, or any rootfs .tar)
          <input className={fieldClass} type="file" accept=".tar,.tgz,.gz,application/x-tar,application/gzip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className={labelClass}>
          Repository:tag for the new image
          <input className={fieldClass} value={reference} onChange={(e) => setReference(e.target.value)} placeholder="myapp:flat" spellCheck={false} />
        </label>
        <label className={labelClass}>
          Message (optional)
          <input className={fieldClass} value={message} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <label className={labelClass}>
          Changes (--change, one instruction per line)
          <textarea className={`${fieldClass} h-16 font-mono`} value={changes} onChange={(e) => setChanges(e.target.value)} placeholder={'CMD ["/bin/sh"]\nENV LANG=C.UTF-8'} spellCheck={false} />
        </label>
        {problem && <p className="text-xs text-warning">{problem}</p>}
        <TaskError error={error} />
      </div>
    </TaskDialog>
  );
}

/** `docker save`: one or several images, by name (keeping their tags), downloaded as one tar. */
export function SaveDialog({ open, onClose, initialNames = '' }: { open: boolean; onClose: () => void; initialNames?: string }) {
  const [names, setNames] = useState(initialNames);
  const list = names
    .split(/[\s,]+/)
    .map((n) => n.trim())
    .filter(Boolean);
  const bad = list.find((n) => !/^(?:sha256:)?[a-f0-9]{12,64}$/.test(n) && !parseImageRef(n).ok);
  const href = list.length && !bad ? `${transfersPaths.save}?${list.map((n) => `names=${encodeURIComponent(n)}`).join('&')}` : null;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Save images to a file"
      footer={<DownloadFooter href={href} onClose={onClose} />}
    >
      <div className="space-y-3">
        <p className="text-xs text-muted">{SAVE_LOAD_NOTE} The download streams from the engine; it shows on the Tasks page while it runs.</p>
        <label className={labelClass}>
          Images (names with tags, or ids; several separated by spaces)
          <input className={fieldClass} value={names} onChange={(e) => setNames(e.target.value)} placeholder="app:1.0 busybox:latest" spellCheck={false} autoFocus />
        </label>
        {bad && <p className="text-xs text-warning">&quot;{bad}&quot; is not an image name or id.</p>}
      </div>
    </Dialog>
  );
}

/** `docker export`: a container's filesystem, flattened, as a tar download. */
export function ExportDialog({ open, onClose, initialContainer = '' }: { open: boolean; onClose: () => void; initialContainer?: string }) {
  const [container, setContainer] = useState(initialContainer);
  const valid = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(container.trim());
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Export a container's filesystem"
      footer={<DownloadFooter href={valid ? transfersPaths.export(container.trim()) : null} onClose={onClose} />}
    >
      <div className="space-y-3">
        <p className="text-xs text-muted">{EXPORT_IMPORT_NOTE}</p>
        <label className={labelClass}>
          Container (name or id)
          <input className={fieldClass} value={container} onChange={(e) => setContainer(e.target.value)} spellCheck={false} autoFocus />
        </label>
      </div>
    </Dialog>
  );
}
