'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useContainer } from '@/hooks/use-containers';

/** The engine's raw inspect JSON, collapsible per top-level key and copyable whole. */
export function InspectJson({ id }: { id: string }) {
  const q = useContainer(id);
  const [open, setOpen] = useState<Set<string>>(new Set(['State', 'Config']));
  const [copied, setCopied] = useState(false);
  if (!q.data) return null;
  const raw = q.data.inspect as Record<string, unknown>;
  const text = JSON.stringify(raw, null, 2);
  return (
    <div className="p-6">
      <div className="mb-3 flex gap-2">
        <Button size="sm" onClick={() => void navigator.clipboard?.writeText(text).then(() => (setCopied(true), setTimeout(() => setCopied(false), 1200)))}>
          {copied ? 'Copied ✓' : 'Copy JSON'}
        </Button>
        <Button size="sm" onClick={() => setOpen(new Set(Object.keys(raw)))}>Expand all</Button>
        <Button size="sm" onClick={() => setOpen(new Set())}>Collapse all</Button>
      </div>
      <div className="rounded-lg border border-line bg-panel font-mono text-xs">
        {Object.entries(raw).map(([k, v]) => {
          const isOpen = open.has(k);
          const simple = v === null || typeof v !== 'object';
          return (
            <div key={k} className="border-b border-line/60 last:border-0">
              {simple ? (
                <div className="px-3 py-1.5">
                  <span className="text-info">&quot;{k}&quot;</span>: <span>{JSON.stringify(v)}</span>
                </div>
              ) : (
                <>
                  <button
                    type="button"
                    aria-expanded={isOpen}
                    className="w-full px-3 py-1.5 text-left hover:bg-raised"
                    onClick={() => setOpen((s) => { const n = new Set(s); if (n.has(k)) n.delete(k); else n.add(k); return n; })}
                  >
                    <span aria-hidden className="inline-block w-3">{isOpen ? '▾' : '▸'}</span>
                    <span className="text-info">&quot;{k}&quot;</span>: {Array.isArray(v) ? `[${v.length}]` : '{…}'}
                  </button>
                  {isOpen && <pre className="overflow-auto px-6 pb-2 whitespace-pre-wrap break-all">{JSON.stringify(v, null, 2)}</pre>}
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
