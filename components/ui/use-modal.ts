'use client';
import { useEffect, useRef } from 'react';

/**
 * Drives a native <dialog> as a modal from an `open` prop, and says when its `close` event means the
 * person closed it (Escape).
 *
 * The browser fires `close` in a task of its own after `close()`. A click that reopens the dialog can
 * run before that task (input runs ahead of other tasks on a busy page): say a dialog closed by its own
 * Connect and the row's "Connect…" clicked again at once. The late event must not close the dialog it
 * finds open again, so `onCloseEvent` ignores a close event while the dialog is open.
 */
export function useModal(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const onCloseEvent = () => {
    if (ref.current?.open) return;
    onClose();
  };
  return { ref, onCloseEvent };
}
