'use client';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { formatBytes } from '@/lib/format/bytes';
import type { ImageSummary } from '@/lib/protocol/images';
import { imageChoices } from '@/lib/protocol/run/image-match';
import { inputClass } from './run-fields';

/**
 * The image field: free text (any valid reference, checked by the caller) with a list of the
 * engine's local images below it, filtered by what is typed (repo:tag or id). The ARIA 1.2
 * combobox pattern: the input keeps focus; arrows move the active option, Enter picks it, Escape
 * closes the list (a second Escape leaves the text alone), the mouse picks too.
 */
export function ImagePicker({
  id,
  value,
  onChange,
  images,
  loading,
  placeholder,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  images: readonly ImageSummary[] | undefined;
  loading: boolean;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const choices = useMemo(() => imageChoices(images ?? [], value), [images, value]);
  const optionId = (i: number) => `${listId}-opt-${i}`;
  const shown = open && (choices.length > 0 || loading);

  const pick = (v: string) => {
    onChange(v);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      setActive((a) => (choices.length ? (a + 1) % choices.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      setActive((a) => (choices.length ? (a <= 0 ? choices.length - 1 : a - 1) : -1));
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && choices[active]) {
        e.preventDefault();
        pick(choices[active]!.value);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setActive(-1);
      }
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <input
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellCheck={false}
        className={`${inputClass} font-mono`}
        value={value}
        placeholder={placeholder}
        onChange={(e) => {
          onChange(e.target.value.trim());
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Images on this engine"
        hidden={!shown}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-line bg-raised py-1 text-sm shadow-lg"
      >
        {loading && choices.length === 0 && <li className="px-2 py-1 text-xs text-muted">Reading the engine’s images…</li>}
        {choices.map((c, i) => (
          <li
            key={`${c.value}-${c.image.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input must not lose focus (and close the list) first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(c.value);
            }}
            onMouseMove={() => setActive(i)}
            className={`flex cursor-pointer items-baseline gap-2 px-2 py-1 ${i === active ? 'bg-accent/20 text-fg' : 'text-fg-soft'}`}
          >
            <span className="min-w-0 flex-1 truncate font-mono">{c.value}</span>
            <span className="hidden shrink-0 font-mono text-xs text-muted sm:inline">{c.image.id.replace(/^sha256:/, '').slice(0, 12)}</span>
            <span className="w-16 shrink-0 text-right text-xs tabular-nums text-muted">{formatBytes(c.image.size)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
