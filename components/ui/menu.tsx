'use client';
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/** A small menu button: Enter/Space/ArrowDown open it, arrows move, Escape closes and returns focus (so does choosing an item). */
export function Menu({ label, items, children, buttonClassName }: { label: string; items: MenuItem[]; children: ReactNode; buttonClassName?: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus();
    const onDoc = (e: MouseEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    return () => document.removeEventListener('mousedown', onDoc);
  }, [open]);

  function onKey(e: React.KeyboardEvent) {
    const entries = [...(list.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])];
    const i = entries.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      entries[(i + 1) % entries.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      entries[(i - 1 + entries.length) % entries.length]?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  }

  return (
    <div className="relative inline-block" onClick={(e) => e.stopPropagation()}>
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        className={buttonClassName ?? 'inline-flex h-7 w-7 items-center justify-center rounded-md text-fg-soft hover:bg-raised'}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => e.key === 'ArrowDown' && (e.preventDefault(), setOpen(true))}
      >
        {children}
      </button>
      {open && (
        <div ref={list} role="menu" aria-label={label} onKeyDown={onKey} className="absolute right-0 z-30 mt-1 min-w-40 rounded-md border border-line bg-raised py-1 shadow-xl">
          {items.map((it) => (
            <button
              key={it.label}
              type="button"
              role="menuitem"
              className={`block w-full px-3 py-1.5 text-left text-sm hover:bg-hover focus:bg-hover focus:outline-none ${it.danger ? 'text-danger' : 'text-fg'}`}
              onClick={() => {
                setOpen(false);
                // Focus goes back to the menu button first, so a dialog the item opens returns it there on close.
                button.current?.focus();
                it.onSelect();
              }}
            >
              {it.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
