import { describe, expect, it } from 'vitest';
import { MAX_LOG_LINE, MAX_LOG_LINES, TaskLog } from './task-log';

describe('TaskLog', () => {
  it('keeps the newest lines in order and says how many were dropped', () => {
    const log = new TaskLog();
    for (let i = 0; i < MAX_LOG_LINES + 5; i++) log.append(`line ${i}`);
    expect(log.dropped).toBe(5);
    const all = log.since(0);
    expect(all.complete).toBe(false);
    expect(all.lines[0]).toBe('line 5');
    expect(all.lines.at(-1)).toBe(`line ${MAX_LOG_LINES + 4}`);
    expect(log.since(MAX_LOG_LINES + 3)).toEqual({ lines: [`line ${MAX_LOG_LINES + 3}`, `line ${MAX_LOG_LINES + 4}`], complete: true });
    expect(log.tail(1)).toEqual([`line ${MAX_LOG_LINES + 4}`]);
  });

  it('clips long lines', () => {
    const log = new TaskLog();
    log.append('x'.repeat(MAX_LOG_LINE + 10));
    expect(log.tail(1)[0]).toMatch(/… \(10 more characters\)$/);
  });
});
