'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { CommandPaletteProvider, useOpenPalette, usePaletteCommands } from '@/components/ui/command-palette';
import { ThemeToggle } from '@/components/ui/theme-toggle';
import { useDismiss } from '@/hooks/use-dismiss';
import { hrefForEngine } from '@/lib/engine-scope';
import { commandSources } from './command-sources';
import { TaskTray } from '@/components/tasks/task-tray';
import { EngineBanner } from './engine-banner';
import { EngineSwitcher } from './engine-switcher';
import { LogoutButton } from './logout-button';
import { AlertsBell, AlertsProvider } from './notifications';

/** One entry per page: the sidebar, the mobile menu and the command palette all read this list. */
export const nav = [
  { href: '/engines', label: 'Engines', icon: '◎' },
  { href: '/containers', label: 'Containers', icon: '▣' },
  { href: '/images', label: 'Images', icon: '◫' },
  { href: '/volumes', label: 'Volumes', icon: '⛁' },
  { href: '/networks', label: 'Networks', icon: '⋈' },
  { href: '/stats', label: 'Stats', icon: '◔' },
  { href: '/tasks', label: 'Tasks', icon: '⇅' },
  { href: '/registries', label: 'Registries', icon: '⌂' },
  { href: '/engine', label: 'Engine', icon: '⚙' },
  { href: '/audit', label: 'Audit log', icon: '≡' },
];

/**
 * The frame of every page. The sidebar shrinks with the window: labels and icons from 1280 px
 * (xl), icons only from 640 px (sm), and below that a top bar with a menu button that opens it as
 * a drawer. A skip link jumps to <main id="main">; the engine banner is a labelled region.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const [drawer, setDrawer] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const aside = useRef<HTMLElement>(null);

  // Navigating closes the drawer (CloseOnNavigate); Escape closes it and gives focus back to the menu button.
  useEffect(() => {
    if (drawer) aside.current?.querySelector<HTMLElement>('a[href]')?.focus();
  }, [drawer]);
  useDismiss(drawer, () => setDrawer(false), menuButton);

  return (
    <AlertsProvider>
      <CommandPaletteProvider sources={commandSources}>
        <PageCommands />
        <CloseOnNavigate setOpen={setDrawer} />
        <div className="flex h-dvh flex-col overflow-hidden sm:flex-row">
          <a href="#main" className="sr-only z-50 rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-fg focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
            Skip to main content
          </a>
          <header className="flex h-12 shrink-0 items-center gap-2 border-b border-line bg-panel px-2 sm:hidden">
            <button
              ref={menuButton}
              type="button"
              aria-label="Menu"
              aria-expanded={drawer}
              aria-controls="sidebar"
              data-testid="menu-button"
              onClick={() => setDrawer((d) => !d)}
              className="inline-flex h-9 w-9 items-center justify-center rounded-md text-lg text-fg-soft hover:bg-raised"
            >
              <span aria-hidden>☰</span>
            </button>
            <Link href={hrefForEngine('/containers')} className="flex items-center gap-2 font-semibold">
              <Logo /> Dockside
            </Link>
          </header>
          {drawer && <div aria-hidden className="fixed inset-0 z-30 bg-[var(--backdrop)] sm:hidden" onClick={() => setDrawer(false)} />}
          <aside
            ref={aside}
            id="sidebar"
            aria-label="Sidebar"
            data-testid="sidebar"
            className={`${drawer ? 'fixed inset-y-0 left-0 z-40 flex w-60' : 'hidden'} shrink-0 flex-col border-r border-line bg-panel sm:static sm:z-auto sm:flex sm:w-14 xl:w-52`}
          >
            <Link href={hrefForEngine('/containers')} title="Dockside" className="flex items-center gap-2 px-4 py-4 text-lg font-semibold tracking-tight sm:justify-center sm:px-0 xl:justify-start xl:px-4">
              <Logo />
              <span className="sm:sr-only xl:not-sr-only">Dockside</span>
            </Link>
            <MainNav />
            {/* Running tasks: in the full sidebar and the mobile drawer (the icon rail has no room). */}
            <div className="mt-auto sm:hidden xl:block">
              <TaskTray />
            </div>
            <div className="flex flex-col gap-1 border-t border-line p-2 sm:items-center sm:mt-auto xl:mt-0 xl:items-stretch">
              <ShellTools />
              <LogoutButton />
            </div>
          </aside>
          <div className="flex min-h-0 min-w-0 flex-1 flex-col">
            <section aria-label="Engine status">
              <div className="flex items-center gap-2 border-b border-line bg-panel px-4 py-1.5">
                <EngineSwitcher />
              </div>
              <EngineBanner />
            </section>
            <main id="main" tabIndex={-1} className="min-h-0 flex-1 overflow-auto focus:outline-none">
              {children}
            </main>
          </div>
        </div>
      </CommandPaletteProvider>
    </AlertsProvider>
  );
}

/*
 * The pathname is read only by the two parts that depend on it, not by AppShell: every navigation
 * changes it, and the whole shell (sidebar, palette and its sources, engine status) re-rendered
 * with each one, inside the navigation's own render (BENCHMARKS.md, figure 16: the run form's
 * answer → the container page).
 */

/** The sidebar's page links, the current one marked. */
function MainNav() {
  const path = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-2">
      {nav.map((n) => {
        const active = path === n.href || path.startsWith(`${n.href}/`);
        return (
          <Link
            key={n.href}
            href={hrefForEngine(n.href)}
            title={n.label}
            aria-current={active ? 'page' : undefined}
            className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm sm:justify-center sm:px-0 xl:justify-start xl:px-3 ${active ? 'bg-raised text-fg' : 'text-fg-soft hover:bg-raised/60'}`}
          >
            <span aria-hidden className="w-4 text-center text-muted">
              {n.icon}
            </span>
            <span className="sm:sr-only xl:not-sr-only">{n.label}</span>
          </Link>
        );
      })}
    </nav>
  );
}

/** Closes the drawer whenever the page changes (and once on mount). `setOpen` is a state setter, so stable. */
function CloseOnNavigate({ setOpen }: { setOpen: Dispatch<SetStateAction<boolean>> }) {
  const path = usePathname();
  useEffect(() => setOpen(false), [setOpen, path]);
  return null;
}

/** Every page of the sidebar is in the command palette too. */
function PageCommands() {
  usePaletteCommands(
    'pages',
    nav.map((n) => ({ id: `page:${n.href}`, label: n.label, group: 'Pages', href: hrefForEngine(n.href), hint: 'page' })),
  );
  return null;
}

function Logo() {
  return (
    <span aria-hidden className="grid h-7 w-7 shrink-0 place-items-center rounded-md bg-accent text-sm text-accent-fg">
      ◧
    </span>
  );
}

/** Theme and the other shell-wide controls; labels show only when the sidebar is wide. */
function ShellTools() {
  return (
    <>
      <button
        type="button"
        onClick={useOpenPalette()}
        title="Command palette (Ctrl+K)"
        className="inline-flex h-8 items-center gap-2 rounded-md px-2 text-sm text-fg-soft hover:bg-raised"
        data-testid="open-palette"
      >
        {/* An SVG, as the bell below: "⌕" is in few fonts (here only DejaVu Sans Mono), and finding it
            walked the whole font stack and loaded two more font files in every page's first layout. */}
        <span aria-hidden className="w-4 text-center">
          <svg viewBox="0 0 16 16" className="inline h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.4">
            <path d="M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9ZM10.2 10.2 13.5 13.5" />
          </svg>
        </span>
        <span className="sm:sr-only xl:not-sr-only">Go to… (Ctrl+K)</span>
      </button>
      <AlertsBell labelClassName="sm:sr-only xl:not-sr-only" />
      <ThemeToggle labelClassName="sm:sr-only xl:not-sr-only" />
    </>
  );
}
