'use client';
import { useEffect, useState } from 'react';
import { parseThemeChoice, resolveTheme, THEME_STORAGE_KEY, themeChoices, type ThemeChoice } from '@/lib/ui/theme';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const icons: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

function apply(choice: ThemeChoice) {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.setAttribute('data-theme', resolveTheme(choice, dark));
}

/**
 * Theme switch: System → Light → Dark, kept in localStorage. "System" follows the OS live. The
 * first paint's theme is set by the boot script in app/layout.tsx, not here.
 */
export function ThemeToggle({ labelClassName = '' }: { labelClassName?: string }) {
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(parseThemeChoice(localStorage.getItem(THEME_STORAGE_KEY))), []);
  useEffect(() => {
    if (choice !== 'system') return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => apply('system');
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [choice]);

  const next = themeChoices[(themeChoices.indexOf(choice) + 1) % themeChoices.length]!;
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      aria-label={`Theme: ${labels[choice]}. Switch to ${labels[next]}`}
      title={`Theme: ${labels[choice]} (click for ${labels[next]})`}
      className="inline-flex h-8 items-center gap-2 rounded-md px-2 text-sm text-fg-soft hover:bg-raised"
      onClick={() => {
        if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
        else localStorage.setItem(THEME_STORAGE_KEY, next);
        setChoice(next);
        apply(next);
      }}
    >
      <span aria-hidden className="w-4 text-center">
        {icons[choice]}
      </span>
      <span className={labelClassName}>Theme: {labels[choice]}</span>
    </button>
  );
}
