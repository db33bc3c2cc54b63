/**
 * Light/dark theme: the user's choice ('light', 'dark' or 'system') is kept in localStorage; the
 * page carries the resolved theme as `<html data-theme>`, which app/globals.css switches on.
 */
export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'dockside.theme';

export function parseThemeChoice(v: string | null | undefined): ThemeChoice {
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  return choice === 'system' ? (systemPrefersDark ? 'dark' : 'light') : choice;
}

/**
 * Runs inline in <head> before first paint (with the page's CSP nonce), so the first frame is
 * already in the right theme. Kept tiny and self-contained: it cannot import anything.
 */
export const themeBootScript = `(function(){try{var c=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var t=c==='light'||c==='dark'?c:(matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light');document.documentElement.setAttribute('data-theme',t)}catch(e){}})()`;
