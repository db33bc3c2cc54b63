'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { EngineBanner } from './engine-banner';
import { LogoutButton } from './logout-button';

const nav = [{ href: '/containers', label: 'Containers', icon: '▣' }, { href: '/stats', label: 'Stats', icon: '◔' }, { href: '/engine', label: 'Engine', icon: '⚙' }, { href: '/audit', label: 'Audit log', icon: '≡' }];

export function AppShell({ children }: { children: ReactNode }) {
  const path = usePathname();
  return (
    <div className="flex h-screen overflow-hidden">
      <aside className="flex w-52 shrink-0 flex-col border-r border-line bg-panel">
        <Link href="/containers" className="flex items-center gap-2 px-4 py-4 text-lg font-semibold tracking-tight">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-accent text-sm text-white">
            ◧
          </span>
          Dockside
        </Link>
        <nav aria-label="Main" className="flex flex-col gap-0.5 px-2">
          {nav.map((n) => {
            const active = path.startsWith(n.href);
            return (
              <Link
                key={n.href}
                href={n.href}
                aria-current={active ? 'page' : undefined}
                className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm ${active ? 'bg-raised text-white' : 'text-slate-300 hover:bg-raised/60'}`}
              >
                <span aria-hidden className="text-muted">
                  {n.icon}
                </span>
                {n.label}
              </Link>
            );
          })}
        </nav>
        <div className="mt-auto border-t border-line p-3">
          <LogoutButton />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <EngineBanner />
        <main className="min-h-0 flex-1 overflow-auto">{children}</main>
      </div>
    </div>
  );
}
