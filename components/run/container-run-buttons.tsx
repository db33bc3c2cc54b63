'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { fetchRunSpec } from '@/hooks/use-run';
import { formatRunLine } from '@/lib/protocol/run/run-line';
import { runFormHref } from '@/lib/ui/run-form-href';

// The same size as the header's other actions (ActionBar's buttons).
const linkClass = buttonClasses('secondary', 'md');

/** "Copy as docker run", "Duplicate" and "Edit" for one container (its page's header). */
export function ContainerRunButtons({ id }: { id: string }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
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
      <Link className={linkClass} href={runFormHref({ container: id })}>
        Duplicate
      </Link>
      <Link className={linkClass} href={runFormHref({ container: id, edit: true })}>
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
