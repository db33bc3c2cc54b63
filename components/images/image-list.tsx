'use client';
import { PreviewList } from '@/components/ui/confirm-dialog';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates } from '@/components/ui/list-states';
import { SearchBox } from '@/components/ui/search-box';
import { Spinner } from '@/components/ui/spinner';
import { useToasts } from '@/components/ui/toasts';
import { keys } from '@/hooks/query-keys';
import { useEngineDown, useEngineStatus } from '@/hooks/use-mux';
import { imagePathId, removeImage, useImageList } from '@/hooks/use-images';
import { useOpenSingleMatch, useRowSelection } from '@/hooks/use-row-selection';
import { useSlashFocus } from '@/hooks/use-slash-focus';
import { useUrlView } from '@/hooks/use-url-view';
import {
  applyImageView,
  countImages,
  defaultImageView,
  imageUseFilters,
  imageViewFromParams,
  imageViewToParams,
  NONE_TAG_EXPLANATION,
  shortImageId,
  type ImageListView,
  type ImageSortKey,
} from '@/lib/images/image-filter';
import { countNoun } from '@/lib/format/actions';
import { sameView, type ImageFirstScreen } from '@/lib/format/first-screen';
import type { ImageTarget } from './image-dialogs';
import { LazyImagePruneDialog, LazyRemoveImageDialog, LazyTagDialog } from './lazy-dialogs';
import { ImageTable } from './image-table';
import { TransferActions } from '@/components/transfers/transfer-actions';

const useLabel: Record<(typeof imageUseFilters)[number], string> = { any: 'Any', 'in-use': 'In use', unused: 'Unused', dangling: 'Dangling' };

/**
 * `firstScreen`: the first rows of the server's kept image list for the URL's view (with their
 * sizes, when the server had them), if it had the list (lib/format/first-screen.ts). They are shown
 * until the tab's own read of the whole list (made as it mounts) arrives; another view waits for it.
 */
export function ImageList({ firstScreen }: { firstScreen?: ImageFirstScreen }) {
  // Rows come from one cheap engine call; unique/shared sizes need every image's layers (read once
  // per image id, then kept on the server), so they fill in from a second query.
  const list = useImageList({ sharing: false });
  const withSharing = useImageList({ sharing: true });
  const toasts = useToasts();
  const engine = useEngineStatus();
  const qc = useQueryClient();
  // `leaving` is set when a link takes the page elsewhere.
  const { view, setView, leaving } = useUrlView(imageViewFromParams, imageViewToParams);
  const [removing, setRemoving] = useState<ImageTarget | null>(null);
  const [tagging, setTagging] = useState<ImageTarget | null>(null);
  const [pruneOpen, setPruneOpen] = useState(false);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [showLabels, setShowLabels] = useState(false);
  const search = useRef<HTMLInputElement>(null);


  const all = useMemo(() => list.data?.images ?? [], [list.data]);
  // Until the whole list is here: the server's first screen, for the view it was cut for.
  const first = !list.data && firstScreen && sameView(view, firstScreen.view) ? firstScreen : undefined;
  const sharing = withSharing.data?.sharing ?? first?.sharing;
  const rows = useMemo(() => first?.rows ?? applyImageView(all, view, sharing), [first, all, view, sharing]);
  const counts = useMemo(() => first?.counts ?? countImages(all), [first, all]);
  const total = first?.total ?? all.length;
  const rowCount = first?.rowCount ?? rows.length;
  const sizesPending = withSharing.isPending && !first?.sharing;
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const { selected, setSelected, toggle, toggleAll: toggleAllOf } = useRowSelection(list.data?.images, rowIds);
  const selectedRows = (first ? first.rows : all).filter((i) => selected.has(i.id));

  const onSort = (k: ImageSortKey) => setView({ sort: k, dir: view.sort === k && view.dir === 'desc' ? 'asc' : view.sort === k ? 'desc' : k === 'tags' || k === 'id' ? 'asc' : 'desc' });
  useSlashFocus(search);
  const onSearchKey = useOpenSingleMatch(rows, (i) => `/images/${imagePathId(i.id)}`, leaving);
  const toggleAll = () => toggleAllOf(rowIds);

  async function bulkRemove() {
    setBulkOpen(false);
    const id = toasts.show({ tone: 'progress', title: `Removing ${countNoun(selectedRows.length, 'image')}…` });
    const failed: string[] = [];
    let removed = 0;
    // children before parents: newest first
    for (const img of [...selectedRows].sort((a, b) => b.created - a.created)) {
      try {
        const r = await removeImage(img.id, { force: img.repoTags.length > 1 });
        removed += r.deleted.length ? 1 : 0;
      } catch (e) {
        failed.push(`${img.repoTags[0] ?? shortImageId(img.id)}: ${(e as Error).message}`);
      }
    }
    toasts.show(
      failed.length
        ? { tone: 'error', title: `Removed ${removed}, ${failed.length} refused`, detail: failed.slice(0, 3).join('\n') }
        : { tone: 'success', title: `Removed ${countNoun(removed, 'image')}` },
      id,
    );
    setSelected(new Set());
    void qc.invalidateQueries({ queryKey: keys.images.all });
  }

  // While the engine is unreachable the rows are what it said last: shown, dimmed, not actionable.
  const { down: stale, offTitle } = useEngineDown();

  return (
    <div
      className="flex h-full flex-col"
      onClickCapture={(e) => {
        // (a modified click opens another tab: this page stays, and keeps its URL in step)
        if (!e.metaKey && !e.ctrlKey && !e.shiftKey && e.button === 0 && (e.target as HTMLElement).closest('a[href]')) leaving.current = true;
      }}
    >
      <header className="flex flex-wrap items-center gap-3 border-b border-line px-4 py-3">
        <h1 className="mr-2 text-lg font-semibold">Images</h1>
        <div role="tablist" aria-label="Which images" className="flex rounded-md border border-line bg-panel p-0.5">
          {(['top', 'all'] as const).map((s) => (
            <button
              key={s}
              role="tab"
              type="button"
              aria-selected={view.show === s}
              className={`rounded px-2.5 py-1 text-xs ${view.show === s ? 'bg-raised text-fg' : 'text-muted hover:text-fg'}`}
              onClick={() => setView({ show: s })}
              title={s === 'all' ? 'docker images -a: adds intermediate build steps' : 'docker images'}
            >
              {s === 'top' ? 'Top-level' : 'All (-a)'} <span className="text-muted">{list.data || first ? counts[s] : ''}</span>
            </button>
          ))}
        </div>
        <label className="flex items-center gap-1.5 text-xs text-fg-soft">
          Show
          <select value={view.use} onChange={(e) => setView({ use: e.target.value as ImageListView['use'] })} className="h-8 rounded-md border border-line bg-panel px-2 text-xs">
            {imageUseFilters.map((u) => (
              <option key={u} value={u}>
                {useLabel[u]}
              </option>
            ))}
          </select>
        </label>
        <SearchBox ref={search} label="Search images by tag, digest or id" placeholder="Search tag, digest or id" value={view.q} onChange={(q) => setView({ q })} onKeyDown={onSearchKey} />
        <input
          type="text"
          aria-label="Filter by reference glob"
          placeholder="reference, e.g. team/*"
          value={view.reference}
          onChange={(e) => setView({ reference: e.target.value })}
          className="h-8 w-48 rounded-md border border-line bg-panel px-3 font-mono text-xs outline-none focus:border-accent"
        />
        <input
          type="text"
          aria-label="Filter by label (key or key=value)"
          placeholder="label key[=value]"
          value={view.label}
          onChange={(e) => setView({ label: e.target.value })}
          className="h-8 w-44 rounded-md border border-line bg-panel px-3 font-mono text-xs outline-none focus:border-accent"
        />
        <label className="flex items-center gap-1.5 text-xs text-fg-soft">
          <input type="checkbox" checked={showLabels} onChange={(e) => setShowLabels(e.target.checked)} />
          Labels
        </label>
        {((list.isFetching && list.data) || sizesPending) && <Spinner label={sizesPending ? 'Reading layers for unique and shared sizes' : 'Refreshing'} />}
        {withSharing.error && <span className="text-xs text-warning" title={withSharing.error.message}>Sizes unavailable</span>}
        <div className="ml-auto flex flex-wrap gap-2">
          <TransferActions actions={['pull', 'build', 'push', 'load', 'import', 'save']} size="md" />
          <Link href="/images/map" className="inline-flex h-8 items-center rounded-md border border-line bg-raised px-3 text-sm hover:bg-panel">
            Layer map
          </Link>
          <Button onClick={() => setPruneOpen(true)} disabled={stale} title={offTitle}>
            Prune…
          </Button>
        </div>
      </header>

      {view.show === 'all' && (
        <p className="border-b border-line bg-panel px-4 py-2 text-xs text-muted" data-testid="none-explained">
          {NONE_TAG_EXPLANATION}
        </p>
      )}

      {selectedRows.length > 0 && (
        <div role="toolbar" aria-label="Bulk actions" className="flex items-center gap-2 border-b border-line bg-accent/10 px-4 py-2 text-sm">
          <span className="mr-2 font-medium">{selectedRows.length} selected</span>
          <Button size="sm" variant="danger" onClick={() => setBulkOpen(true)} disabled={stale}>
            Remove…
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      )}

      <ListStates
        noun="image"
        loading={list.isPending && !first}
        loadingText="Loading images and their layers…"
        error={list.data ? null : list.error}
        onRetry={() => void list.refetch()}
        stale={stale}
        staleNote={{ testId: 'images-stale-note', words: 'these images are the last known list' }}
        endpoint={engine?.endpoint}
        total={total}
        shown={rowCount}
        empty={
          <EmptyState title="No images yet">
            This engine has no images. Pull or build one (<code className="font-mono">docker pull busybox</code>) and it appears here at once.
          </EmptyState>
        }
        noMatch={{ because: 'this filter', clearLabel: 'Clear filters', onClear: () => setView({ ...defaultImageView, show: view.show }) }}
      >
        <ImageTable rows={rows} rowCount={rowCount} partial={!!first} sharing={sharing} view={view} onSort={onSort} selected={selected} onToggle={toggle} onToggleAll={toggleAll} onRemove={setRemoving} onTag={setTagging} showLabels={showLabels} stale={stale} />
      </ListStates>

      {removing && <LazyRemoveImageDialog key={removing.id} target={removing} onClose={() => setRemoving(null)} />}
      {tagging && <LazyTagDialog key={tagging.id} target={tagging} onClose={() => setTagging(null)} />}
      {pruneOpen && <LazyImagePruneDialog open onClose={() => setPruneOpen(false)} />}
      <Dialog
        open={bulkOpen}
        onClose={() => setBulkOpen(false)}
        title={`Remove ${countNoun(selectedRows.length, 'image')}?`}
        footer={
          <>
            <Button onClick={() => setBulkOpen(false)}>Cancel</Button>
            <Button variant="danger" onClick={() => void bulkRemove()} data-testid="confirm">
              Remove {selectedRows.length}
            </Button>
          </>
        }
      >
        <p>Each is removed as <code className="font-mono">docker rmi</code> would (all its tags go); images that containers use or that others are built on are refused and reported.</p>
        <PreviewList label="Images to remove">
          {selectedRows.map((i) => (
            <li key={i.id} className="flex justify-between gap-3 border-b border-line/60 px-3 py-1.5 last:border-0">
              <span className="truncate font-mono">{i.repoTags.join(', ') || '<none>:<none>'}</span>
              <span className="shrink-0 font-mono text-muted">{shortImageId(i.id)}</span>
            </li>
          ))}
        </PreviewList>
      </Dialog>
    </div>
  );
}
