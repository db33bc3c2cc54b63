'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { fetchRunSpec } from '@/hooks/use-run';
import { formatRunLine } from '@/lib/protocol/run/run-line';

const linkClass = 'inline-flex h-7 items-center rounded-md border border-line bg-raised px-2 text-xs font-medium text-fg hover:bg-hover';

/** "Copy as docker run", "Duplicate" and "Edit" for one container (its page's header). */
export function ContainerRunButtons({ id }: { id: string }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const q = `from=${encodeURIComponent(id)}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        title="The docker run line that makes this container again (only what differs from its image)"
        onClick={() =>
          void fetchRunSpec(id)
            .then(({ spec }) => navigator.clipboard.writeText(formatRunLine(spec)))
            .then(() => {
              setState({ kind: 'copied' });
              setTimeout(() => setState({ kind: 'idle' }), 1500);
            })
            .catch((err: Error) => setState({ kind: 'error', message: err.message }))
        }
      >
        {state.kind === 'copied' ? '✓ Copied' : 'Copy as docker run'}
      </Button>
      <Link className={linkClass} href={`/containers/new?${q}`}>
        Duplicate
      </Link>
      <Link className={linkClass} href={`/containers/new?${q}&edit=1`}>
        Edit…
      </Link>
      {state.kind === 'error' && (
        <span role="alert" className="text-xs text-danger">
          {state.message}
        </span>
      )}
    </div>
  );
}
