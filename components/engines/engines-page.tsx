'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToasts } from '@/components/ui/toasts';
import { useEngineAdmin } from '@/hooks/use-engines';
import { useEngineStatus } from '@/hooks/use-mux';
import type { SavedEngine } from '@/lib/protocol/engine-address';
import type { EngineInfo } from '@/lib/protocol/engines';
import { EngineCardGrid } from './engine-card';
import { EngineForm } from './engine-form';

/** Where a read-only engine is defined, and how to change it there. */
function Origin({ info }: { info: EngineInfo }) {
  if (info.source === 'added') return null;
  const where = info.source === 'default' ? 'the default engine (DOCKER_HOST, the current docker context or the default socket)' : (info.origin ?? info.source);
  return (
    <p data-testid="engine-card-origin" className="text-xs text-muted">
      From {where}: read-only here{info.source === 'context' ? ' — change it with docker context update' : ''}.
    </p>
  );
}

/**
 * The /engines page: every engine with where it comes from; the ones added here can be edited and
 * removed, and new ones added (checked before they are saved). Engines from docker contexts or the
 * environment are shown read-only with their origin.
 */
export function EnginesPage() {
  const readOnly = useEngineStatus()?.readOnly ?? false;
  const toasts = useToasts();
  const { remove } = useEngineAdmin();
  const [form, setForm] = useState<{ editing?: EngineInfo } | null>(null);
  const [removing, setRemoving] = useState<EngineInfo | null>(null);

  const done = (saved: SavedEngine, verb: string) => {
    setForm(null);
    toasts.show({ tone: saved.answered ? 'success' : 'info', title: `Engine ${saved.name} ${verb}`, detail: saved.answered ? `${saved.product ?? 'Engine'} ${saved.version ?? ''} answered.` : `Saved, but it did not answer: ${saved.error ?? ''}` });
  };

  return (
    <div className="flex flex-col gap-4 p-4 sm:p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Engines</h1>
        {!form && (
          <Button variant="primary" size="sm" className="ml-auto" data-testid="add-engine" disabled={readOnly} title={readOnly ? 'Read-only mode' : undefined} onClick={() => setForm({})}>
            Add an engine…
          </Button>
        )}
      </div>
      <p className="max-w-3xl text-sm text-fg-soft">
        Every engine Dockside can reach: the default one, your docker contexts, DOCKSIDE_ENGINES, and those added here (kept in Dockside&apos;s config directory, TLS keys included, in a file only its user can read).
      </p>
      {form && (
        <EngineForm key={form.editing?.name ?? '+'} editing={form.editing} readOnly={readOnly} onDone={(s) => done(s, form.editing ? 'saved' : 'added')} onCancel={() => setForm(null)} />
      )}
      <EngineCardGrid
        extra={(e) => (
          <>
            <Origin info={e} />
            {e.source === 'added' && (
              <div className="flex flex-wrap items-center gap-2 border-t border-line pt-2">
                <span className="text-xs text-muted">Added in Dockside{e.added?.tls?.key ? ' · client key: set' : ''}</span>
                <Button size="sm" className="ml-auto" data-testid={`edit-engine-${e.name}`} disabled={readOnly} onClick={() => setForm({ editing: e })}>
                  Edit…
                </Button>
                <Button size="sm" variant="danger" data-testid={`remove-engine-${e.name}`} disabled={readOnly} onClick={() => setRemoving(e)}>
                  Remove…
                </Button>
              </div>
            )}
          </>
        )}
      />
      <ConfirmDialog
        open={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title={`Remove engine ${removing?.name ?? ''}?`}
        confirmLabel={remove.isPending ? 'Removing…' : 'Remove from Dockside'}
        confirmTestId="confirm-remove-engine"
        disabled={remove.isPending}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.name, {
            onSuccess: () => {
              toasts.show({ tone: 'success', title: `Engine ${removing.name} removed` });
              setRemoving(null);
            },
          })
        }
      >
        <p>Dockside forgets this engine and its stored settings (TLS key included). The engine itself, its containers and images are not touched.</p>
        {remove.error && (
          <p role="alert" className="mt-2 text-danger">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
