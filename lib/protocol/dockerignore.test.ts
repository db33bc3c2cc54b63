import { describe, expect, it } from 'vitest';
import { isIgnored, parseDockerignore, safeContextPath } from './dockerignore';

describe('dockerignore', () => {
  const p = parseDockerignore(['# comment', 'node_modules', '*.log', '!keep.log', 'secret/**', 'docs/*.md', '**/tmp', ''].join('\n'));

  it.each([
    ['node_modules/a/b.js', true],
    ['node_modules', true],
    ['src/node_modules/x', false],
    ['app.log', true],
    ['keep.log', false],
    ['sub/app.log', false],
    ['secret/a/b', true],
    ['docs/readme.md', true],
    ['docs/deep/readme.md', false],
    ['a/b/tmp/file', true],
    ['tmp', true],
    ['src/index.ts', false],
  ])('%s ignored: %s', (path, ignored) => {
    expect(isIgnored(p, path)).toBe(ignored);
  });

  it('lets the last matching pattern win', () => {
    expect(isIgnored(parseDockerignore('*\n!src\n'), 'src/a.ts')).toBe(false);
    expect(isIgnored(parseDockerignore('*\n!src\n'), 'other')).toBe(true);
    expect(isIgnored(parseDockerignore('!src\n*\n'), 'src/a.ts')).toBe(true);
  });

  it('handles ? and character classes', () => {
    expect(isIgnored(parseDockerignore('file?.txt'), 'file1.txt')).toBe(true);
    expect(isIgnored(parseDockerignore('file?.txt'), 'file10.txt')).toBe(false);
    expect(isIgnored(parseDockerignore('[ab].c'), 'a.c')).toBe(true);
    expect(isIgnored(parseDockerignore('[!ab].c'), 'a.c')).toBe(false);
    expect(isIgnored(parseDockerignore('./x/../y'), 'y/z')).toBe(true);
  });

  it('refuses paths that leave the context', () => {
    expect(safeContextPath('a/b.txt')).toBe('a/b.txt');
    expect(safeContextPath('./a')).toBe('a');
    for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', 'a//b', 'a\\b', 'a\0b']) expect(safeContextPath(bad)).toBeNull();
  });
});
