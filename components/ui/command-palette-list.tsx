'use client';
import { Command, defaultFilter } from 'cmdk';
import { useEffect, useRef, type RefObject } from 'react';

/** One palette entry (see command-palette.tsx for where entries come from). */
export interface PaletteCommand {
  id: string;
  label: string;
  group: string;
  href?: string;
  run?: () => void;
  keywords?: string[];
  hint?: string;
}

/**
 * cmdk's fuzzy score, with an entry whose label is exactly what was typed first: "web:99" among a
 * thousand "web:99…" tags scores the same as each of them (the typed text is in all), so the one
 * asked for could land anywhere in the list. The label is the entry's first keyword (see below).
 */
export function paletteScore(value: string, search: string, keywords?: string[]): number {
  const typed = search.trim().toLowerCase();
  if (typed && keywords?.[0]?.toLowerCase() === typed) return 1;
  return defaultFilter(value, search, keywords) * 0.99;
}

/** The palette's searchable list (cmdk), split out so cmdk loads only when the palette first opens. */
export default function CommandPaletteList({
  groups,
  query,
  onQueryChange,
  inputRef,
  onChoose,
  enterPending,
  onEnterRun,
}: {
  groups: Array<[string, PaletteCommand[]]>;
  query: string;
  onQueryChange: (q: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  onChoose: (c: PaletteCommand) => void;
  /** Enter was pressed before this list loaded: press it here once cmdk has picked the first match. */
  enterPending: boolean;
  onEnterRun: () => void;
}) {
  // A new search starts at the top, where cmdk puts and selects the best match: the list kept its
  // scroll position while cmdk reordered the entries, so the selected one could sit out of view.
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => listRef.current?.scrollTo({ top: 0 }));
    return () => cancelAnimationFrame(frame);
  }, [query]);

  useEffect(() => {
    if (!enterPending) return;
    const frame = requestAnimationFrame(() => {
      inputRef.current?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      onEnterRun();
    });
    return () => cancelAnimationFrame(frame);
  }, [enterPending, inputRef, onEnterRun]);

  return (
    <Command label="Command palette" loop filter={paletteScore} className="flex max-h-[70vh] flex-col">
      <Command.Input
        ref={inputRef}
        autoFocus
        value={query}
        onValueChange={onQueryChange}
        placeholder="Go to a page or container, or run an action…"
        // shrink-0: in the column, capped at 70vh, a long list took the height from the input (48 → 17 px).
        className="h-12 shrink-0 border-b border-line bg-transparent px-4 text-sm outline-none placeholder:text-muted"
      />
      <Command.List ref={listRef} className="min-h-0 overflow-auto p-2">
        <Command.Empty className="px-3 py-6 text-center text-sm text-muted">Nothing matches “{query}”.</Command.Empty>
        {groups.map(([group, cmds]) => (
          <Command.Group key={group} heading={group} className="mb-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-muted">
            {cmds.map((c) => (
              <Command.Item
                key={c.id}
                value={c.id}
                keywords={[c.label, ...(c.keywords ?? [])]}
                onSelect={() => onChoose(c)}
                className="group flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm data-[selected=true]:bg-accent data-[selected=true]:text-accent-fg"
              >
                <span className="truncate">{c.label}</span>
                {c.hint && <span className="shrink-0 text-xs text-muted group-data-[selected=true]:text-accent-fg">{c.hint}</span>}
              </Command.Item>
            ))}
          </Command.Group>
        ))}
      </Command.List>
    </Command>
  );
}
