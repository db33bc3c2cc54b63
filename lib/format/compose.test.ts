import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../protocol/containers';
import { containerSummary } from '../../test/support/container-summary';
import { applicableTargets, describeCounts, groupByProject } from './compose';

const c = (name: string, state: ContainerSummary['state'], project?: string): ContainerSummary =>
  containerSummary({
    id: name.padEnd(64, '0'),
    name,
    state,
    labels: project ? { 'com.docker.compose.project': project, 'com.docker.compose.service': name } : {},
  });

describe('groupByProject', () => {
  const rows = [c('a', 'running'), c('shop-web', 'running', 'shop'), c('b', 'exited'), c('shop-db', 'exited', 'shop'), c('blog-web', 'paused', 'blog')];
  it('puts each project where its first container is, members after it in order', () => {
    const items = groupByProject(rows, new Set());
    expect(items.map((i) => (i.kind === 'project' ? `[${i.project}]` : i.container.name))).toEqual(['a', '[shop]', 'shop-web', 'shop-db', 'b', '[blog]', 'blog-web']);
    const shop = items[1]!;
    expect(shop.kind === 'project' && shop.counts).toEqual({ running: 1, paused: 0, stopped: 1, other: 0 });
  });
  it('leaves out the members of a collapsed project but keeps its row and counts', () => {
    const items = groupByProject(rows, new Set(['shop']));
    expect(items.map((i) => (i.kind === 'project' ? `[${i.project}]` : i.container.name))).toEqual(['a', '[shop]', 'b', '[blog]', 'blog-web']);
    const shop = items[1]!;
    expect(shop.kind === 'project' && shop.containers.length).toBe(2);
  });
  it('marks grouped members', () => {
    const items = groupByProject(rows, new Set());
    expect(items.filter((i) => i.kind === 'container' && i.grouped).map((i) => i.kind === 'container' && i.container.name)).toEqual(['shop-web', 'shop-db', 'blog-web']);
  });
});

describe('describeCounts', () => {
  it('names only what there is', () => {
    expect(describeCounts({ running: 2, paused: 0, stopped: 1, other: 0 })).toBe('2 running, 1 stopped');
    expect(describeCounts({ running: 0, paused: 0, stopped: 0, other: 0 })).toBe('none');
  });
});

describe('applicableTargets', () => {
  it('offers only operations that apply, each with the containers it applies to', () => {
    const running = [c('a', 'running'), c('b', 'running')];
    const ops = applicableTargets(running);
    expect([...ops.keys()]).toEqual(['stop', 'restart', 'pause', 'kill', 'remove']);
    expect(ops.get('stop')!.length).toBe(2);
  });
  it('a mixed selection: start for the stopped ones only', () => {
    const mixed = [c('a', 'running'), c('b', 'exited'), c('p', 'paused')];
    const ops = applicableTargets(mixed);
    expect(ops.get('start')!.map((x) => x.name)).toEqual(['b']);
    expect(ops.get('unpause')!.map((x) => x.name)).toEqual(['p']);
    expect(ops.get('remove')!.length).toBe(3);
  });
});
