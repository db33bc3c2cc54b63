'use client';
import { dedupePorts, formatPort, portUrl } from '@/lib/format/ports';
import type { PortMapping } from '@/lib/protocol/containers';

/** Published TCP ports are links that open the service; the rest are plain text. */
export function PortLinks({ ports, max = 3 }: { ports: PortMapping[]; max?: number }) {
  const list = dedupePorts(ports.filter((p) => p.hostPort !== undefined));
  if (list.length === 0) return <span className="text-muted">—</span>;
  const host = typeof window === 'undefined' ? 'localhost' : window.location.hostname;
  return (
    <span className="flex flex-wrap gap-x-2 gap-y-0.5">
      {list.slice(0, max).map((p) => {
        const url = portUrl(p, host);
        const label = `${p.hostPort}:${p.containerPort}`;
        return url ? (
          <a key={formatPort(p)} href={url} target="_blank" rel="noopener noreferrer" title={`Open ${formatPort(p)}`} className="font-mono text-xs text-accent hover:underline" onClick={(e) => e.stopPropagation()}>
            {label}
          </a>
        ) : (
          <span key={formatPort(p)} className="font-mono text-xs" title={formatPort(p)}>
            {label}/{p.protocol}
          </span>
        );
      })}
      {list.length > max && <span className="text-xs text-muted">+{list.length - max}</span>}
    </span>
  );
}
