import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme, systemThemeBootScript, THEME_COOKIE, themeChoiceOfCookies, themeCookie } from './theme';

describe('theme', () => {
  it('reads only known choices, anything else follows the system', () => {
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('blue')).toBe('system');
    expect(parseThemeChoice(null)).toBe('system');
  });
  it('resolves system to the preference, explicit choices win', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
  it('finds the choice among other cookies, and nothing else', () => {
    expect(themeChoiceOfCookies(`a=1; ${THEME_COOKIE}=light; b=2`)).toBe('light');
    expect(themeChoiceOfCookies(`${THEME_COOKIE}=dark`)).toBe('dark');
    expect(themeChoiceOfCookies(`x${THEME_COOKIE}=dark; ${THEME_COOKIE}=<b>`)).toBe('system');
    expect(themeChoiceOfCookies('')).toBe('system');
  });
  it('keeps an explicit choice for a year and forgets it for system', () => {
    expect(themeCookie('light', false)).toBe(`${THEME_COOKIE}=light; Max-Age=31536000; Path=/; SameSite=Strict`);
    expect(themeCookie('dark', true)).toBe(`${THEME_COOKIE}=dark; Max-Age=31536000; Path=/; SameSite=Strict; Secure`);
    expect(themeCookie('system', false)).toBe(`${THEME_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict`);
  });
  it('the boot script sets data-theme from the media query', () => {
    const run = (prefersDark: boolean) => {
      const attrs: Record<string, string> = {};
      const env = {
        matchMedia: () => ({ matches: prefersDark }),
        document: { documentElement: { setAttribute: (k: string, v: string) => (attrs[k] = v) } },
      };
      new Function('matchMedia', 'document', systemThemeBootScript)(env.matchMedia, env.document);
      return attrs['data-theme'];
    };
    expect(run(true)).toBe('dark');
    expect(run(false)).toBe('light');
    expect(systemThemeBootScript).not.toMatch(/localStorage|cookie/);
  });
});
