import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../protocol/containers';
import { containerSummary } from '../../test/support/container-summary';
import { applyView, countByStatus, defaultView, findContainer, viewFromParams, viewToParams } from './container-filter';

const row = (name: string, state: ContainerSummary['state'], created: number, image = 'busybox'): ContainerSummary =>
  containerSummary({ id: `${name.padEnd(12, '0')}abcdef`, name, image, created, state });

const rows = [row('web', 'running', 30, 'nginx:1'), row('db', 'exited', 10, 'postgres'), row('cache', 'paused', 20, 'redis'), row('new', 'created', 40)];

describe('applyView', () => {
  it('filters by status', () => {
    expect(applyView(rows, { ...defaultView, status: 'running' }).map((r) => r.name)).toEqual(['web']);
    expect(applyView(rows, { ...defaultView, status: 'exited' }).map((r) => r.name)).toEqual(['db']);
    expect(applyView(rows, { ...defaultView, status: 'paused' }).map((r) => r.name)).toEqual(['cache']);
    expect(applyView(rows, { ...defaultView, status: 'created' }).map((r) => r.name)).toEqual(['new']);
  });

  it('searches name, image and id prefix, case-insensitively', () => {
    expect(applyView(rows, { ...defaultView, q: 'WE' }).map((r) => r.name)).toEqual(['web']);
    expect(applyView(rows, { ...defaultView, q: 'postgres' }).map((r) => r.name)).toEqual(['db']);
    expect(applyView(rows, { ...defaultView, q: 'cache0' }).map((r) => r.name)).toEqual(['cache']);
  });

  it('sorts by each column in both directions; newest first by default', () => {
    expect(applyView(rows, defaultView).map((r) => r.name)).toEqual(['new', 'web', 'cache', 'db']);
    expect(applyView(rows, { ...defaultView, sort: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['cache', 'db', 'new', 'web']);
    expect(applyView(rows, { ...defaultView, sort: 'status', dir: 'asc' }).map((r) => r.name)).toEqual(['web', 'cache', 'new', 'db']);
    expect(applyView(rows, { ...defaultView, sort: 'image', dir: 'desc' }).map((r) => r.image)).toEqual(['redis', 'postgres', 'nginx:1', 'busybox']);
  });

  it('"latest created" shows only the newest container, like docker ps -l', () => {
    expect(applyView(rows, { ...defaultView, latest: true }).map((r) => r.name)).toEqual(['new']);
    expect(applyView([], { ...defaultView, latest: true })).toEqual([]);
  });
});

describe('label filter (docker ps --filter label=…)', () => {
  const labelled: ContainerSummary[] = [
    { ...row('a', 'running', 1), labels: { tier: 'web', 'com.example.team': 'blue' } },
    { ...row('b', 'exited', 2), labels: { tier: 'db' } },
    { ...row('c', 'running', 3), labels: { tier: '' } },
    { ...row('d', 'running', 4), labels: { other: 'tier=web' } },
  ];
  const names = (label: string, extra = {}) => applyView(labelled, { ...defaultView, sort: 'name', dir: 'asc', label, ...extra }).map((r) => r.name);

  it('key: the label is set, whatever its value', () => {
    expect(names('tier')).toEqual(['a', 'b', 'c']);
    expect(names('com.example.team')).toEqual(['a']);
  });

  it('key=value: exactly that value; key= is the empty value; the key is never a substring match', () => {
    expect(names('tier=web')).toEqual(['a']);
    expect(names('tier=')).toEqual(['c']);
    expect(names('tier=we')).toEqual([]);
    expect(names('tie')).toEqual([]);
  });

  it('combines with status, search and the other filters', () => {
    expect(names('tier', { status: 'running' })).toEqual(['a', 'c']);
    expect(names('tier', { q: 'db' })).toEqual(['b']);
  });

  it('an unparsable filter matches nothing', () => {
    expect(names('=web')).toEqual([]);
    expect(names('my key=1')).toEqual([]);
  });

  it('lives in the URL as label=', () => {
    expect(viewToParams({ ...defaultView, label: 'tier=web' }).toString()).toBe('label=tier%3Dweb');
    expect(viewFromParams(new URLSearchParams('label=tier%3Dweb&status=running'))).toEqual({ ...defaultView, label: 'tier=web', status: 'running' });
  });
});

describe('view <-> URL', () => {
  it('round-trips and omits defaults', () => {
    const v = { status: 'exited', q: 'db', sort: 'name', dir: 'asc', latest: true, health: 'unhealthy', project: 'shop', group: false, label: 'tier=db' } as const;
    expect(viewFromParams(viewToParams(v))).toEqual(v);
    expect(viewToParams(defaultView).toString()).toBe('');
  });

  it('ignores values it does not know', () => {
    expect(viewFromParams(new URLSearchParams('status=evil&sort=<script>&dir=up&health=sick'))).toEqual(defaultView);
  });
});

it('counts by status', () => {
  expect(countByStatus(rows)).toEqual({ all: 4, running: 1, exited: 1, paused: 1, created: 1 });
});

describe('search and filters beyond name', () => {
  const web = {
    ...row('shop-web-1', 'running', 1),
    health: 'unhealthy' as const,
    labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'frontend', tier: 'edge' },
    ports: [{ containerPort: 80, protocol: 'tcp' as const, hostIp: '0.0.0.0', hostPort: 8080 }],
  };
  const all = [web, ...rows];
  const names = (v: Partial<typeof defaultView>) => applyView(all, { ...defaultView, ...v }).map((r) => r.name);
  it('matches compose project and service, labels and published ports', () => {
    expect(names({ q: 'frontend' })).toEqual(['shop-web-1']);
    expect(names({ q: 'tier=edge' })).toEqual(['shop-web-1']);
    expect(names({ q: 'edge' })).toEqual(['shop-web-1']);
    expect(names({ q: '8080' })).toEqual(['shop-web-1']);
    expect(names({ q: ':8080' })).toEqual(['shop-web-1']);
    expect(names({ q: '80/tcp' })).toEqual(['shop-web-1']);
    expect(names({ q: '9090' })).toEqual([]);
  });
  it('filters by health and by project', () => {
    expect(names({ health: 'unhealthy' })).toEqual(['shop-web-1']);
    expect(names({ health: 'healthy' })).toEqual([]);
    expect(names({ project: 'shop' })).toEqual(['shop-web-1']);
    expect(names({ project: 'other' })).toEqual([]);
  });
});

describe('findContainer (a URL naming a container, resolved as the engine does)', () => {
  const list = [
    { id: 'aaa111', name: 'web' },
    { id: 'aaa222', name: 'aaa111x' },
    { id: 'bbb333', name: 'aaa' },
  ];
  const find = (ref: string) => findContainer(list, ref)?.id;
  it('takes the whole id, then the name, then an id prefix only one container has', () => {
    expect(find('aaa111')).toBe('aaa111');
    expect(find('web')).toBe('aaa111');
    expect(find('aaa')).toBe('bbb333'); // a name before an id prefix
    expect(find('aaa2')).toBe('aaa222');
    expect(find('bb')).toBe('bbb333');
  });
  it('names nothing for an ambiguous prefix, an unknown name or nothing', () => {
    expect(find('aa')).toBeUndefined();
    expect(find('zzz')).toBeUndefined();
    expect(find('')).toBeUndefined();
  });
});
