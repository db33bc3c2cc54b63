import { readCookie } from '../protocol/cookie';

/**
 * Light/dark theme: the user's choice ('light', 'dark' or 'system') is kept in a cookie, so the
 * server renders the page in it; the page carries the resolved theme as `<html data-theme>`, which
 * app/globals.css switches on.
 */
export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];
export type Theme = 'light' | 'dark';

/**
 * The choice, when it is not 'system'. A cookie, not localStorage (where it was until 2026-12-04):
 * the inline script that read localStorage before the first paint waited on the browser for
 * storage access (a synchronous call to its busy main thread, 1.5-7 ms of every page load's
 * critical path in Chromium traces of /images, issue 18); the server reads a cookie for free.
 */
export const THEME_COOKIE = 'dockside_theme';
/** Where the choice was kept before THEME_COOKIE: moved to the cookie on the first visit after. */
export const LEGACY_THEME_STORAGE_KEY = 'dockside.theme';

export function parseThemeChoice(v: string | null | undefined): ThemeChoice {
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  return choice === 'system' ? (systemPrefersDark ? 'dark' : 'light') : choice;
}

/** The choice a `Cookie` header or `document.cookie` carries ('system' when none or unknown). */
export function themeChoiceOfCookies(cookies: string | undefined): ThemeChoice {
  return parseThemeChoice(readCookie(cookies, THEME_COOKIE));
}

/** What to assign to `document.cookie` to keep `choice` (a year), or to forget it for 'system'. */
export function themeCookie(choice: ThemeChoice, secure: boolean): string {
  const attributes = `Path=/; SameSite=Strict${secure ? '; Secure' : ''}`;
  return choice === 'system' ? `${THEME_COOKIE}=; Max-Age=0; ${attributes}` : `${THEME_COOKIE}=${choice}; Max-Age=31536000; ${attributes}`;
}

/**
 * Runs inline in <head> before first paint (with the page's CSP nonce) when the choice is 'system',
 * so the first frame is already in the system's theme; an explicit choice is rendered by the server
 * (app/layout.tsx). Kept tiny and self-contained: it cannot import anything.
 */
export const systemThemeBootScript = `(function(){try{document.documentElement.setAttribute('data-theme',matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light')}catch(e){}})()`;
