'use client';
import Link from 'next/link';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useDismiss } from '@/hooks/use-dismiss';
import { useToasts } from '@/hooks/use-toasts';
import { subscribeEngineEvents } from '@/hooks/engine-events';
import { useMux } from '@/hooks/use-mux';
import { AlertDetector, type ContainerAlert } from '@/lib/format/alerts';
import { timeAgo } from '@/lib/format/time';

const KEEP = 50;

interface AlertsApi {
  alerts: ContainerAlert[];
  unread: number;
  markRead(): void;
}
const AlertsContext = createContext<AlertsApi>({ alerts: [], unread: 0, markRead: () => undefined });

const permission = () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
function usePermission() {
  const [p, setP] = useState<string>('default');
  useEffect(() => setP(permission()), []);
  return [p, setP] as const;
}

/**
 * Containers that die unexpectedly (lib/format/alerts.ts) raise a toast in every open tab — each
 * tab follows the engine's events itself — and, when the user allowed it, a browser notification
 * (tagged by the occurrence, so several tabs make one). No polling. The bell lists recent ones.
 */
export function AlertsProvider({ children }: { children: ReactNode }) {
  const mux = useMux();
  const toasts = useToasts();
  const [alerts, setAlerts] = useState<ContainerAlert[]>([]);
  const [unread, setUnread] = useState(0);
  const toastsRef = useRef(toasts);
  toastsRef.current = toasts;

  useEffect(() => {
    if (!mux) return;
    const detector = new AlertDetector();
    // Events replayed on reconnect (older than this tab's session) only feed the detector's memory.
    const since = Date.now() - 5_000;
    return subscribeEngineEvents(mux, {
      onEvent(event) {
        const alert = detector.feed(event);
        if (!alert || alert.time < since) return;
        setAlerts((a) => [alert, ...a.filter((x) => x.key !== alert.key)].slice(0, KEEP));
        setUnread((n) => n + 1);
        toastsRef.current.show({ tone: 'error', title: alert.title, detail: alert.detail });
        if (permission() === 'granted') {
          try {
            new Notification(`Dockside: ${alert.title}`, { body: alert.detail ?? '', tag: alert.key });
          } catch {
            // Some browsers allow notifications only from a service worker; the toast is enough.
          }
        }
      },
    });
  }, [mux]);

  return <AlertsContext.Provider value={{ alerts, unread, markRead: () => setUnread(0) }}>{children}</AlertsContext.Provider>;
}

/** The bell: how many alerts arrived since it was last opened, and the list of recent ones. */
export function AlertsBell({ labelClassName = '' }: { labelClassName?: string }) {
  const { alerts, unread, markRead } = useContext(AlertsContext);
  const [open, setOpen] = useState(false);
  const [perm, setPerm] = usePermission();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useDismiss(open, () => setOpen(false), button, panel);
  useEffect(() => {
    if (!open) return;
    markRead();
    panel.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- markRead is stable in effect
  }, [open]);

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        data-testid="alerts-bell"
        aria-expanded={open}
        aria-label={unread ? `Notifications: ${unread} new` : 'Notifications'}
        title="Containers that died unexpectedly"
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-8 w-full items-center gap-2 rounded-md px-2 text-sm text-fg-soft hover:bg-raised"
      >
        <span aria-hidden className="relative w-4 text-center">
          <svg viewBox="0 0 16 16" className="inline h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.4">
            <path d="M8 2a4 4 0 0 0-4 4v2.5L2.5 11h11L12 8.5V6a4 4 0 0 0-4-4ZM6.5 13a1.5 1.5 0 0 0 3 0" />
          </svg>
          {unread > 0 && <span className="absolute -top-1 -right-1.5 rounded-full bg-danger-solid px-1 text-[10px] leading-4 text-white">{unread > 9 ? '9+' : unread}</span>}
        </span>
        <span className={labelClassName}>Notifications</span>
      </button>
      {open && (
        <div
          ref={panel}
          tabIndex={-1}
          role="region"
          aria-label="Notifications"
          className="fixed bottom-16 left-2 z-50 w-[min(24rem,calc(100vw-1rem))] rounded-lg border border-line bg-raised p-3 text-sm shadow-2xl focus:outline-none sm:left-16 xl:left-52"
        >
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 className="font-semibold">Notifications</h2>
            {perm === 'default' && (
              <button type="button" className="text-xs text-accent hover:underline" onClick={() => void Notification.requestPermission().then(setPerm)}>
                Also notify me in the browser
              </button>
            )}
            {perm === 'denied' && <span className="text-xs text-muted">Browser notifications are blocked for this site.</span>}
          </div>
          {alerts.length === 0 ? (
            <p className="py-4 text-center text-muted">Nothing has died unexpectedly since this tab opened.</p>
          ) : (
            <ul className="max-h-80 overflow-auto">
              {alerts.map((a) => (
                <li key={a.key} className="border-t border-line/60 py-2 first:border-0">
                  <Link href={`/containers/${encodeURIComponent(a.name)}/logs`} className="font-medium text-fg hover:text-accent hover:underline" onClick={() => setOpen(false)}>
                    {a.title}
                  </Link>
                  <div className="text-xs text-muted">
                    {timeAgo(Math.floor(a.time / 1000))}
                    {a.detail ? ` · ${a.detail}` : ''}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
