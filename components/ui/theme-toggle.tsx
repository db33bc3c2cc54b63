'use client';
import { useEffect, useState } from 'react';
import { LEGACY_THEME_STORAGE_KEY, parseThemeChoice, resolveTheme, themeChoiceOfCookies, themeChoices, themeCookie, type ThemeChoice } from '@/lib/ui/theme';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const icons: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

function apply(choice: ThemeChoice) {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.setAttribute('data-theme', resolveTheme(choice, dark));
}

function keep(choice: ThemeChoice) {
  document.cookie = themeCookie(choice, window.location.protocol === 'https:');
}

/** The kept choice; one kept in localStorage before the cookie (lib/ui/theme.ts) is moved to it and shown. */
function keptChoice(): ThemeChoice {
  const legacy = localStorage.getItem(LEGACY_THEME_STORAGE_KEY);
  if (legacy === null) return themeChoiceOfCookies(document.cookie);
  localStorage.removeItem(LEGACY_THEME_STORAGE_KEY);
  const choice = parseThemeChoice(legacy);
  keep(choice);
  apply(choice);
  return choice;
}

/**
 * Theme switch: System → Light → Dark, kept in a cookie. "System" follows the OS live. The first
 * paint's theme is set by the server or its boot script (app/layout.tsx), not here.
 */
export function ThemeToggle({ labelClassName = '' }: { labelClassName?: string }) {
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(keptChoice()), []);
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
        keep(next);
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
