'use client';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';

// The toast store: hooks (a container action's outcome) and components both post toasts; the
// ToastProvider in components/ui/toasts.tsx holds this state and renders it.

export type ToastTone = 'info' | 'success' | 'error' | 'progress';
export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail?: string;
}

export interface ToastApi {
  /** Shows a toast; returns its id so a progress toast can later be replaced by its outcome. */
  show(t: Omit<Toast, 'id'>, replaceId?: number): number;
  dismiss(id: number): void;
}

export const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;

/** The toasts on screen (the last five) and the API that changes them; outcomes fade, progress stays. */
export function useToastStore(): { toasts: Toast[]; api: ToastApi } {
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
  return { toasts, api };
}

export function useToasts(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error('useToasts outside ToastProvider');
  return ctx;
}
