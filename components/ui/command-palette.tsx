'use client';
import { useRouter } from 'next/navigation';
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isTypingTarget, shortcuts } from '@/lib/ui/shortcuts';
import type { PaletteCommand } from './command-palette-list';
import { useModal } from './use-modal';

// cmdk is not needed to show any page, so it is not in the first-load JS: it is fetched right after
// the shell mounts (preloadPaletteList), and by the time someone presses Ctrl+K it is there.
let paletteList: Promise<typeof import('./command-palette-list')> | null = null;
const preloadPaletteList = () => (paletteList ??= import('./command-palette-list'));
const PaletteList = lazy(preloadPaletteList);

/**
 * Ctrl+K command palette and the `?` shortcut list.
 *
 * Entries come from a registry, two ways:
 * - Sources that are always there (pages, containers; images, volumes… as they land) are hooks
 *   listed in `components/shell/command-sources.tsx`: `(open) => PaletteCommand[]`. Add one line
 *   there for a new resource; fetch only while `open` is true.
 * - A page adds entries that only make sense while it is shown with
 *   `usePaletteCommands('web1', [...])` (removed again when it unmounts).
 * A command either navigates (`href`) or runs (`run`); `keywords` widen what typing matches.
 */
export type { PaletteCommand } from './command-palette-list';

type Source = (open: boolean) => PaletteCommand[];

interface Registry {
  register(key: string, commands: PaletteCommand[]): () => void;
  openPalette(): void;
}
const RegistryContext = createContext<Registry | null>(null);

/** Adds page-specific entries to the palette while the calling component is mounted. */
export function usePaletteCommands(key: string, commands: PaletteCommand[]): void {
  const reg = useContext(RegistryContext);
  const sig = commands.map((c) => `${c.id}:${c.label}`).join('|');
  const latest = useRef(commands);
  latest.current = commands;
  useEffect(() => reg?.register(key, latest.current), [reg, key, sig]);
}

/** Opens the palette from a button (the shell's search button). */
export function useOpenPalette(): () => void {
  const reg = useContext(RegistryContext);
  return useCallback(() => reg?.openPalette(), [reg]);
}

export function CommandPaletteProvider({ sources, children }: { sources: readonly Source[]; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [help, setHelp] = useState(false);
  const [extra, setExtra] = useState<ReadonlyMap<string, PaletteCommand[]>>(new Map());
  const router = useRouter();
  // Sources are hooks: the list is fixed for the app's lifetime, so they are always called in the same order.
  const fromSources = sources.map((use) => use(open));
  const commands = useMemo(() => [...[...extra.values()].flat(), ...fromSources.flat()], [fromSources, extra]);

  const registry = useMemo<Registry>(
    () => ({
      register(key, cmds) {
        setExtra((m) => new Map(m).set(key, cmds));
        return () =>
          setExtra((m) => {
            const n = new Map(m);
            n.delete(key);
            return n;
          });
      },
      openPalette: () => setOpen(true),
    }),
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        // Not inside the terminal: Ctrl+K is a shell key there (kill to end of line).
        if (e.target instanceof Element && e.target.closest('.xterm')) return;
        e.preventDefault();
        setHelp(false);
        setOpen((o) => !o);
      } else if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target)) {
        e.preventDefault();
        setOpen(false);
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    void preloadPaletteList();
  }, []);
  // Enter pressed in the stand-in input before the list had loaded: the list runs it when it mounts.
  const [enterPending, setEnterPending] = useState(false);
  const enterRun = useCallback(() => setEnterPending(false), []);
  useEffect(() => {
    if (!open) setEnterPending(false);
  }, [open]);

  const paletteModal = useModal(open, () => setOpen(false));
  const helpModal = useModal(help, () => setHelp(false));
  const [query, setQuery] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!open) setQuery('');
    // showModal() focuses the first focusable thing (cmdk's root); typing belongs in the input.
    else requestAnimationFrame(() => inputRef.current?.focus());
  }, [open]);

  const groups = useMemo(() => {
    const m = new Map<string, PaletteCommand[]>();
    for (const c of commands) m.set(c.group, [...(m.get(c.group) ?? []), c]);
    return [...m.entries()];
  }, [commands]);

  const choose = (c: PaletteCommand) => {
    setOpen(false);
    if (c.href) router.push(c.href);
    else c.run?.();
  };

  return (
    <RegistryContext.Provider value={registry}>
      {children}
      <dialog
        ref={paletteModal.ref}
        aria-label="Command palette"
        data-testid="command-palette"
        onClose={paletteModal.onCloseEvent}
        onClick={(e) => e.target === paletteModal.ref.current && setOpen(false)}
        className="mx-auto mt-[12vh] w-[min(40rem,94vw)] rounded-lg border border-line bg-panel p-0 text-fg shadow-2xl"
      >
        {open && (
          <Suspense
            fallback={
              // Keeps what is typed while cmdk loads (the list's own input takes it over).
              <input
                autoFocus
                aria-label="Command palette"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && setEnterPending(true)}
                placeholder="Go to a page or container, or run an action…"
                className="h-12 w-full border-b border-line bg-transparent px-4 text-sm outline-none placeholder:text-muted"
              />
            }
          >
            <PaletteList groups={groups} query={query} onQueryChange={setQuery} inputRef={inputRef} onChoose={choose} enterPending={enterPending} onEnterRun={enterRun} />
          </Suspense>
        )}
      </dialog>
      <dialog
        ref={helpModal.ref}
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts"
        onClose={helpModal.onCloseEvent}
        onClick={(e) => e.target === helpModal.ref.current && setHelp(false)}
        className="m-auto w-[min(40rem,94vw)] rounded-lg border border-line bg-panel p-0 text-fg shadow-2xl"
      >
        {help && (
          <div className="p-5">
            <h2 id="shortcuts-title" className="text-base font-semibold">
              Keyboard shortcuts
            </h2>
            <table className="mt-3 w-full text-sm">
              <thead className="sr-only">
                <tr>
                  <th>Keys</th>
                  <th>What it does</th>
                  <th>Where</th>
                </tr>
              </thead>
              <tbody>
                {shortcuts.map((s) => (
                  <tr key={`${s.where}:${s.keys.join('+')}`} className="border-t border-line/60 align-top">
                    <td className="py-1.5 pr-3 whitespace-nowrap">
                      {s.keys.map((k, i) => (
                        <span key={i}>
                          {i > 0 && <span className="text-muted"> + </span>}
                          <kbd className="rounded border border-line bg-raised px-1.5 py-0.5 font-mono text-xs">{k}</kbd>
                        </span>
                      ))}
                    </td>
                    <td className="py-1.5 pr-3">{s.does}</td>
                    <td className="py-1.5 text-xs whitespace-nowrap text-muted">{s.where}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="mt-4 flex justify-end">
              <button type="button" onClick={() => setHelp(false)} className="h-8 rounded-md border border-line bg-raised px-3 text-sm hover:bg-hover">
                Close
              </button>
            </div>
          </div>
        )}
      </dialog>
    </RegistryContext.Provider>
  );
}
