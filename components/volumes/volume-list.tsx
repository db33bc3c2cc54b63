'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Check, Field, inputClass, Rows } from '@/components/run/run-fields';
import { Button } from '@/components/ui/button';
import { ConfirmDialog, PreviewList, PreviewState } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates, listQueryStates } from '@/components/ui/list-states';
import { foldBelow, rowActions } from '@/components/ui/responsive-table';
import { SearchBox } from '@/components/ui/search-box';
import { Spinner } from '@/components/ui/spinner';
import { textLink } from '@/components/ui/text-link';
import { useToasts } from '@/components/ui/toasts';
import { keys } from '@/hooks/query-keys';
import { useEngineDown } from '@/hooks/use-mux';
import { useListSearch } from '@/hooks/use-list-search';
import { createVolume, pruneVolumes, removeVolume, useVolumePrunePreview, useVolumes, useVolumeSizes } from '@/hooks/use-volumes';
import { countNoun } from '@/lib/format/actions';
import { formatBytes } from '@/lib/format/bytes';
import { volumeMatches } from '@/lib/format/list-search';
import { createVolumeSchema, type VolumeSummary } from '@/lib/protocol/volumes';
import { VolumeBrowser } from './volume-browser';

/** Where each column leaves the table as it narrows (the least useful first); what a person needs of it moves under the name. */
const fold = { labels: foldBelow['4xl'], created: foldBelow['3xl'], driver: foldBelow['2xl'], size: foldBelow.xl, usedBy: foldBelow.lg };

/** `docker volume ls` with who uses each volume, sizes on demand, create, remove and prune. */
export function VolumeList() {
  const list = useVolumes();
  const [wantSizes, setWantSizes] = useState(false);
  const sizes = useVolumeSizes(wantSizes);
  /** The volume's size once measured ('—' when the walk did not reach it), else nothing. */
  const volumeSize = (v: VolumeSummary) => (sizes.data ? (v.name in sizes.data.sizes ? formatBytes(sizes.data.sizes[v.name]!) : '—') : '');
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<VolumeSummary | null>(null);
  const [pruning, setPruning] = useState(false);
  const [browsing, setBrowsing] = useState<string | null>(null);
  const { query, setQuery, search, rows, noMatch } = useListSearch(list.data, volumeMatches);
  // While the engine is unreachable the rows are what it said last: shown, dimmed, not actionable.
  const { down: stale, offTitle, endpoint } = useEngineDown();

  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-line px-4 py-3">
        <h1 className="mr-2 text-lg font-semibold">Volumes</h1>
        <Button variant="primary" onClick={() => setCreating(true)} disabled={stale} title={offTitle}>
          + New volume
        </Button>
        <SearchBox ref={search} label="Search volumes by name, driver, label or container" placeholder="Search volumes" value={query} onChange={setQuery} />
        <div className="ml-auto flex items-center gap-2">
          <Button onClick={() => (wantSizes ? void sizes.refetch() : setWantSizes(true))} disabled={sizes.isFetching || stale} title={offTitle ?? "Sizes come from the engine's disk-usage walk, which reads every volume: only on request."}>
            {sizes.isFetching ? <Spinner /> : null}
            {sizes.data ? 'Measure again' : 'Show sizes'}
          </Button>
          {sizes.data && <span className="text-xs text-muted">measured {new Date(sizes.data.measuredAt).toLocaleTimeString()}</span>}
          <Button onClick={() => setPruning(true)} disabled={stale} title={offTitle}>
            Prune unused…
          </Button>
        </div>
      </header>
      {sizes.error && (
        <p role="alert" className="px-4 pt-2 text-xs text-danger">
          Sizes: {sizes.error.message}
        </p>
      )}

      <ListStates
        noun="volume"
        {...listQueryStates(list)}
        stale={stale}
        endpoint={endpoint}
        staleNote={{ testId: 'volumes-stale-note', words: 'these volumes are the last known list' }}
        shown={rows.length}
        empty={
          <EmptyState
            title="No volumes"
            action={
              <Button onClick={() => setCreating(true)} disabled={stale} title={offTitle}>
                Create one
              </Button>
            }
          >
            Volumes keep data beyond a container’s life. Make one here, or run a container with <code>-v name:/path</code>.
          </EmptyState>
        }
        noMatch={noMatch}
      >
        {/* A container: as it narrows, the least useful columns go (`fold`) and what a person needs of
            them moves under the name, so the row actions never leave the screen. */}
        <div className="@container min-h-0 flex-1 overflow-auto">
          <table className={`w-full text-sm ${stale ? 'opacity-60' : ''}`} data-stale={stale || undefined}>
            <thead className="sticky top-0 bg-panel text-left text-xs text-muted">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className={`${fold.driver.column} px-2 py-2 font-medium`}>Driver</th>
                <th className={`${fold.usedBy.column} px-2 py-2 font-medium`}>In use by</th>
                <th className={`${fold.size.column} px-2 py-2 font-medium`}>Size</th>
                <th className={`${fold.created.column} px-2 py-2 font-medium`}>Created</th>
                <th className={`${fold.labels.column} px-2 py-2 font-medium`}>Labels</th>
                <th className="px-2 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => {
                const size = volumeSize(v);
                return (
                  <tr key={v.name} data-testid={`volume-${v.name}`} className="border-t border-line/60 align-top">
                    <td className="max-w-80 px-4 py-2">
                      <span className="font-mono break-all">{v.anonymous ? `${v.name.slice(0, 12)}…` : v.name}</span>
                      <CopyButton value={v.name} label="Copy the volume name" />
                      {v.anonymous && <span className="ml-1 rounded bg-raised px-1 text-xs text-muted">anonymous</span>}
                      {/* w-0 min-w-full: as wide as the cell, but a long path does not widen the column. */}
                      <div className="w-0 min-w-full truncate font-mono text-xs text-muted" title={v.mountpoint}>
                        {v.mountpoint}
                      </div>
                      <div className={`${fold.usedBy.folded} mt-1`}>
                        <UsedBy volume={v} />
                      </div>
                      {size && <div className={`${fold.size.folded} text-xs text-muted`}>{size}</div>}
                      <div className={`${fold.labels.folded} text-xs text-muted`}>
                        <Labels volume={v} folded />
                      </div>
                    </td>
                    <td className={`${fold.driver.column} px-2 py-2`}>{v.driver}</td>
                    <td className={`${fold.usedBy.column} px-2 py-2`}>
                      <UsedBy volume={v} />
                    </td>
                    <td className={`${fold.size.column} px-2 py-2 text-muted`}>{size}</td>
                    <td className={`${fold.created.column} px-2 py-2 text-xs text-muted`}>{v.createdAt ? new Date(v.createdAt).toLocaleString() : ''}</td>
                    <td className={`${fold.labels.column} max-w-64 px-2 py-2 text-xs text-muted`}>
                      <Labels volume={v} />
                    </td>
                    <td className="px-2 py-2">
                      <div className={rowActions}>
                        <Button size="sm" onClick={() => setBrowsing(v.name)} disabled={stale} title={offTitle}>
                          Browse
                        </Button>
                        <Button size="sm" variant="danger" onClick={() => setRemoving(v)} disabled={v.usedBy.length > 0 || stale} title={offTitle ?? (v.usedBy.length ? `In use by ${v.usedBy.map((u) => u.name).join(', ')}` : undefined)}>
                          Remove…
                        </Button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </ListStates>
      <VolumeBrowser volume={browsing} onClose={() => setBrowsing(null)} />
      <CreateVolumeDialog open={creating} onClose={() => setCreating(false)} />
      <RemoveVolumeDialog volume={removing} onClose={() => setRemoving(null)} />
      <PruneVolumesDialog open={pruning} onClose={() => setPruning(false)} />
    </div>
  );
}

function CreateVolumeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [name, setName] = useState('');
  const [labels, setLabels] = useState<Array<[string, string]>>([]);
  const [opts, setOpts] = useState<Array<[string, string]>>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const req = { ...(name ? { name } : {}), ...(labels.length ? { labels: Object.fromEntries(labels) } : {}), ...(opts.length ? { driverOpts: Object.fromEntries(opts) } : {}) };
    const checked = createVolumeSchema.safeParse(req);
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? 'Check the fields.');
    setBusy(true);
    try {
      const v = await createVolume(checked.data);
      await qc.invalidateQueries({ queryKey: keys.volumes.all });
      toasts.show({ tone: 'success', title: `Created volume ${v.name}` });
      setName('');
      setLabels([]);
      setOpts([]);
      setError(null);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const kv = (what: string) => ([k, v]: [string, string], set: (x: [string, string]) => void, i: number) => (
    <>
      <input aria-label={`${what} ${i + 1} key`} className={`${inputClass} w-40`} value={k} onChange={(e) => set([e.target.value, v])} />
      <span aria-hidden>=</span>
      <input aria-label={`${what} ${i + 1} value`} className={`${inputClass} flex-1`} value={v} onChange={(e) => set([k, e.target.value])} />
    </>
  );
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="New volume"
      variant="primary"
      confirmLabel="Create"
      disabled={busy}
      onConfirm={() => void submit()}
    >
      <div className="flex flex-col gap-3">
        <Field label="Name" hint="Empty: the engine picks a random name." error={error ?? undefined}>
          {(p) => <input {...p} className={inputClass} value={name} onChange={(e) => setName(e.target.value.trim())} />}
        </Field>
        <div>
          <h3 className="mb-1 text-xs font-medium text-fg-soft">Labels</h3>
          <Rows items={labels} onChange={setLabels} blank={(): [string, string] => ['', '']} addLabel="Label" empty="No labels." render={kv('Label')} />
        </div>
        <div>
          <h3 className="mb-1 text-xs font-medium text-fg-soft">Driver options (local driver: type, device, o)</h3>
          <Rows items={opts} onChange={setOpts} blank={(): [string, string] => ['', '']} addLabel="Option" empty="None: a plain directory on the engine’s disk." render={kv('Option')} />
        </div>
      </div>
    </ConfirmDialog>
  );
}

function RemoveVolumeDialog({ volume, onClose }: { volume: VolumeSummary | null; onClose: () => void }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      open={Boolean(volume)}
      onClose={() => {
        setError(null);
        onClose();
      }}
      onCancel={onClose}
      title={`Remove volume ${volume?.name.slice(0, 24) ?? ''}?`}
      confirmLabel="Remove"
      onConfirm={() =>
        void removeVolume(volume!.name).then(
          () => {
            toasts.show({ tone: 'success', title: 'Volume removed' });
            void qc.invalidateQueries({ queryKey: keys.volumes.all });
            onClose();
          },
          (e: Error) => setError(e.message),
        )
      }
    >
      <p>Its data is deleted for good.</p>
      {error && <p role="alert" className="mt-2 text-danger">{error}</p>}
    </ConfirmDialog>
  );
}

function PruneVolumesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const preview = useVolumePrunePreview(open);
  const qc = useQueryClient();
  const toasts = useToasts();
  const [sure, setSure] = useState(false);
  const n = preview.data?.volumes.length ?? 0;
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="Remove every unused volume?"
      confirmLabel={<>Remove {countNoun(n, 'volume')}</>}
      disabled={!n || !sure}
      onConfirm={() => {
        onClose();
        const id = toasts.show({ tone: 'progress', title: 'Removing unused volumes…' });
        void pruneVolumes().then(
          (r) => {
            toasts.show({ tone: 'success', title: `Removed ${countNoun(r.removed.length, 'volume')}`, detail: `Reclaimed ${formatBytes(r.reclaimedBytes)}` }, id);
            void qc.invalidateQueries({ queryKey: keys.volumes.all });
          },
          (e: Error) => toasts.show({ tone: 'error', title: 'Prune failed', detail: e.message }, id),
        );
      }}
    >
      <PreviewState preview={preview} pendingText="Finding unused volumes…" />
      {preview.data && n === 0 && <p>Every volume is used by a container. Nothing to remove.</p>}
      {preview.data && n > 0 && (
        <>
          <p>No container (running or stopped) uses these {countNoun(n, 'volume')}. Their data is deleted for good.</p>
          <PreviewList>
            {preview.data.volumes.map((v) => (
              <li key={v.name} className="truncate border-b border-line/60 px-3 py-1.5 font-mono last:border-0">
                {v.name}
                {v.anonymous ? ' (anonymous)' : ''}
              </li>
            ))}
          </PreviewList>
          <div className="mt-3">
            <Check label="I understand the data in these volumes is deleted" checked={sure} onChange={setSure} />
          </div>
        </>
      )}
    </ConfirmDialog>
  );
}

/** The containers that mount a volume, each with its state and where it mounts it. */
function UsedBy({ volume }: { volume: VolumeSummary }) {
  if (volume.usedBy.length === 0) return <span className="text-muted">unused</span>;
  return (
    <ul>
      {volume.usedBy.map((u) => (
        <li key={u.id + u.destination}>
          <Link href={`/containers/${encodeURIComponent(u.id)}`} className={textLink}>
            {u.name}
          </Link>{' '}
          <span className="text-xs text-muted">
            {u.running ? 'running' : 'stopped'} · {u.destination}
            {u.readOnly ? ' (ro)' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A volume's labels, `key=value` a line, cut to the cell's width (whole in the tooltip). `folded`:
 * under the name, where a long label must not widen the column (w-0 min-w-full: the cell's width).
 */
function Labels({ volume, folded = false }: { volume: VolumeSummary; folded?: boolean }) {
  return Object.entries(volume.labels).map(([k, val]) => (
    <div key={k} className={`truncate ${folded ? 'w-0 min-w-full' : ''}`} title={`${k}=${val}`}>
      {k}={val}
    </div>
  ));
}
