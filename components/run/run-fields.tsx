'use client';
import { useId, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/** Small building blocks of the run form: labelled inputs, a field's error, and row lists. */

export const inputClass = 'h-8 w-full rounded-md border border-line bg-surface px-2 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none';

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-danger">
      {message}
    </p>
  );
}

/** A label above one input; the input gets the id and is described by the error. */
export function Field({ label, hint, error, children }: { label: string; hint?: ReactNode; error?: string; children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode }) {
  const id = useId();
  const errId = `${id}-err`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-fg-soft">
        {label}
      </label>
      {children({ id, ...(error ? { 'aria-describedby': errId, 'aria-invalid': true } : {}) })}
      {hint && <p className="mt-1 text-xs text-muted">{hint}</p>}
      <FieldError id={errId} message={error} />
    </div>
  );
}

export function Check({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  return (
    <label className="flex items-start gap-2 text-sm text-fg-soft" title={hint}>
      <input type="checkbox" className="mt-0.5 accent-accent" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        {hint && <span className="block text-xs text-muted">{hint}</span>}
      </span>
    </label>
  );
}

/** A titled group of the form, with its error under the title. */
export function Section({ title, error, children, actions }: { title: string; error?: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-lg border border-line bg-panel p-4">
      <div className="mb-3 flex items-center gap-2">
        <h2 id={id} className="text-sm font-semibold">
          {title}
        </h2>
        <div className="ml-auto flex gap-2">{actions}</div>
      </div>
      {error && (
        <p role="alert" className="mb-2 rounded border border-danger/40 bg-danger/10 px-2 py-1 text-xs text-danger">
          {error}
        </p>
      )}
      {children}
    </section>
  );
}

/** A list of rows with add and remove; `render` draws one row's inputs. */
export function Rows<T>({ items, onChange, blank, render, addLabel, empty }: { items: T[]; onChange: (items: T[]) => void; blank: () => T; render: (item: T, set: (item: T) => void, index: number) => ReactNode; addLabel: string; empty: string }) {
  return (
    <div className="flex flex-col gap-2">
      {items.length === 0 && <p className="text-xs text-muted">{empty}</p>}
      {items.map((item, i) => (
        <div key={i} className="flex items-start gap-2">
          <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">{render(item, (next) => onChange(items.map((x, j) => (j === i ? next : x))), i)}</div>
          <Button size="sm" variant="ghost" aria-label={`Remove row ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
            ✕
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" onClick={() => onChange([...items, blank()])}>
          + {addLabel}
        </Button>
      </div>
    </div>
  );
}
