'use client';
import type { ReactNode } from 'react';
import { ToastContext, useToastStore, type ToastTone } from '@/hooks/use-toasts';

// The store lives in hooks/use-toasts.ts (hooks post toasts too); this renders it.
export { useToasts, type ToastApi, type ToastTone } from '@/hooks/use-toasts';

const toneClass: Record<ToastTone, string> = {
  info: 'border-line',
  progress: 'border-accent/60',
  success: 'border-success/70',
  error: 'border-danger/70',
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const { toasts, api } = useToastStore();
  const { dismiss } = api;
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
        {toasts.map((t) => (
          <div key={t.id} role={t.tone === 'error' ? 'alert' : 'status'} data-tone={t.tone} className={`pointer-events-auto rounded-md border bg-raised px-3 py-2 shadow-lg ${toneClass[t.tone]}`}>
            <div className="flex items-start gap-2">
              <span aria-hidden className="mt-0.5 text-xs">
                {t.tone === 'success' ? '✓' : t.tone === 'error' ? '✕' : t.tone === 'progress' ? '…' : 'i'}
              </span>
              <div className="min-w-0 flex-1">
                <div className="text-sm font-medium break-words">{t.title}</div>
                {t.detail && <div className="mt-0.5 text-xs break-words text-muted">{t.detail}</div>}
              </div>
              <button type="button" aria-label="Dismiss" className="text-xs text-muted hover:text-fg" onClick={() => dismiss(t.id)}>
                ✕
              </button>
            </div>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
