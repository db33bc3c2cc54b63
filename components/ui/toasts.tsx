'use client';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type ToastTone = 'info' | 'success' | 'error' | 'progress';
interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail?: string;
}

interface ToastApi {
  /** Shows a toast; returns its id so a progress toast can later be replaced by its outcome. */
  show(t: Omit<Toast, 'id'>, replaceId?: number): number;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;

const toneClass: Record<ToastTone, string> = {
  info: 'border-line',
  progress: 'border-accent/60',
  success: 'border-success/70',
  error: 'border-danger/70',
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (t: Omit<Toast, 'id'>, replaceId?: number) => {
      const id = replaceId ?? nextId++;
      setToasts((ts) => [...ts.filter((x) => x.id !== id), { ...t, id }].slice(-5));
      if (t.tone !== 'progress') setTimeout(() => dismiss(id), t.tone === 'error' ? 8000 : 3500);
      return id;
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);
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

export function useToasts(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error('useToasts outside ToastProvider');
  return ctx;
}
