'use client';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { api } from '@/lib/api-client';
import { formatBytes } from '@/lib/format/bytes';
import { parseImageRef } from '@/lib/protocol/image-ref';
import { transfersPaths, type TransferLimits } from '@/lib/protocol/transfers';
import { uploadForTask } from '@/lib/transfers/upload';
import { fieldClass, labelClass, TaskStarted } from './task-started';

/** The seeds' two ways to carry things between hosts, one sentence each. */
export const SAVE_LOAD_NOTE = 'Save/load keeps every layer and the history of the images, with their tags.';
export const EXPORT_IMPORT_NOTE = "Export/import flattens a container's filesystem into one layer: no history, no metadata (set a new tag, message and CMD/ENV… instead).";

function useLimits() {
  return useQuery({ queryKey: ['transfers', 'limits'], queryFn: ({ signal }) => api<TransferLimits>(transfersPaths.limits, { signal }), staleTime: Infinity });
}

function UploadFooter({ task, busy, sent, disabled, onClose, onSubmit, action }: { task: string | null; busy: boolean; sent: number | null; disabled: boolean; onClose: () => void; onSubmit: () => void; action: string }) {
  if (task) return <Button onClick={onClose}>Close</Button>;
  return (
    <>
      <Button variant="ghost" onClick={onClose}>
        Cancel
      </Button>
      <Button variant="primary" disabled={disabled || busy} onClick={onSubmit}>
        {busy && sent !== null ? `Uploading ${sent}%` : action}
      </Button>
    </>
  );
}

/** `docker load`: upload an image archive (tar or tar.gz) with progress; the loaded images are listed at the end. */
export function LoadDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [task, setTask] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const limits = useLimits();
  const tooBig = file && limits.data && file.size > limits.data.upload ? `This file is ${formatBytes(file.size)}; the limit is ${formatBytes(limits.data.upload)}.` : null;
  const close = () => {
    abort.current?.abort();
    setTask(null);
    setError(null);
    setSent(null);
    onClose();
  };
  const submit = async () => {
    if (!file || tooBig) return;
    setBusy(true);
    setError(null);
    abort.current = new AbortController();
    try {
      const t = await uploadForTask(`${transfersPaths.load}?filename=${encodeURIComponent(file.name)}`, file, 'application/x-tar', (s, total) => setSent(Math.round((s / Math.max(1, total)) * 100)), abort.current.signal);
      setTask(t.id);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={close} title="Load images from an archive" footer={<UploadFooter task={task} busy={busy} sent={sent} disabled={!file || !!tooBig} onClose={close} onSubmit={() => void submit()} action="Load" />}>
      {task ? (
        <TaskStarted id={task} />
      ) : (
        <div className="space-y-3">
          <p className="text-xs text-muted">{SAVE_LOAD_NOTE} (This is docker load; for a container export, use Import.)</p>
          <label className={labelClass}>
            Archive made by docker save (.tar or .tar.gz)
            <input className={fieldClass} type="file" accept=".tar,.tgz,.gz,application/x-tar,application/gzip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          {file && <p className="text-xs text-muted">{formatBytes(file.size)}</p>}
          {tooBig && <p className="text-xs text-warning">{tooBig}</p>}
          {error && (
            <p role="alert" className="text-sm text-danger">
              {error}
            </p>
          )}
        </div>
      )}
    </Dialog>
  );
}

/** `docker import`: a filesystem tar as a new one-layer image, with repository:tag, message and --change lines. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [reference, setReference] = useState('');
  const [message, setMessage] = useState('');
  const [changes, setChanges] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [task, setTask] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const limits = useLimits();
  const parsed = reference.trim() ? parseImageRef(reference.trim()) : null;
  const changeLines = changes
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const badChange = changeLines.find((l) => !/^(CMD|ENTRYPOINT|ENV|EXPOSE|ONBUILD|USER|VOLUME|WORKDIR|LABEL|STOPSIGNAL)\s+\S/i.test(l));
  const tooBig = file && limits.data && file.size > limits.data.upload ? `This file is ${formatBytes(file.size)}; the limit is ${formatBytes(limits.data.upload)}.` : null;
  const problem = !file ? null : tooBig ?? (parsed && !parsed.ok ? parsed.error : parsed?.ok && parsed.ref.digest ? 'A new image takes a tag, not a digest.' : badChange ? `"${badChange}" is not one of CMD, ENTRYPOINT, ENV, EXPOSE, ONBUILD, USER, VOLUME, WORKDIR, LABEL, STOPSIGNAL.` : null);
  const close = () => {
    abort.current?.abort();
    setTask(null);
    setError(null);
    setSent(null);
    onClose();
  };
  const submit = async () => {
    if (!file || problem) return;
    setBusy(true);
    setError(null);
    abort.current = new AbortController();
    const q = new URLSearchParams();
    if (reference.trim()) q.set('reference', reference.trim());
    if (message.trim()) q.set('message', message.trim());
    for (const c of changeLines) q.append('changes', c);
    q.set('filename', file.name);
    try {
      const t = await uploadForTask(`${transfersPaths.import}?${q}`, file, 'application/x-tar', (s, total) => setSent(Math.round((s / Math.max(1, total)) * 100)), abort.current.signal);
      setTask(t.id);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={close} title="Import a filesystem as an image" footer={<UploadFooter task={task} busy={busy} sent={sent} disabled={!file || !!problem} onClose={close} onSubmit={() => void submit()} action="Import" />}>
      {task ? (
        <TaskStarted id={task} />
      ) : (
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
          {error && (
            <p role="alert" className="text-sm text-danger">
              {error}
            </p>
          )}
        </div>
      )}
    </Dialog>
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
      footer={
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
      }
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
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
          {valid ? (
            <a href={transfersPaths.export(container.trim())} download className="inline-flex h-8 items-center rounded-md bg-accent px-3 text-sm font-medium text-accent-fg" onClick={() => setTimeout(onClose, 100)}>
              Download .tar
            </a>
          ) : (
            <Button variant="primary" disabled>
              Download .tar
            </Button>
          )}
        </>
      }
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
