'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useEngineStatus } from '@/hooks/use-mux';
import { useVolumeFiles, volumeDownloadHref } from '@/hooks/use-volumes';
import { formatBytes } from '@/lib/format/bytes';

const join = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);

/** A volume's files, read-only: folders open, files and folders download as tar. */
export function VolumeBrowser({ volume, onClose }: { volume: string | null; onClose: () => void }) {
  const [path, setPath] = useState('/');
  const files = useVolumeFiles(volume, path);
  const readOnly = useEngineStatus()?.readOnly === true;
  const parts = path.split('/').filter(Boolean);
  const close = () => {
    setPath('/');
    onClose();
  };
  return (
    <Dialog open={Boolean(volume)} onClose={close} title={`Files in ${volume?.slice(0, 32) ?? ''}`} footer={<Button onClick={close}>Close</Button>}>
      <nav aria-label="Folder" className="mb-2 flex flex-wrap items-center gap-1 font-mono text-xs">
        <button type="button" className="text-accent hover:underline" onClick={() => setPath('/')}>
          /
        </button>
        {parts.map((p, i) => (
          <span key={i} className="flex items-center gap-1">
            <button type="button" className="text-accent hover:underline" onClick={() => setPath(`/${parts.slice(0, i + 1).join('/')}`)}>
              {p}
            </button>
            {i < parts.length - 1 && <span aria-hidden>/</span>}
          </span>
        ))}
      </nav>
      {files.isPending && (
        <div className="flex items-center gap-2">
          <Spinner /> Reading the folder (through a short-lived helper container)…
        </div>
      )}
      {files.error && <p role="alert" className="text-danger">{files.error.message}</p>}
      {files.data && (
        <>
          <p className="mb-2 text-xs text-muted">Read with {files.data.helper}.</p>
          {files.data.entries.length === 0 ? (
            <p>This folder is empty.</p>
          ) : (
            <ul className="max-h-72 overflow-auto rounded-md border border-line bg-surface text-xs" data-testid="volume-files">
              {files.data.entries.map((e) => (
                <li key={e.name} className="flex items-center gap-2 border-b border-line/60 px-3 py-1.5 last:border-0">
                  {e.type === 'directory' ? (
                    <button type="button" className="truncate font-mono text-accent hover:underline" onClick={() => setPath(join(path, e.name))}>
                      {e.name}/
                    </button>
                  ) : (
                    <span className="truncate font-mono">
                      {e.name}
                      {e.linkTarget ? ` → ${e.linkTarget}` : ''}
                    </span>
                  )}
                  <span className="ml-auto shrink-0 text-muted">{e.type === 'file' ? formatBytes(e.size) : e.type}</span>
                  {!readOnly && (
                    <a className="shrink-0 text-accent hover:underline" href={volumeDownloadHref(volume!, join(path, e.name))} download aria-label={`Download ${e.name}`}>
                      ⤓
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
          {files.data.truncated && <p className="mt-2 text-xs text-warning">This folder holds too much to list in full: only part of it is shown.</p>}
          {!readOnly && (
            <p className="mt-2 text-xs">
              <a className="text-accent hover:underline" href={volumeDownloadHref(volume!, path)} download>
                Download this folder (tar)
              </a>
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}
