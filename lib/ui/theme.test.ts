import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme, themeBootScript } from './theme';

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
  it('the boot script sets data-theme from storage, else from the media query', () => {
    const run = (stored: string | null, prefersDark: boolean) => {
      const attrs: Record<string, string> = {};
      const env = {
        localStorage: { getItem: () => stored },
        matchMedia: () => ({ matches: prefersDark }),
        document: { documentElement: { setAttribute: (k: string, v: string) => (attrs[k] = v) } },
      };
      new Function('localStorage', 'matchMedia', 'document', themeBootScript)(env.localStorage, env.matchMedia, env.document);
      return attrs['data-theme'];
    };
    expect(run(null, true)).toBe('dark');
    expect(run(null, false)).toBe('light');
    expect(run('light', true)).toBe('light');
    expect(run('dark', false)).toBe('dark');
  });
});
