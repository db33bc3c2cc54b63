'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { foldBelow } from '@/components/ui/responsive-table';
import { Spinner } from '@/components/ui/spinner';
import { useToasts } from '@/components/ui/toasts';
import { keys } from '@/hooks/query-keys';
import { downloadUrl, useContainerFiles } from '@/hooks/use-images';
import { useEngineStatus } from '@/hooks/use-mux';
import { CSRF_HEADER } from '@/lib/api-client';
import { formatBytes } from '@/lib/format/bytes';
import { MAX_UPLOAD_BYTES, type FileEntry } from '@/lib/protocol/images';

/** Mode and time leave while the table is narrow, and show under the name instead. */
const fold = foldBelow.xl;

const typeIcon: Record<FileEntry['type'], string> = { dir: '▸', file: '·', symlink: '↪', other: '◇' };

function parentOf(path: string): string {
  if (path === '/') return '/';
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Browse the container's filesystem as `docker cp` sees it; download a file or folder (tar), upload a file. */
export function ContainerFiles({ id }: { id: string }) {
  const [path, setPath] = useState('/');
  const q = useContainerFiles(id, path);
  const toasts = useToasts();
  const qc = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  // Read-only mode refuses downloads (they export data) and uploads: say so instead of offering them.
  const readOnly = useEngineStatus()?.readOnly ?? false;
  const crumbs = path === '/' ? [] : path.slice(1).split('/');

  async function upload(file: File) {
    if (file.size > MAX_UPLOAD_BYTES) {
      toasts.show({ tone: 'error', title: 'File too large', detail: `Uploads are at most ${formatBytes(MAX_UPLOAD_BYTES)}.` });
      return;
    }
    setUploading(true);
    try {
      const res = await fetch(`/api/containers/${encodeURIComponent(id)}/files?path=${encodeURIComponent(path)}&name=${encodeURIComponent(file.name)}`, {
        method: 'PUT',
        headers: { [CSRF_HEADER]: '1', 'Content-Type': 'application/octet-stream' },
        body: file,
        credentials: 'same-origin',
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `The server answered ${res.status}.`);
      }
      toasts.show({ tone: 'success', title: `Uploaded ${file.name}`, detail: `into ${path}` });
      void qc.invalidateQueries({ queryKey: keys.containers.files(id, path) });
    } catch (e) {
      toasts.show({ tone: 'error', title: 'Upload failed', detail: (e as Error).message });
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  return (
    <div className="p-6">
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <nav aria-label="Path" className="flex flex-wrap items-center gap-1 font-mono text-xs">
          <button type="button" className="text-accent hover:underline" onClick={() => setPath('/')}>
            /
          </button>
          {crumbs.map((c, i) => {
            const p = `/${crumbs.slice(0, i + 1).join('/')}`;
            return (
              <span key={p}>
                <button type="button" className="text-accent hover:underline" onClick={() => setPath(p)}>
                  {c}
                </button>
                {i < crumbs.length - 1 && '/'}
              </span>
            );
          })}
        </nav>
        {q.isFetching && <Spinner label="Reading directory" />}
        {readOnly ? (
          <span className="ml-auto text-xs text-muted">Read-only mode: downloads and uploads are off.</span>
        ) : (
          <div className="ml-auto flex flex-wrap gap-2 whitespace-nowrap">
            <a className="inline-flex h-8 items-center rounded-md border border-line bg-raised px-3 text-sm hover:bg-panel" href={downloadUrl(id, path)} download>
              Download this folder (.tar)
            </a>
            <input ref={fileInput} type="file" className="sr-only" aria-label="Choose a file to upload into this folder" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
            <Button onClick={() => fileInput.current?.click()} disabled={uploading || q.data?.self.type !== 'dir'}>
              {uploading ? 'Uploading…' : 'Upload a file here…'}
            </Button>
          </div>
        )}
      </div>
      {q.isPending ? (
        <div className="flex items-center gap-2 text-sm text-muted">
          <Spinner /> Reading {path}…
        </div>
      ) : q.error ? (
        <EmptyState tone="error" title={`Could not read ${path}`} action={<Button onClick={() => setPath(parentOf(path))}>Up one level</Button>}>
          {q.error.message}
        </EmptyState>
      ) : q.data.self.type === 'symlink' ? (
        <EmptyState title={`${path} is a symbolic link`} action={<Button onClick={() => setPath(parentOf(path))}>Back</Button>}>
          It points to <code className="font-mono">{q.data.self.linkTarget}</code>. Links are shown, never followed.
        </EmptyState>
      ) : (
        <>
          {q.data.truncated && <p className="mb-2 text-xs text-warning">This folder is very large: the listing stopped early and sizes are partial.</p>}
          <DataTable label={`Files in ${path}`} headers={['Name', 'Size', { text: 'Mode', className: fold.column }, { text: 'Modified', className: fold.column }, '']}>
            {path !== '/' && (
              <tr className="border-t border-line/60">
                <td className="px-3 py-1.5" colSpan={5}>
                  <button type="button" className="text-accent hover:underline" onClick={() => setPath(parentOf(path))}>
                    ..
                  </button>
                </td>
              </tr>
            )}
            {q.data.entries.map((e) => (
              <tr key={e.name} className="border-t border-line/60" data-testid="file-row">
                <td className="px-3 py-1.5">
                  <span aria-hidden className="mr-1.5">
                    {typeIcon[e.type]}
                  </span>
                  {e.type === 'dir' ? (
                    <button type="button" className="text-accent hover:underline" onClick={() => setPath(e.path)}>
                      {e.name}/
                    </button>
                  ) : (
                    <span>{e.name}</span>
                  )}
                  {e.linkTarget && <span className="text-muted"> → {e.linkTarget}</span>}
                  <div className={`${fold.folded} text-muted`}>
                    {e.mode} · {new Date(e.modified).toLocaleString()}
                  </div>
                </td>
                <td className="px-3 py-1.5 whitespace-nowrap" title={e.type === 'dir' ? 'everything under it' : undefined}>
                  {e.type === 'symlink' ? '' : formatBytes(e.size)}
                </td>
                <td className={`${fold.column} px-3 py-1.5 text-muted`}>{e.mode}</td>
                <td className={`${fold.column} px-3 py-1.5 whitespace-nowrap text-muted`}>{new Date(e.modified).toLocaleString()}</td>
                <td className="px-3 py-1.5 text-right">
                  {e.type !== 'symlink' && !readOnly && (
                    <a className="font-sans text-accent hover:underline" href={downloadUrl(id, e.path)} download aria-label={`Download ${e.name}`}>
                      Download
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          {q.data.entries.length === 0 && <p className="mt-2 text-sm text-muted">This folder is empty.</p>}
        </>
      )}
    </div>
  );
}
