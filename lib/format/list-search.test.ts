import { describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../protocol/networks';
import type { VolumeSummary } from '../protocol/volumes';
import { networkMatches, searchRows, searchViewFromParams, searchViewToParams, volumeMatches } from './list-search';

const volume = (name: string, extra: Partial<VolumeSummary> = {}): VolumeSummary => ({
  name,
  driver: 'local',
  mountpoint: `/var/lib/docker/volumes/${name}/_data`,
  scope: 'local',
  labels: {},
  options: {},
  anonymous: false,
  usedBy: [],
  ...extra,
});

const network = (name: string, extra: Partial<NetworkSummary> = {}): NetworkSummary => ({
  id: 'f00dfeed'.padEnd(64, '0'),
  name,
  driver: 'bridge',
  scope: 'local',
  internal: false,
  attachable: false,
  builtIn: false,
  ipam: [],
  labels: {},
  containers: [],
  ...extra,
});

describe('list search', () => {
  it('keeps the search in the URL as q, and nothing for an empty one', () => {
    expect(searchViewToParams({ q: 'db' }).toString()).toBe('q=db');
    expect(searchViewToParams({ q: '' }).toString()).toBe('');
    expect(searchViewFromParams(new URLSearchParams('q=db'))).toEqual({ q: 'db' });
    expect(searchViewFromParams(new URLSearchParams('')).q).toBe('');
    expect(searchViewFromParams(new URLSearchParams(`q=${'x'.repeat(500)}`)).q).toHaveLength(200);
  });

  it('finds a volume by name, driver, label or a container that mounts it, whatever the case', () => {
    const rows = [
      volume('pgdata', { labels: { 'com.example.tier': 'db' } }),
      volume('cache', { driver: 'tmpfs-plugin' }),
      volume('uploads', { usedBy: [{ id: 'c1', name: 'Web-1', running: true, destination: '/srv', readOnly: false }] }),
    ];
    const names = (q: string) => searchRows(rows, q, volumeMatches).map((v) => v.name);
    expect(names('')).toEqual(['pgdata', 'cache', 'uploads']);
    expect(names('  PG ')).toEqual(['pgdata']);
    expect(names('tier=db')).toEqual(['pgdata']);
    expect(names('tmpfs')).toEqual(['cache']);
    expect(names('web-1')).toEqual(['uploads']);
    expect(names('nothing-like-it')).toEqual([]);
  });

  it('finds a network by name, id prefix, subnet, label, or an attached container by name or address', () => {
    const rows = [
      network('backend', { ipam: [{ subnet: '10.20.0.0/16', gateway: '10.20.0.1' }], labels: { team: 'core' } }),
      network('frontend', { id: 'abc123'.padEnd(64, '0'), containers: [{ containerId: 'c', containerName: 'proxy', running: true, ipv4: '172.18.0.7', macAddress: '', aliases: [] }] }),
    ];
    const names = (q: string) => searchRows(rows, q, networkMatches).map((n) => n.name);
    expect(names('10.20.')).toEqual(['backend']);
    expect(names('team=core')).toEqual(['backend']);
    expect(names('abc1')).toEqual(['frontend']);
    expect(names('PROXY')).toEqual(['frontend']);
    expect(names('172.18.0.7')).toEqual(['frontend']);
    expect(names('bridge')).toEqual(['backend', 'frontend']);
  });
});
