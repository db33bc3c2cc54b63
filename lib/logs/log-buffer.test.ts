import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer';

const line = (text: string) => ({ stream: 'stdout' as const, time: '2026-01-02T15:04:05.000000000Z', text });

describe('LogBuffer', () => {
  it('drops the oldest rows past capacity and counts the lines', () => {
    const b = new LogBuffer(3);
    b.append([line('1'), line('2'), { kind: 'skipped', count: 7 }, line('3'), line('4')]);
    expect(b.entries.map((e) => (e.kind === 'line' ? e.text : e.kind))).toEqual(['skipped', '3', '4']);
    expect(b.dropped).toBe(2);
  });

  it('keeps keys unique and stable across appends and prepends', () => {
    const b = new LogBuffer(10);
    b.append([line('c'), line('d')]);
    const before = b.entries.map((e) => e.key);
    expect(b.prepend([line('a'), line('b')])).toBe(2);
    expect(b.entries.map((e) => (e.kind === 'line' ? e.text : ''))).toEqual(['a', 'b', 'c', 'd']);
    expect(b.entries.slice(2).map((e) => e.key)).toEqual(before);
    b.prepend([line('z')]);
    expect(new Set(b.entries.map((e) => e.key)).size).toBe(5);
  });

  it('prepends only what fits, keeping the newest of the older lines', () => {
    const b = new LogBuffer(3);
    b.append([line('x')]);
    expect(b.prepend([line('a'), line('b'), line('c')])).toBe(2);
    expect(b.entries.map((e) => (e.kind === 'line' ? e.text : ''))).toEqual(['b', 'c', 'x']);
    expect(b.room).toBe(0);
  });

  it('keeps the visible text of coloured lines for search', () => {
    const b = new LogBuffer(2);
    b.append([line('\x1b[31mred\x1b[0m')]);
    expect(b.entries[0]).toMatchObject({ text: '\x1b[31mred\x1b[0m', plain: 'red' });
  });
});
