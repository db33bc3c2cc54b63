'use client';
import Link from 'next/link';
import { startTransition, useDeferredValue, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { imagePathId, readLayerGraphEarly, useLayerGraph } from '@/hooks/use-images';
import { countNoun } from '@/lib/format/actions';
import { formatBytes } from '@/lib/format/bytes';
import { shortImageId } from '@/lib/images/image-filter';
import { layoutLayerMap, stackOf, type MapBox } from '@/lib/images/layer-map';
import { freedByRemoving } from '@/lib/protocol/image-layers';
import type { LayerGraph } from '@/lib/protocol/images';

const ROW = 26;
/** Image names in the side list: a screenful or two with the map, the rest once it is scrolled to its end. */
const LIST_FIRST = 40;
const LIST_MAX = 200;

// Opened directly (not from another page of the app): the graph is read while the app starts.
readLayerGraphEarly('/images/map');

type Selection = { kind: 'layer'; ref: number } | { kind: 'image'; id: string } | { kind: 'container'; ref: number } | null;

type ImagesById = ReadonlyMap<string, LayerGraph['images'][number]>;

function imageName(byId: ImagesById, id: string): string {
  return byId.get(id)?.repoTags[0] ?? `<none> ${shortImageId(id)}`;
}

/** What each box shows and says, worked out once per graph (not again on every selection or zoom). */
function boxTexts(graph: LayerGraph, byId: ImagesById, boxes: MapBox[]): Array<{ label: string; title: string; shared: number }> {
  return boxes.map((b) => {
    if (b.kind === 'container') {
      const c = graph.containers[b.ref]!;
      return { label: `${c.name} (RW)`, title: `container ${c.name}: read-write layer ${formatBytes(b.bytes)}`, shared: 0 };
    }
    const node = graph.layers[b.ref]!;
    const tops = b.tops.length ? b.tops.map((id) => imageName(byId, id)).join(', ') : '';
    return {
      label: tops || formatBytes(b.bytes),
      title: `${formatBytes(b.bytes)} · shared by ${node.images.length} image(s)\n${node.step}${tops ? `\ntop of ${tops}` : ''}`,
      shared: node.images.length,
    };
  });
}

function Details({ graph, byId, sel, onPickImage }: { graph: LayerGraph; byId: ImagesById; sel: Selection; onPickImage: (id: string) => void }) {
  if (!sel) {
    return (
      <p className="text-xs text-muted">
        Click a layer to see the step that made it and which images share it; click an image's name (or search for it) to highlight its stack and see what removing it frees.
      </p>
    );
  }
  if (sel.kind === 'layer') {
    const l = graph.layers[sel.ref]!;
    return (
      <div className="text-sm" data-testid="layer-details">
        <h2 className="font-semibold">Layer {formatBytes(l.size)}</h2>
        <p className="mt-1 font-mono text-xs break-all">{l.step || <span className="text-muted">step unknown</span>}</p>
        <p className="mt-1 font-mono text-[11px] text-muted break-all">{l.diffId}</p>
        <h3 className="mt-3 text-xs font-semibold text-muted uppercase">Used by {countNoun(l.images.length, 'image')}</h3>
        <ul className="mt-1 max-h-64 overflow-auto text-xs">
          {l.images.map((id) => (
            <li key={id}>
              <button type="button" className="text-accent hover:underline" onClick={() => onPickImage(id)}>
                {imageName(byId, id)}
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (sel.kind === 'container') {
    const c = graph.containers[sel.ref]!;
    return (
      <div className="text-sm">
        <h2 className="font-semibold">Container {c.name}</h2>
        <p className="mt-1 text-xs text-muted">
          Its read-write layer{c.sizeRw !== undefined ? ` (${formatBytes(c.sizeRw)})` : ''} sits on {imageName(byId, c.imageId)}. Writes go here (copy-on-write); the layers below are shared and never change.
        </p>
        <Link className="mt-2 inline-block text-xs text-accent hover:underline" href={`/containers/${encodeURIComponent(c.name)}/changes`}>
          See its changes
        </Link>
      </div>
    );
  }
  const img = byId.get(sel.id);
  if (!img) return null;
  const freed = freedByRemoving(graph, new Set([img.id]));
  return (
    <div className="text-sm" data-testid="image-details">
      <h2 className="font-semibold break-all">{imageName(byId, img.id)}</h2>
      <p className="mt-1 text-xs">
        {countNoun(img.layers.length, 'layer')}, {formatBytes(img.size)}: <strong>{formatBytes(img.uniqueSize)}</strong> its own, {formatBytes(img.sharedSize)} shared.
      </p>
      <p className="mt-1 text-xs text-muted">
        Removing it frees {formatBytes(img.uniqueSize)}
        {freed.bytes !== img.uniqueSize ? ` (its own layers alone: ${formatBytes(freed.bytes)})` : ''}
        {img.containers ? `, but ${img.containers} container(s) use it` : ''}.
      </p>
      <Link className="mt-2 inline-block text-xs text-accent hover:underline" href={`/images/${imagePathId(img.id)}`}>
        Open image
      </Link>
    </div>
  );
}

/**
 * The engine's images and their shared layers in one picture: base layers at the bottom, each
 * image's own layers above, containers' read-write layers on top; width = bytes built on a layer.
 */
export function LayerMap() {
  const [measure, setMeasure] = useState(false);
  const q = useLayerGraph(measure);
  const [sel, setSel] = useState<Selection>(null);
  const [query, setQuery] = useState('');
  const [zoom, setZoom] = useState(1);
  const [hideIntermediate, setHideIntermediate] = useState(true);
  const [listLimit, setListLimit] = useState(LIST_FIRST);
  // Drawing 500 images' map is a render of its own: deferred, React renders it in slices that
  // yield to the browser between them (no long task), and the spinner stays until it is done.
  const graph = useDeferredValue(q.data);
  const drawing = q.data !== undefined && graph === undefined;

  const hidden = useMemo(() => {
    const s = new Set<string>();
    if (graph && hideIntermediate) for (const i of graph.images) if (i.kind === 'intermediate') s.add(i.id);
    return s;
  }, [graph, hideIntermediate]);
  const byId: ImagesById = useMemo(() => new Map(graph?.images.map((i) => [i.id, i])), [graph]);
  const layout = useMemo(() => (graph ? layoutLayerMap(graph, { hideImages: hidden }) : null), [graph, hidden]);
  const texts = useMemo(() => (graph && layout ? boxTexts(graph, byId, layout.boxes) : []), [graph, byId, layout]);
  // the rest of the side list when it is scrolled (or tabbed) to its end, as a transition (in slices)
  const onListScroll = (el: HTMLElement) => {
    if (listLimit < LIST_MAX && el.scrollTop + el.clientHeight >= el.scrollHeight - 2 * ROW) startTransition(() => setListLimit(LIST_MAX));
  };
  const highlight = useMemo(() => (graph && sel?.kind === 'image' ? stackOf(graph, sel.id) : null), [graph, sel]);
  const matches = useMemo(() => {
    const qq = query.trim().toLowerCase();
    if (!graph || !qq) return null;
    const hit = new Set<number>();
    for (const i of graph.images) if (!hidden.has(i.id) && (i.repoTags.some((t) => t.toLowerCase().includes(qq)) || i.id.slice(7).startsWith(qq))) for (const n of i.layers) hit.add(n);
    return hit;
  }, [graph, query, hidden]);

  if (q.isPending || drawing) {
    return (
      <div className="flex items-center gap-2 p-6 text-sm text-muted">
        <Spinner /> Reading every image's layers…
      </div>
    );
  }
  if (q.error && !graph) {
    return (
      <EmptyState tone="error" title="Could not read the layers" action={<Button onClick={() => void q.refetch()}>Try again</Button>}>
        {q.error.message}
      </EmptyState>
    );
  }
  if (!graph || !layout || graph.images.length === 0) return <EmptyState title="No images">Nothing to draw: this engine has no images.</EmptyState>;

  const isLit = (b: MapBox) => {
    if (b.kind === 'container') {
      const c = graph.containers[b.ref]!;
      return highlight ? sel?.kind === 'image' && c.imageId === sel.id : matches ? false : true;
    }
    if (highlight) return highlight.has(b.ref);
    if (matches) return matches.has(b.ref);
    return true;
  };

  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-line px-4 py-3">
        <nav aria-label="Breadcrumb" className="text-xs text-muted">
          <Link href="/images" className="hover:text-fg">
            Images
          </Link>{' '}
          /
        </nav>
        <h1 className="text-lg font-semibold">Layer map</h1>
        <input
          type="search"
          aria-label="Find an image on the map"
          placeholder="Find image (tag or id)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="h-8 w-52 rounded-md border border-line bg-panel px-3 text-sm outline-none focus:border-accent"
        />
        <label className="flex items-center gap-1.5 text-xs">
          <input type="checkbox" checked={hideIntermediate} onChange={(e) => setHideIntermediate(e.target.checked)} />
          Hide intermediate images
        </label>
        <label className="flex items-center gap-1.5 text-xs" title="Asks the engine to measure every container's read-write layer (a walk of each); without it they are drawn at the smallest width.">
          <input type="checkbox" checked={measure} onChange={(e) => setMeasure(e.target.checked)} />
          Measure container layers
          {measure && q.isFetching && <Spinner label="Measuring container layers" />}
        </label>
        <div className="flex items-center gap-1 text-xs" role="group" aria-label="Zoom">
          {[1, 2, 4, 8].map((z) => (
            <button key={z} type="button" aria-pressed={zoom === z} onClick={() => setZoom(z)} className={`rounded px-2 py-1 ${zoom === z ? 'bg-raised text-fg' : 'text-muted hover:text-fg'}`}>
              {z}×
            </button>
          ))}
        </div>
        <span className="ml-auto text-xs text-muted">
          {countNoun(graph.images.length - hidden.size, 'image')} · {countNoun(graph.layers.length, 'distinct layer')} · {countNoun(graph.containers.length)} · width ∝ bytes of a layer and all built on it
        </span>
      </header>
      {/* Side by side from md up; on a phone the selection panel goes below, so the map keeps the width. */}
      <div className="flex min-h-0 flex-1 flex-col md:flex-row">
        <div className="min-h-0 min-w-0 flex-1 overflow-auto p-4" data-testid="layer-map">
          <div className="relative" style={{ width: `${zoom * 100}%`, height: layout.rows * ROW }} role="group" aria-label="Layers, base at the bottom">
            {layout.boxes.map((b, i) => {
              const lit = isLit(b);
              const selected = (sel?.kind === b.kind && 'ref' in sel && sel.ref === b.ref) || (sel?.kind === 'image' && b.tops.includes(sel.id));
              const isContainer = b.kind === 'container';
              const { label, title, shared } = texts[i]!;
              return (
                <button
                  type="button"
                  key={`${b.kind}-${b.ref}`}
                  data-layer={isContainer ? undefined : b.ref}
                  data-shared={shared}
                  title={title}
                  onClick={() => setSel(b.tops.length && sel?.kind === 'layer' && sel.ref === b.ref ? { kind: 'image', id: b.tops[0]! } : { kind: b.kind, ref: b.ref })}
                  onDoubleClick={() => b.tops[0] && setSel({ kind: 'image', id: b.tops[0] })}
                  className={`absolute overflow-hidden border px-1 text-left text-[10px] leading-[22px] whitespace-nowrap ${
                    isContainer ? 'border-dashed border-success/80 bg-success/15' : shared > 1 ? 'border-line bg-accent/30' : 'border-line bg-raised'
                  } ${lit ? '' : 'opacity-25'} ${selected ? 'ring-2 ring-accent' : ''} ${b.tops.length ? 'font-semibold text-fg' : 'text-muted'}`}
                  style={{ left: `${b.x * 100}%`, width: `max(${b.w * 100}%, 3px)`, bottom: b.depth * ROW, height: ROW - 3 }}
                >
                  {b.w * zoom > 0.02 ? label : ''}
                </button>
              );
            })}
          </div>
        </div>
        <aside className="max-h-[45%] shrink-0 overflow-auto border-t border-line bg-panel p-4 md:max-h-none md:w-80 md:border-t-0 md:border-l" aria-label="Selection">
          <Details graph={graph} byId={byId} sel={sel} onPickImage={(id) => setSel({ kind: 'image', id })} />
          {graph.images.some((i) => i.repoTags.length) && (
            <div className="mt-6">
              <h3 className="text-xs font-semibold text-muted uppercase">Images</h3>
              <ul className="mt-1 max-h-80 overflow-auto text-xs" onScroll={(e) => onListScroll(e.currentTarget)}>
                {graph.images
                  .filter((i) => !hidden.has(i.id) && (!query || i.repoTags.some((t) => t.toLowerCase().includes(query.toLowerCase()))))
                  .slice(0, listLimit)
                  .map((i) => (
                    <li key={i.id}>
                      <button type="button" className={`truncate text-left hover:underline ${sel?.kind === 'image' && sel.id === i.id ? 'text-accent' : ''}`} onClick={() => setSel({ kind: 'image', id: i.id })}>
                        {imageName(byId, i.id)} <span className="text-muted">{formatBytes(i.uniqueSize)} own</span>
                      </button>
                    </li>
                  ))}
              </ul>
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}
