'use client';
import type { InputHTMLAttributes, ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmFooter } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { fieldClass, labelClass, TaskStarted } from './task-started';

/**
 * A dialog that starts a server task: the form until the task starts (Cancel + the action), then
 * the task's live progress (Close). `sent` is the upload percent while an upload runs.
 */
export function TaskDialog({
  open,
  onClose,
  title,
  task,
  busy,
  sent = null,
  disabled,
  onSubmit,
  action,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  task: string | null;
  busy: boolean;
  sent?: number | null;
  disabled: boolean;
  onSubmit: () => void;
  action: string;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      footer={
        task ? (
          <Button onClick={onClose}>Close</Button>
        ) : (
          <ConfirmFooter onCancel={onClose} variant="primary" disabled={disabled || busy} onConfirm={onSubmit} confirmLabel={busy && sent !== null ? `Uploading ${sent}%` : action} />
        )
      }
    >
      {task ? <TaskStarted id={task} /> : children}
    </Dialog>
  );
}

/** Why the task did not start. */
export function TaskError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-danger">
      {error}
    </p>
  );
}

/** A task dialog's form: Enter submits it as the action button does; why the task did not start, last. */
export function TaskForm({ onSubmit, error, children }: { onSubmit: () => void; error: string | null; children: ReactNode }) {
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <TaskError error={error} />
    </form>
  );
}

/** One labelled text input of a task form (names and references: no spell checking). */
export function TextField({
  label,
  value,
  onChange,
  ...input
}: { label: ReactNode; value: string; onChange: (value: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'>) {
  return (
    <label className={labelClass}>
      {label}
      <input className={fieldClass} value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} {...input} />
    </label>
  );
}
