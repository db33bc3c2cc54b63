'use client';
import '@xterm/xterm/css/xterm.css';
import type { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useConnectionState, useMux } from '@/hooks/use-mux';
import { cssToken, useTheme } from '@/hooks/use-theme';
import { MuxAttachAddon, type SessionState } from './mux-attach-addon';

export type TerminalTabSpec = { kind: 'exec'; cmd?: string[]; user?: string; workdir?: string } | { kind: 'attach' };

const ansiNames = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** xterm draws on a canvas: its colours are read from the theme tokens (app/globals.css). */
function xtermTheme() {
  const theme: Record<string, string> = {
    background: cssToken('--term-bg'),
    foreground: cssToken('--fg'),
    cursor: cssToken('--accent'),
    selectionBackground: `${cssToken('--accent')}55`,
  };
  ansiNames.forEach((n, i) => {
    theme[n] = cssToken(`--ansi-${i}`);
    theme[`bright${cap(n)}`] = cssToken(`--ansi-${i + 8}`);
  });
  return theme;
}

/** The documented way out of the terminal (WCAG 2.1.2): shells need Tab and Escape, so they stay the shell's. */
export const LEAVE_HINT = 'Ctrl+] then Tab leaves the terminal (Shift+Tab goes back); Ctrl+] twice sends Ctrl+]';

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Moves focus to the next (or previous) focusable element outside `box`, in document order. */
function focusOutside(box: HTMLElement, dir: 1 | -1) {
  const all = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  const inside = (el: HTMLElement) => box.contains(el);
  const firstInside = all.findIndex(inside);
  let lastInside = -1;
  all.forEach((el, i) => inside(el) && (lastInside = i));
  // Past the end of the page, wrap around (as Tab does), so there is always somewhere to go.
  const after = all.slice(lastInside + 1).concat(all.slice(0, Math.max(firstInside, 0)));
  const before = all.slice(0, Math.max(firstInside, 0)).reverse().concat(all.slice(lastInside + 1).reverse());
  (dir === 1 ? after : before).find((el) => !inside(el))?.focus();
}

/**
 * Keys the terminal handles itself: Ctrl+] arms "leave" (the next Tab/Shift+Tab moves focus out of
 * the terminal; a second Ctrl+] sends one to the shell; any other key disarms); Ctrl+Shift+C copies
 * the selection, Ctrl+Shift+V pastes (Cmd+C / Cmd+V work natively on macOS).
 */
function terminalKeys(term: Terminal, box: HTMLElement, onArmed: (armed: boolean) => void) {
  let armed = false;
  const arm = (v: boolean) => {
    armed = v;
    onArmed(v);
  };
  return (e: KeyboardEvent): boolean => {
    if (e.type !== 'keydown') return !(armed && e.key === 'Tab');
    if (armed && !['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) {
      arm(false);
      if (e.key === 'Tab') {
        e.preventDefault();
        focusOutside(box, e.shiftKey ? -1 : 1);
        return false;
      }
      if (e.ctrlKey && e.code === 'BracketRight') return true;
    } else if (!armed && e.ctrlKey && !e.shiftKey && !e.altKey && e.code === 'BracketRight') {
      e.preventDefault();
      arm(true);
      return false;
    }
    if (!e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC') {
      const selection = term.getSelection();
      if (selection) void navigator.clipboard?.writeText(selection).catch(() => undefined);
      e.preventDefault();
      return false;
    }
    // Not handled by xterm (it would send ^V): the browser's own paste reaches xterm's textarea.
    if (e.code === 'KeyV') return false;
    return true;
  };
}

/**
 * One terminal: xterm.js (loaded only here, on demand) over a mux channel. The same xterm stays
 * across sessions, so "New session" keeps the scrollback of the last one above the new prompt.
 */
export function TerminalView({ container, spec, active, canStart }: { container: string; spec: TerminalTabSpec; active: boolean; canStart: boolean }) {
  const mux = useMux();
  const connection = useConnectionState();
  const hostRef = useRef<HTMLDivElement>(null);
  const [term, setTerm] = useState<{ term: Terminal; fit: () => void } | null>(null);
  const [session, setSession] = useState(0);
  const [write, setWrite] = useState(false);
  const [state, setState] = useState<SessionState>({ status: 'connecting' });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const themeName = useTheme();
  const input = spec.kind === 'exec' || write;

  // The terminal itself, once: xterm is imported here so no other page's bundle carries it.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let cleanup = () => undefined as void;
    Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]).then(
      ([{ Terminal }, { FitAddon }]) => {
        if (disposed) return;
        const t = new Terminal({
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
          fontSize: 13,
          cursorBlink: true,
          scrollback: 5000,
          theme: xtermTheme(),
        });
        const fit = new FitAddon();
        t.loadAddon(fit);
        // No clipboard addon is loaded; this also swallows OSC 52 so no program in a container can
        // write to this machine's clipboard.
        t.parser.registerOscHandler(52, () => true);
        t.attachCustomKeyEventHandler(terminalKeys(t, host, setLeaving));
        t.open(host);
        // A hidden tab has no size; fitting it would shrink the terminal to nothing.
        const fitIfVisible = () => {
          if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
        };
        let frame = 0;
        const refit = () => {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(fitIfVisible);
        };
        fitIfVisible();
        const observer = new ResizeObserver(refit);
        observer.observe(host);
        setTerm({ term: t, fit: fitIfVisible });
        cleanup = () => {
          cancelAnimationFrame(frame);
          observer.disconnect();
          t.dispose();
        };
      },
      (err: unknown) => setLoadError((err as Error).message),
    );
    return () => {
      disposed = true;
      cleanup();
    };
  }, []);

  useEffect(() => {
    if (term) term.term.options.theme = xtermTheme();
  }, [term, themeName]);

  // One session per (session, write): a new exec process, or a fresh attach.
  useEffect(() => {
    if (!term || !mux) return;
    term.term.options.disableStdin = !input;
    term.fit();
    const addon = new MuxAttachAddon(mux, {
      input,
      onState: (next) => {
        // An attached screen stays empty until the process prints: say what it is.
        if (next.status === 'open' && spec.kind === 'attach') term.term.write('\x1b[2m[attached to the main process: its output appears here as it is printed]\x1b[0m\r\n');
        setState(next);
      },
      spec: ({ cols, rows }) =>
        spec.kind === 'exec'
          ? { kind: 'exec', params: { container, cmd: spec.cmd, user: spec.user, workdir: spec.workdir, cols, rows } }
          : { kind: 'attach', params: { container, write, cols, rows } },
    });
    term.term.loadAddon(addon);
    return () => addon.dispose();
  }, [term, mux, container, spec, session, write, input]);

  useEffect(() => {
    if (!active || !term) return;
    requestAnimationFrame(() => {
      term.fit();
      term.term.focus();
    });
  }, [active, term]);

  // The cursor goes with the session, so a finished terminal does not look like it waits for input.
  const ended = state.status !== 'open' && state.status !== 'connecting';
  useEffect(() => {
    if (ended) term?.term.write('\x1b[?25l');
  }, [ended, term]);

  const restart = () => {
    term?.term.write('\r\n\x1b[2m──── new session ────\x1b[0m\r\n\x1b[?25h');
    setSession((n) => n + 1);
  };

  return (
    <div className={`flex min-h-0 flex-1 flex-col ${active ? '' : 'hidden'}`}>
      <div className="flex min-h-9 flex-wrap items-center gap-3 border-b border-line bg-panel px-3 py-0.5 text-xs">
        <SessionStatus state={state} kind={spec.kind} />
        {spec.kind === 'attach' && (
          <>
            <label className="flex items-center gap-1.5 text-fg-soft">
              <input type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} className="accent-accent" />
              Send input
            </label>
            <span className="text-muted">{write ? 'Keystrokes go to the container’s main process.' : 'Read-only: keystrokes are not sent.'} Detaching never stops the container.</span>
          </>
        )}
        <div className="ml-auto flex items-center gap-2">
          <span data-testid="terminal-leave-hint" className={leaving ? 'font-medium text-accent' : 'text-muted'} aria-live="polite">
            {leaving ? 'Press Tab or Shift+Tab to leave the terminal' : LEAVE_HINT}
          </span>
          {ended && (
            <Button
              size="sm"
              variant="primary"
              onClick={restart}
              disabled={!canStart || connection !== 'open'}
              title={!canStart ? 'The container is not running.' : connection !== 'open' ? 'Waiting for the connection to Dockside…' : undefined}
            >
              {spec.kind === 'exec' ? 'New session' : 'Attach again'}
            </Button>
          )}
        </div>
      </div>
      {loadError && (
        <p role="alert" className="px-3 py-2 text-sm text-danger">
          The terminal could not load: {loadError}
        </p>
      )}
      <div className="relative min-h-0 flex-1 bg-term-bg p-2">
        <div ref={hostRef} className="h-full w-full" data-testid="terminal" aria-description={LEAVE_HINT} />
      </div>
    </div>
  );
}

function SessionStatus({ state, kind }: { state: SessionState; kind: TerminalTabSpec['kind'] }) {
  switch (state.status) {
    case 'connecting':
      return (
        <span className="flex items-center gap-2 text-muted">
          <Spinner label="Connecting" /> {kind === 'exec' ? 'Starting…' : 'Attaching…'}
        </span>
      );
    case 'open':
      return (
        <span className="flex items-center gap-1.5 text-success">
          <span className="h-2 w-2 rounded-full bg-success" aria-hidden /> {kind === 'exec' ? 'Running' : 'Attached'}
        </span>
      );
    case 'ended':
      return (
        <span role="status" className="flex items-center gap-1.5 text-fg-soft">
          <span className="h-2 w-2 rounded-full bg-muted" aria-hidden />
          {state.reason === 'exited' ? (state.exitCode === undefined ? 'Exited' : `Exited (code ${state.exitCode})`) : (state.message ?? 'Ended')}
        </span>
      );
    case 'error':
      return (
        <span role="alert" className="flex items-center gap-1.5 text-danger">
          <span className="h-2 w-2 rounded-full bg-danger" aria-hidden /> {state.message}
        </span>
      );
    case 'disconnected':
      return (
        <span role="alert" className="flex items-center gap-1.5 text-warning">
          <span className="h-2 w-2 rounded-full bg-warning" aria-hidden /> Connection to Dockside lost; the session ended.
        </span>
      );
  }
}
