import { describe, expect, it } from 'vitest';
import { readCookie } from './cookie';

describe('readCookie', () => {
  it('finds a cookie by its whole name among others, in a header or document.cookie', () => {
    expect(readCookie('a=1; dockside_theme=light; b=2', 'dockside_theme')).toBe('light');
    expect(readCookie('dockside_theme=dark', 'dockside_theme')).toBe('dark');
    expect(readCookie('xdockside_theme=dark;dockside_theme= <b> ', 'dockside_theme')).toBe('<b>');
    expect(readCookie('xdockside_theme=dark', 'dockside_theme')).toBeUndefined();
    expect(readCookie('', 'a')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });
});
