'use client';
import type { ReactNode } from 'react';
import { Button } from './button';
import { Menu } from './menu';

/**
 * Page headers for detail pages (a container, an image, a volume, a network).
 *
 * `<PageHeader breadcrumb={…} title="web1" badges={…} actions={<ActionBar items={…} />}>tabs</PageHeader>`
 *
 * The header is a CSS container: the title and badges wrap, and `ActionBar` shows its actions as
 * buttons when the header is at least 42rem wide and as one "Actions" menu below that, so a narrow
 * window never pushes them off-screen. Put the section tabs (a <nav>) in `children`.
 */
export interface ActionItem {
  label: string;
  onSelect: () => void;
  icon?: string;
  danger?: boolean;
  primary?: boolean;
}

export function PageHeader({ breadcrumb, title, badges, actions, children }: { breadcrumb?: ReactNode; title: ReactNode; badges?: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="@container border-b border-line px-4 pt-4 sm:px-6">
      {breadcrumb && (
        <nav aria-label="Breadcrumb" className="text-xs text-muted">
          {breadcrumb}
        </nav>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="min-w-0 text-xl font-semibold break-all">{title}</h1>
        {badges}
        {actions && <div className="ml-auto">{actions}</div>}
      </div>
      {children}
    </header>
  );
}

/** Buttons in a wide header, one "Actions" menu in a narrow one (see PageHeader). */
export function ActionBar({ items, label = 'Actions' }: { items: ActionItem[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <>
      <div className="hidden flex-wrap gap-2 @2xl:flex" data-testid="action-bar">
        {items.map((it) => (
          <Button key={it.label} variant={it.danger ? 'danger' : it.primary ? 'primary' : 'secondary'} onClick={it.onSelect}>
            {it.icon && <span aria-hidden>{it.icon}</span>}
            {it.label}
          </Button>
        ))}
      </div>
      <div className="@2xl:hidden">
        <Menu label={label} items={items} buttonClassName="inline-flex h-8 items-center gap-1 rounded-md border border-line bg-raised px-3 text-sm font-medium text-fg hover:bg-hover">
          {label} <span aria-hidden>▾</span>
        </Menu>
      </div>
    </>
  );
}
