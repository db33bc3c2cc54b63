'use client';
import type { KeyboardEvent, Ref } from 'react';

/** A list's search box: `/` focuses it (useSlashFocus), typing filters at once, the URL follows (useUrlView). */
export function SearchBox({
  ref,
  label,
  placeholder,
  value,
  onChange,
  onKeyDown,
}: {
  ref?: Ref<HTMLInputElement>;
  /** Its accessible name: what it searches, in words. */
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
}) {
  return (
    <input
      ref={ref}
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={onKeyDown}
      className="h-8 w-56 rounded-md border border-line bg-panel px-3 text-sm outline-none focus:border-accent"
    />
  );
}
