import { describe, expect, it } from 'vitest';
import type { TaskSummary } from '@/lib/protocol/tasks';
import { CLIENT_LOG_LINES, TaskStore } from './task-store';

function summary(id: string, startedAt: string): TaskSummary {
  return { id, kind: 'pull', target: 'x', startedAt, state: 'running', progress: null, message: '', links: [], images: [], cancellable: true, cancelNote: '', logLines: 0 };
}

describe('TaskStore', () => {
  it('tells listeners at most once per frame however many frames arrive', () => {
    const frames: (() => void)[] = [];
    const store = new TaskStore((fn) => frames.push(fn));
    let calls = 0;
    store.subscribe(() => calls++);
    for (let i = 0; i < 50; i++) store.apply({ task: summary('a', '2026-01-01T00:00:00Z'), log: [`l${i}`], reset: false });
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(calls).toBe(1);
    expect(store.snapshot()[0]!.log).toHaveLength(50);
  });

  it('keeps logs bounded, resets on request, and lists newest first', () => {
    const store = new TaskStore((fn) => fn());
    store.apply({ task: summary('old', '2026-01-01T00:00:00Z'), log: [], reset: true });
    store.apply({ task: summary('new', '2026-01-02T00:00:00Z'), log: Array.from({ length: CLIENT_LOG_LINES + 5 }, (_, i) => `${i}`), reset: true });
    expect(store.snapshot().map((e) => e.summary.id)).toEqual(['new', 'old']);
    expect(store.snapshot()[0]!.log).toHaveLength(CLIENT_LOG_LINES);
    store.apply({ task: summary('new', '2026-01-02T00:00:00Z'), log: ['tail'], reset: true });
    expect(store.snapshot()[0]!.log).toEqual(['tail']);
  });

  it('keeps the same log array for a frame that brings no lines (progress only)', () => {
    const store = new TaskStore((fn) => fn());
    store.apply({ task: summary('a', '2026-01-01T00:00:00Z'), log: ['first'], reset: true });
    const before = store.snapshot()[0]!.log;
    const moved = { ...summary('a', '2026-01-01T00:00:00Z'), message: '1/2 layers' };
    store.apply({ task: moved, log: [], reset: false });
    expect(store.snapshot()[0]!.summary).toBe(moved);
    expect(store.snapshot()[0]!.log).toBe(before);
    store.apply({ task: moved, log: ['second'], reset: false });
    expect(store.snapshot()[0]!.log).toEqual(['first', 'second']);
    expect(before).toEqual(['first']);
  });
});
