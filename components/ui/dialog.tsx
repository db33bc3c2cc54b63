'use client';
import type { ReactNode } from 'react';
import { useModal } from './use-modal';

/**
 * A modal on the native <dialog>: the browser gives us the focus trap, Escape to close and the
 * backdrop, so keyboard users get what they expect for free.
 */
export function Dialog({ open, onClose, title, children, footer }: { open: boolean; onClose: () => void; title: string; children: ReactNode; footer: ReactNode }) {
  const { ref, onCloseEvent } = useModal(open, () => {
    onClose();
    // The browser gives focus back to what had it before; when that is gone (a row's button
    // replaced by a spinner, a removed row), the main region takes it rather than <body>.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) document.getElementById('main')?.focus();
    });
  });
  return (
    <dialog
      ref={ref}
      onClose={onCloseEvent}
      onClick={(e) => e.target === ref.current && onClose()}
      aria-labelledby="dialog-title"
      className="m-auto w-[min(34rem,92vw)] rounded-lg border border-line bg-panel p-0 text-fg shadow-2xl"
    >
      {open && (
        <div className="p-5">
          <h2 id="dialog-title" className="text-base font-semibold">
            {title}
          </h2>
          <div className="mt-3 text-sm text-fg-soft">{children}</div>
          <div className="mt-5 flex justify-end gap-2">{footer}</div>
        </div>
      )}
    </dialog>
  );
}
