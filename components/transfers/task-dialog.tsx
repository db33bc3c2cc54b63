'use client';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TaskStarted } from './task-started';

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
          <>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="primary" disabled={disabled || busy} onClick={onSubmit}>
              {busy && sent !== null ? `Uploading ${sent}%` : action}
            </Button>
          </>
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
