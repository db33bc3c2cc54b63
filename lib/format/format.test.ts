import { describe, expect, it } from 'vitest';
import { availableOperations } from './actions';
import { formatBytes } from './bytes';
import { dedupePorts, formatPort, portUrl, shortId } from './ports';
import { humanDuration, timeAgo } from './time';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 kB'],
    [1_500_000, '1.50 MB'],
    [12_345_678, '12.3 MB'],
    [250_000_000_000, '250 GB'],
    [undefined, '—'],
  ])('%s -> %s', (n, s) => expect(formatBytes(n)).toBe(s));
});

describe('ports', () => {
  it('formats like docker ps', () => {
    expect(formatPort({ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 })).toBe('0.0.0.0:8080->80/tcp');
    expect(formatPort({ containerPort: 53, protocol: 'udp' })).toBe('53/udp');
    expect(formatPort({ containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: 8080 })).toBe('[::]:8080->80/tcp');
  });

  it('links only published TCP ports, using the page host for wildcard binds', () => {
    expect(portUrl({ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }, 'localhost')).toBe('http://localhost:8080/');
    expect(portUrl({ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }, 'localhost')).toBe('http://127.0.0.1:8080/');
    expect(portUrl({ containerPort: 53, protocol: 'udp', hostIp: '0.0.0.0', hostPort: 53 }, 'localhost')).toBeNull();
    expect(portUrl({ containerPort: 80, protocol: 'tcp' }, 'localhost')).toBeNull();
  });

  it('folds the IPv4 and IPv6 wildcard rows of one binding', () => {
    const p = { containerPort: 80, protocol: 'tcp' as const, hostPort: 8080 };
    expect(dedupePorts([{ ...p, hostIp: '0.0.0.0' }, { ...p, hostIp: '::' }])).toHaveLength(1);
  });

  it('shortens ids', () => expect(shortId('sha256:0123456789abcdef')).toBe('0123456789ab'));
});

describe('time', () => {
  it('reads like the docker CLI', () => {
    expect(humanDuration(0)).toBe('less than a second');
    expect(humanDuration(1)).toBe('1 second');
    expect(humanDuration(125)).toBe('2 minutes');
    expect(humanDuration(3 * 86400)).toBe('3 days');
    expect(timeAgo(1000, 1000 * 1000 + 3600 * 1000)).toBe('1 hour ago');
  });
});

describe('availableOperations', () => {
  it('offers what the state allows', () => {
    expect(availableOperations('running')).toEqual(['stop', 'restart', 'pause', 'kill', 'rename', 'remove']);
    expect(availableOperations('paused')).toContain('unpause');
    expect(availableOperations('paused')).not.toContain('start');
    expect(availableOperations('exited')).toEqual(['start', 'rename', 'remove']);
    expect(availableOperations('created')).toContain('start');
  });
});
