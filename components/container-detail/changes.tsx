'use client';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useContainerChanges } from '@/hooks/use-images';
import { formatBytes } from '@/lib/format/bytes';
import { buildChangeTree, type ChangeNode } from '@/lib/images/change-tree';
import type { ChangeKind } from '@/lib/protocol/images';

const kindStyle: Record<ChangeKind, { label: string; cls: string }> = {
  A: { label: 'added', cls: 'text-success' },
  C: { label: 'changed', cls: 'text-warning' },
  D: { label: 'deleted', cls: 'text-danger' },
};

function Counts({ counts }: { counts: Record<ChangeKind, number> }) {
  return (
    <span className="text-[11px]">
      {(['A', 'C', 'D'] as const).map((k) =>
        counts[k] ? (
          <span key={k} className={`ml-2 ${kindStyle[k].cls}`}>
            {k} {counts[k]}
          </span>
        ) : null,
      )}
    </span>
  );
}

function Node({ node, depth, open, toggle }: { node: ChangeNode; depth: number; open: Set<string>; toggle: (p: string) => void }) {
  const isOpen = open.has(node.path);
  const hasKids = node.children.length > 0;
  return (
    <li>
      <div className="flex items-center gap-1 py-0.5 font-mono text-xs" style={{ paddingLeft: depth * 16 }}>
        {hasKids ? (
          <button type="button" className="w-4 text-muted" aria-expanded={isOpen} aria-label={`${isOpen ? 'Collapse' : 'Expand'} ${node.path}`} onClick={() => toggle(node.path)}>
            {isOpen ? '▾' : '▸'}
          </button>
        ) : (
          <span className="w-4" />
        )}
        {node.kind ? (
          <span className={`w-4 font-semibold ${kindStyle[node.kind].cls}`} title={kindStyle[node.kind].label}>
            {node.kind}
          </span>
        ) : (
          <span className="w-4" />
        )}
        <span className={node.kind === 'D' ? 'line-through' : ''}>{node.name}</span>
        {hasKids && <Counts counts={node.counts} />}
      </div>
      {hasKids && isOpen && (
        <ul>
          {node.children.map((c) => (
            <Node key={c.path} node={c} depth={depth + 1} open={open} toggle={toggle} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The container's read-write layer (`docker diff`) as a tree. The engine walks the container's and
 * the image's filesystems for this (seconds on overlay2), so it runs only when asked.
 */
export function ContainerChanges({ id }: { id: string }) {
  const [asked, setAsked] = useState(false);
  const q = useContainerChanges(id, asked);
  const tree = useMemo(() => (q.data ? buildChangeTree(q.data.changes) : null), [q.data]);
  const [open, setOpen] = useState<Set<string>>(new Set(['/']));
  const toggle = (p: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(p)) n.delete(p);
      else n.add(p);
      return n;
    });

  return (
    <div className="p-6">
      <p className="mb-3 max-w-3xl text-xs text-muted">
        A container is its image's read-only layers plus one thin read-write layer on top. Writing a file copies it up into that layer (copy-on-write); deleting one leaves a
        “whiteout”. This is what <code className="font-mono">docker diff</code> shows: <span className="text-success">A</span>dded, <span className="text-warning">C</span>hanged and{' '}
        <span className="text-danger">D</span>eleted paths. Volumes are not part of it. <code className="font-mono">docker commit</code> turns this layer into a new image layer.
      </p>
      {!asked ? (
        <Button variant="primary" onClick={() => setAsked(true)}>
          Show changes
        </Button>
      ) : q.isPending ? (
        <div className="flex items-center gap-2 text-sm text-muted" role="status">
          <Spinner /> The engine is comparing the container's filesystem with its image (this takes a few seconds)…
        </div>
      ) : q.error ? (
        <EmptyState tone="error" title="Could not read the changes" action={<Button onClick={() => void q.refetch()}>Try again</Button>}>
          {q.error.message}
        </EmptyState>
      ) : tree && q.data ? (
        <div>
          <div className="mb-3 flex items-center gap-3 text-sm" data-testid="changes-summary">
            <span>
              {q.data.changes.length} changed paths
              <Counts counts={tree.counts} />
            </span>
            {q.data.sizeRw !== null && <span className="text-muted">read-write layer: {formatBytes(q.data.sizeRw)}</span>}
            <Button size="sm" variant="ghost" onClick={() => void q.refetch()} disabled={q.isFetching}>
              {q.isFetching ? 'Comparing…' : 'Refresh'}
            </Button>
          </div>
          {q.data.changes.length === 0 ? (
            <p className="text-sm text-muted">Nothing changed: the container's filesystem is exactly its image's.</p>
          ) : (
            <ul aria-label="Changed paths" className="rounded-md border border-line bg-surface p-2">
              {tree.children.map((c) => (
                <Node key={c.path} node={c} depth={0} open={open} toggle={toggle} />
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
