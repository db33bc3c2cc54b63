'use client';
import type { ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';
import { Spinner } from './spinner';

/**
 * The confirm pattern every destructive action uses: a dialog whose footer is Cancel plus one
 * action button (danger unless told otherwise). Callers keep their own words and body.
 */
export function ConfirmDialog({
  open,
  onClose,
  onCancel = onClose,
  cancelLabel,
  title,
  confirmLabel,
  onConfirm,
  disabled,
  variant = 'danger',
  confirmTestId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  /** What Cancel does; by default the same as closing the dialog. */
  onCancel?: () => void;
  /** Cancel's words when "Cancel" would be unclear (say, when the action itself cancels something). */
  cancelLabel?: ReactNode;
  title: string;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  variant?: 'danger' | 'primary';
  confirmTestId?: string;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      footer={<ConfirmFooter onCancel={onCancel} cancelLabel={cancelLabel} confirmLabel={confirmLabel} onConfirm={onConfirm} disabled={disabled} variant={variant} confirmTestId={confirmTestId} />}
    >
      {children}
    </Dialog>
  );
}

/** Cancel, then the one action: the footer of the confirm dialog and of every dialog that starts a task. */
export function ConfirmFooter({
  onCancel,
  cancelLabel = 'Cancel',
  confirmLabel,
  onConfirm,
  disabled,
  variant = 'danger',
  confirmTestId,
}: {
  onCancel: () => void;
  cancelLabel?: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  variant?: 'danger' | 'primary';
  confirmTestId?: string;
}) {
  return (
    <>
      <Button onClick={onCancel}>{cancelLabel}</Button>
      <Button variant={variant} disabled={disabled} onClick={onConfirm} data-testid={confirmTestId}>
        {confirmLabel}
      </Button>
    </>
  );
}

/** The loading and error lines of a prune/remove preview (what would go), before the dialog's own text. */
export function PreviewState({ preview, pendingText }: { preview: { isPending: boolean; error: Error | null }; pendingText: string }) {
  return (
    <>
      {preview.isPending && (
        <div className="flex items-center gap-2">
          <Spinner /> {pendingText}
        </div>
      )}
      {preview.error && <p role="alert" className="text-danger">{preview.error.message}</p>}
    </>
  );
}

/**
 * The scrolling list of what a prune would remove. Focusable, so a keyboard user can scroll a long
 * list too (WCAG 2.1.1; axe's scrollable-region-focusable once the list outgrows its height).
 */
export function PreviewList({ children, className = 'mt-3', label = 'What it removes' }: { children: ReactNode; className?: string; label?: string }) {
  return (
    <ul
      tabIndex={0}
      aria-label={label}
      className={`${className} max-h-56 overflow-auto rounded-md border border-line bg-surface text-xs focus:outline-none focus-visible:ring-2 focus-visible:ring-accent`.trim()}
    >
      {children}
    </ul>
  );
}
