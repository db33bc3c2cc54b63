'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { foldBelow } from '@/components/ui/responsive-table';
import { Spinner } from '@/components/ui/spinner';
import { StaleNote } from '@/components/ui/stale-note';
import { textLink } from '@/components/ui/text-link';
import { TransferActions } from '@/components/transfers/transfer-actions';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { imagePathId, useImage } from '@/hooks/use-images';
import { useEngineDown } from '@/hooks/use-mux';
import { countNoun } from '@/lib/format/actions';
import { formatBytes } from '@/lib/format/bytes';
import { timeAgo } from '@/lib/format/time';
import { imageTitle, shortImageId } from '@/lib/images/image-filter';
import type { ImageDetail } from '@/lib/protocol/images';
import { imageRunRef, runFormHref, runTitle } from '@/lib/ui/run-form-href';
import { LazyRemoveImageDialog, LazyTagDialog } from './lazy-dialogs';
import { kindBadge } from './image-table';

export const imageTabs = ['overview', 'history', 'layers', 'containers', 'inspect'] as const;
type Tab = (typeof imageTabs)[number];
const tabLabel: Record<Tab, string> = { overview: 'Overview', history: 'History', layers: 'Layers', containers: 'Containers', inspect: 'Inspect' };

function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 border-b border-line/60 py-1.5 text-sm last:border-0">
      <dt className="text-muted">{k}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </div>
  );
}

const list = (xs: string[] | null | undefined) => (xs && xs.length ? <span className="font-mono text-xs">{JSON.stringify(xs)}</span> : <span className="text-muted">—</span>);

function Overview({ img }: { img: ImageDetail }) {
  const c = img.config;
  return (
    <div className="grid gap-6 p-6 lg:grid-cols-2">
      <section>
        <h2 className="mb-2 text-sm font-semibold">Image</h2>
        <dl>
          <Row k="Id">
            <span className="font-mono text-xs">{img.id}</span> <CopyButton value={img.id} label="Copy image id" />
          </Row>
          <Row k="Tags">{img.repoTags.length ? img.repoTags.map((t) => <div key={t} className="font-mono text-xs">{t}</div>) : <span className="text-muted">&lt;none&gt;</span>}</Row>
          <Row k="Digests">{img.repoDigests.length ? img.repoDigests.map((d) => <div key={d} className="font-mono text-xs">{d} <CopyButton value={d} label="Copy digest" /></div>) : <span className="text-muted">none (never pushed or pulled by digest)</span>}</Row>
          <Row k="Created">
            {new Date(img.created).toLocaleString()} <span className="text-muted">({timeAgo(Date.parse(img.created) / 1000)})</span>
          </Row>
          <Row k="Author">{img.author || <span className="text-muted">—</span>}</Row>
          {img.comment && <Row k="Comment">{img.comment}</Row>}
          <Row k="Platform">
            {img.os}/{img.architecture}
            {img.variant ? `/${img.variant}` : ''}
          </Row>
          <Row k="Size">{formatBytes(img.size)}</Row>
          <Row k="Unique">
            <span data-testid="detail-unique">{formatBytes(img.uniqueSize)}</span> <span className="text-muted">— what removing it frees</span>
          </Row>
          <Row k="Shared">
            {formatBytes(img.sharedSize)} <span className="text-muted">— layers other images also use</span>
          </Row>
          {img.parentId && (
            <Row k="Parent">
              <Link className="font-mono text-xs text-accent hover:underline" href={`/images/${imagePathId(img.parentId)}`}>
                {shortImageId(img.parentId)}
              </Link>
            </Row>
          )}
        </dl>
      </section>
      <section>
        <h2 className="mb-2 text-sm font-semibold">Config (what docker run uses)</h2>
        <dl>
          <Row k="Cmd">{list(c.cmd)}</Row>
          <Row k="Entrypoint">{list(c.entrypoint)}</Row>
          <Row k="Env">{c.env.length ? c.env.map((e) => <div key={e} className="font-mono text-xs">{e}</div>) : <span className="text-muted">—</span>}</Row>
          <Row k="Exposed ports">{c.exposedPorts.join(', ') || <span className="text-muted">—</span>}</Row>
          <Row k="Working dir">{c.workingDir || <span className="text-muted">/</span>}</Row>
          <Row k="User">{c.user || <span className="text-muted">root (default)</span>}</Row>
          <Row k="Volumes">{c.volumes.join(', ') || <span className="text-muted">—</span>}</Row>
          <Row k="Labels">
            {Object.keys(c.labels).length ? (
              Object.entries(c.labels).map(([k, v]) => (
                <div key={k} className="font-mono text-xs">
                  {k}={v}
                </div>
              ))
            ) : (
              <span className="text-muted">—</span>
            )}
          </Row>
          <Row k="Healthcheck">{c.healthcheck ? list(c.healthcheck.test) : <span className="text-muted">—</span>}</Row>
          {c.stopSignal && <Row k="Stop signal">{c.stopSignal}</Row>}
        </dl>
      </section>
    </div>
  );
}

/** Steps that change files: when they made no layer, it is because they changed nothing, not because they are metadata. */
const FILE_STEPS = new Set(['RUN', 'COPY', 'ADD']);

const INFERRED_NOTE =
  'This engine (API 1.41) does not say which 0-byte steps made a layer, and no local image pins the layer count here: assigned by instruction (file changes before metadata).';

/**
 * Columns of the history and layers tables that leave while the table is narrow, their content
 * then shown in a neighbouring cell: a phone-width window keeps the steps and the image links.
 */
const fold = { created: foldBelow['2xl'], layer: foldBelow.xl, diffId: foldBelow['2xl'] };

function History({ img }: { img: ImageDetail }) {
  return (
    <div className="p-6">
      <p className="mb-3 text-xs text-muted">
        One row per Dockerfile step, oldest first (<code className="font-mono">docker history</code> lists newest first). Steps marked “metadata” or “no layer” made no layer (the engine's own count: where a step's image is still here its layer count is known, so a 0-byte step such as <code className="font-mono">WORKDIR</code> that made an empty layer is told from one that made none). An image id appears where this engine still has that step (a local build); pulled images show none.
      </p>
      <DataTable label="Image history" headers={['#', { text: 'Created', className: fold.created.column }, 'Step', 'Size', { text: 'Layer', className: fold.layer.column }, 'Image']}>
        {img.history.map((h, i) => (
          <tr key={i} className="border-t border-line/60 align-top" data-testid="history-row">
            <td className="px-3 py-1.5 text-muted">{i + 1}</td>
            <td className={`${fold.created.column} px-3 py-1.5 whitespace-nowrap text-muted`} title={new Date(h.created * 1000).toLocaleString()}>
              {timeAgo(h.created)}
            </td>
            <td className="max-w-[40rem] px-3 py-1.5">
              <div className="break-all whitespace-pre-wrap">{h.step.text || h.createdBy || '—'}</div>
              <div className={`${fold.created.folded} font-sans text-[11px] text-muted`}>{timeAgo(h.created)}</div>
              {h.step.note && <div className="mt-0.5 font-sans text-[11px] text-muted">{h.step.note}</div>}
              {h.comment && <div className="mt-0.5 font-sans text-[11px] text-muted">Comment: {h.comment}</div>}
              {h.step.text !== h.createdBy && h.createdBy && (
                <details className="mt-0.5 font-sans text-[11px] text-muted">
                  <summary className="cursor-pointer">as recorded</summary>
                  <code className="font-mono break-all">{h.createdBy}</code>
                </details>
              )}
            </td>
            <td className="px-3 py-1.5 whitespace-nowrap">
              {h.layerIndex !== null ? (
                formatBytes(h.size)
              ) : FILE_STEPS.has(h.step.instruction) ? (
                <span className="text-muted" title="This step changed no files, so the engine committed no layer for it.">
                  no layer
                </span>
              ) : (
                <span className="text-muted">metadata</span>
              )}
              {h.layerIndex !== null && <div className={`${fold.layer.folded} text-[11px] text-muted`}>layer #{h.layerIndex + 1}</div>}
              {h.layerInferred && (
                <div className="text-[11px] text-muted" data-testid="layer-inferred" title={INFERRED_NOTE}>
                  inferred
                </div>
              )}
            </td>
            <td className={`${fold.layer.column} px-3 py-1.5 text-muted`}>{h.layerIndex === null ? '' : `#${h.layerIndex + 1}`}</td>
            <td className="px-3 py-1.5">
              {h.imageId ? (
                <Link className="text-accent hover:underline" href={`/images/${imagePathId(h.imageId)}`}>
                  {shortImageId(h.imageId)}
                </Link>
              ) : (
                <span className="text-muted">&lt;missing&gt;</span>
              )}
              {h.tags.length > 0 && <div className="text-[11px] break-all text-muted">{h.tags.join(', ')}</div>}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function Layers({ img }: { img: ImageDetail }) {
  const max = Math.max(1, ...img.layers.map((l) => l.size));
  return (
    <div className="p-6">
      <p className="mb-3 text-xs text-muted">
        The read-only layers the union filesystem stacks, base first. A layer is shared when another image has the same layer on the same layers below it; shared layers are stored once.
      </p>
      <DataTable label="Image layers" headers={['#', 'Size', 'Made by', 'Shared with', { text: 'Diff id', className: fold.diffId.column }]}>
        {img.layers.map((l) => {
          const step = l.stepIndex === null ? null : img.history[l.stepIndex];
          return (
            <tr key={l.index} className="border-t border-line/60 align-top" data-testid="layer-row">
              <td className="px-3 py-1.5 text-muted">{l.index + 1}</td>
              <td className="px-3 py-1.5 whitespace-nowrap">
                {formatBytes(l.size)}
                <div className="mt-1 h-1 rounded bg-accent/70" style={{ width: `${Math.max(2, (l.size / max) * 100)}%` }} aria-hidden />
              </td>
              <td className="max-w-[28rem] px-3 py-1.5 break-all">
                {step ? step.step.text || step.createdBy || <span className="text-muted">{step.comment || 'no command recorded'}</span> : <span className="text-muted">unknown step</span>}
                <div className={`${fold.diffId.folded} text-muted`} title={l.diffId}>
                  {l.diffId.slice(7, 19)}
                </div>
              </td>
              <td className="px-3 py-1.5">
                {l.sharedWith.length === 0 ? (
                  <span className="text-muted">only this image</span>
                ) : (
                  <span title={l.sharedWith.join('\n')}>
                    {countNoun(l.sharedWith.length, 'image')}:{' '}
                    {/* Each id its own word, so a narrow table wraps them instead of scrolling. */}
                    <span className="inline-flex flex-wrap gap-x-1">
                      {l.sharedWith.slice(0, 4).map((id) => (
                        <Link key={id} className={textLink} href={`/images/${imagePathId(id)}`}>
                          {shortImageId(id)}
                        </Link>
                      ))}
                      {l.sharedWith.length > 4 && '…'}
                    </span>
                  </span>
                )}
              </td>
              <td className={`${fold.diffId.column} px-3 py-1.5 text-muted`} title={l.diffId}>
                {l.diffId.slice(7, 19)}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}

function Containers({ img }: { img: ImageDetail }) {
  if (img.containers.length === 0) return <EmptyState title="No containers use this image">Nothing created from it, running or stopped.</EmptyState>;
  return (
    <div className="p-6">
      <DataTable label="Containers using this image" headers={['Name', 'State', 'Status']}>
        {img.containers.map((c) => (
          <tr key={c.id} className="border-t border-line/60">
            <td className="px-3 py-1.5">
              <Link className="text-accent hover:underline" href={`/containers/${encodeURIComponent(c.name)}`}>
                {c.name}
              </Link>
            </td>
            <td className="px-3 py-1.5">{c.state}</td>
            <td className="px-3 py-1.5 text-muted">{c.status}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function Inspect({ raw }: { raw: unknown }) {
  const text = JSON.stringify(raw, null, 2);
  return (
    <div className="p-6">
      <div className="mb-2 flex items-center gap-2 text-xs text-muted">
        Raw <code className="font-mono">docker image inspect</code> <CopyButton value={text} label="Copy inspect JSON" />
      </div>
      <details open>
        <summary className="cursor-pointer text-xs text-muted">JSON</summary>
        <pre className="mt-2 overflow-auto rounded-md border border-line bg-surface p-3 font-mono text-xs">{text}</pre>
      </details>
    </div>
  );
}

/** One image: header with actions, then Overview / History / Layers / Containers / Inspect (tab in the URL). */
export function ImageDetailView({ id }: { id: string }) {
  const q = useImage(id);
  // While the engine is unreachable the page is the image's last known state, and its actions are off.
  const { down: stale, offTitle } = useEngineDown();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tab = (imageTabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'overview';
  const [dialog, setDialog] = useState<'tag' | 'remove' | { untag: string } | null>(null);
  // The server titled the page from its kept list; this keeps it right when a tag is added or removed here.
  useDocumentTitle(q.data ? imageTitle(q.data.image) : null);

  if (q.isPending) {
    return (
      <div className="flex items-center gap-2 p-6 text-sm text-muted">
        <Spinner /> Loading image…
      </div>
    );
  }
  if (q.error && !q.data) {
    const gone = (q.error as { status?: number }).status === 404;
    return (
      <EmptyState tone={gone ? 'neutral' : 'error'} title={gone ? 'This image no longer exists' : 'Could not load this image'} action={<Link href="/images" className="text-sm text-accent hover:underline">Back to images</Link>}>
        {gone ? `No image ${id.slice(0, 12)} on this engine. It may have been removed.` : q.error.message}
      </EmptyState>
    );
  }
  const img = q.data.image;
  const title = img.repoTags[0] ?? '<none>:<none>';
  const badge = kindBadge[img.kind];
  const target = { id: img.id, repoTags: img.repoTags };
  // What `docker run`, push and save name it by: its first tag, or its id when it has none.
  const ref = imageRunRef(img);
  return (
    <div className="flex h-full flex-col">
      <header className="border-b border-line px-6 pt-4">
        <nav aria-label="Breadcrumb" className="text-xs text-muted">
          <Link href="/images" className="hover:text-fg">
            Images
          </Link>{' '}
          / {shortImageId(img.id)}
        </nav>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold break-all">{title}</h1>
          {badge && (
            <span className={`rounded border px-1.5 text-[10px] tracking-wide uppercase ${badge.cls}`} title={badge.title}>
              {badge.text}
            </span>
          )}
          <span className="flex items-center font-mono text-xs text-muted">
            {shortImageId(img.id)}
            <CopyButton value={img.id} label="Copy full image id" />
          </span>
          <span className="text-xs text-muted">
            {formatBytes(img.size)} · {formatBytes(img.uniqueSize)} unique
          </span>
          <div className="ml-auto flex flex-wrap gap-2" data-slot="image-actions">
            {/* The run form, filled with this image: as Docker Desktop's Run on an image. */}
            <Link href={runFormHref({ image: ref })} className={buttonClasses('primary')} title={runTitle(ref)}>
              Run…
            </Link>
            <TransferActions actions={['push', 'save']} size="md" initial={{ source: ref, names: ref }} />
            <Button onClick={() => setDialog('tag')} disabled={stale} title={offTitle}>
              Tag…
            </Button>
            <Button variant="danger" onClick={() => setDialog('remove')} disabled={stale} title={offTitle}>
              Remove…
            </Button>
          </div>
        </div>
        {img.repoTags.length > 1 && (
          <div className="mt-2 flex flex-wrap gap-1 text-xs">
            {img.repoTags.map((t) => (
              <span key={t} className="inline-flex items-center gap-1 rounded border border-line px-1.5 py-0.5 font-mono">
                {t}
                <button type="button" className="text-muted hover:text-danger disabled:opacity-50" aria-label={`Remove tag ${t}`} onClick={() => setDialog({ untag: t })} disabled={stale} title={offTitle}>
                  ×
                </button>
              </span>
            ))}
          </div>
        )}
        {params.get('from') && img.layers.length > 0 && (
          <p className="mt-2 rounded-md border border-success/60 bg-success/10 px-3 py-1.5 text-xs" data-testid="commit-banner">
            Committed: new layer #{img.layers.length}: {Number(params.get('paths')) || 0} changed paths, {formatBytes(img.layers[img.layers.length - 1]!.size)} from container {params.get('from')}.
          </p>
        )}
        {q.error && !stale && (
          <p role="alert" className="mt-2 text-xs text-warning">
            Showing the last known state: {q.error.message}
          </p>
        )}
        <nav aria-label="Image sections" className="mt-4 flex gap-1 overflow-x-auto">
          {imageTabs.map((t) => (
            <Link
              key={t}
              href={t === 'overview' ? pathname : `${pathname}?tab=${t}`}
              replace
              aria-current={tab === t ? 'page' : undefined}
              className={`shrink-0 border-b-2 px-3 py-2 text-sm ${tab === t ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg'}`}
            >
              {tabLabel[t]}
              {t === 'containers' && img.containers.length > 0 && <span className="ml-1 text-muted">{img.containers.length}</span>}
            </Link>
          ))}
        </nav>
      </header>
      {stale && <StaleNote testId="image-stale-note">this is the image's last known state</StaleNote>}
      <div className="min-h-0 flex-1 overflow-auto">
        {tab === 'overview' && <Overview img={img} />}
        {tab === 'history' && <History img={img} />}
        {tab === 'layers' && <Layers img={img} />}
        {tab === 'containers' && <Containers img={img} />}
        {tab === 'inspect' && <Inspect raw={q.data.inspect} />}
      </div>
      {dialog === 'tag' && <LazyTagDialog target={target} onClose={() => setDialog(null)} />}
      {dialog === 'remove' && <LazyRemoveImageDialog target={target} onClose={() => setDialog(null)} onRemoved={(deleted) => deleted && router.push('/images')} />}
      {dialog && typeof dialog === 'object' && <LazyRemoveImageDialog target={target} tag={dialog.untag} onClose={() => setDialog(null)} />}
    </div>
  );
}
