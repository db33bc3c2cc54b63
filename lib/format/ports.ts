import type { PortMapping } from '../protocol/containers';

/** `0.0.0.0:8080->80/tcp`, `80/tcp`, as `docker ps` shows them. */
export function formatPort(p: PortMapping): string {
  const inner = `${p.containerPort}/${p.protocol}`;
  if (p.hostPort === undefined) return inner;
  const ip = p.hostIp?.includes(':') ? `[${p.hostIp}]` : (p.hostIp ?? '0.0.0.0');
  return `${ip}:${p.hostPort}->${inner}`;
}

/**
 * The URL a published TCP port opens in the browser, or null. A wildcard bind is opened on the host
 * name the user reached Dockside by, since that is a name that reaches this machine.
 */
export function portUrl(p: PortMapping, pageHost: string): string | null {
  if (p.hostPort === undefined || p.protocol !== 'tcp') return null;
  const wildcard = !p.hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::';
  const host = wildcard ? pageHost : p.hostIp!.includes(':') ? `[${p.hostIp}]` : p.hostIp!;
  return `http://${host}:${p.hostPort}/`;
}

/** The IPv4 and IPv6 wildcard rows of one binding read as one in a list. */
export function dedupePorts(ports: PortMapping[]): PortMapping[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const key = `${p.containerPort}/${p.protocol}->${p.hostPort ?? ''}:${p.hostIp === '::' ? '0.0.0.0' : (p.hostIp ?? '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
