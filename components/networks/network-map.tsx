'use client';
import { useMemo } from 'react';
import { countNoun } from '@/lib/format/actions';
import { placeLineLabels } from '@/lib/ui/line-labels';
import type { NetworkSummary } from '@/lib/protocol/networks';

const NET_W = 150;
const CT_W = 130;
const GAP = 16;
const TOP = 12;
const BOTTOM = 120;
const H = 28;
// An address label's size at fontSize 10: a character's width (digits and dots, generously) and its
// line with the halo around it.
const LABEL_CHAR_W = 6;
const LABEL_H = 16;

const trim = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Where everything goes: the networks shown, the containers on them, each box's x and each line
 * with its address label placed. Placing labels compares each with those placed before it, so this
 * runs when the list changes, not on every render of the page around it.
 */
function mapLayout(networks: NetworkSummary[]) {
  const shown = networks.filter((n) => n.containers.length > 0 || !n.builtIn);
  const containers = new Map<string, { name: string; running: boolean }>();
  for (const n of shown) for (const c of n.containers) containers.set(c.containerId, { name: c.containerName, running: c.running });
  const cts = [...containers.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name));
  const width = Math.max(shown.length * (NET_W + GAP), cts.length * (CT_W + GAP)) + GAP;
  const netX = (i: number) => GAP + i * (NET_W + GAP) + (width - GAP - shown.length * (NET_W + GAP)) / 2;
  const ctX = (i: number) => GAP + i * (CT_W + GAP) + (width - GAP - cts.length * (CT_W + GAP)) / 2;
  const ctIndex = new Map(cts.map(([id], i) => [id, i]));
  // Labels placed apart: a container on two networks has both its lines meet at its box.
  const links = placeLineLabels(
    shown.flatMap((n, i) =>
      n.containers.map((c) => ({
        key: `${n.id}-${c.containerId}`,
        x1: netX(i) + NET_W / 2,
        y1: TOP + H,
        x2: ctX(ctIndex.get(c.containerId)!) + CT_W / 2,
        y2: BOTTOM,
        text: c.ipv4 ?? '',
        container: c.containerName,
      })),
    ),
    LABEL_CHAR_W,
    LABEL_H,
  );
  return { shown, cts, width, netX, ctX, links };
}

/**
 * Which containers sit on which networks: networks on the top row, containers below, a line for
 * each attachment (with the address). Only networks that have containers or were made by a user.
 */
export function NetworkMap({ networks }: { networks: NetworkSummary[] }) {
  const { shown, cts, width, netX, ctX, links } = useMemo(() => mapLayout(networks), [networks]);
  if (shown.length === 0) return null;

  return (
    <figure className="overflow-x-auto rounded-lg border border-line bg-panel p-2">
      <figcaption className="px-2 pb-1 text-xs text-muted">Which containers sit on which networks</figcaption>
      <svg role="img" aria-label={`${countNoun(shown.length, 'network')} and ${countNoun(cts.length)}`} width={width} height={BOTTOM + H + 12} className="text-fg-soft">
        {links.map((l) => (
          <line key={l.key} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} stroke="currentColor" strokeOpacity={0.35} />
        ))}
        {links.map((l) =>
          l.text ? (
            // Over every line, with a halo of the panel's colour, so no line crosses an address.
            <text key={l.key} x={l.label.x} y={l.label.y} fontSize={10} fill="currentColor" fillOpacity={0.75} textAnchor="middle" dominantBaseline="central" className="stroke-panel" strokeWidth={3} paintOrder="stroke" data-address-of={l.container}>
              {l.text}
            </text>
          ) : null,
        )}
        {shown.map((n, i) => (
          <g key={n.id} data-testid={`map-network-${n.name}`}>
            <rect x={netX(i)} y={TOP} width={NET_W} height={H} rx={6} className="fill-raised stroke-accent" strokeWidth={1} />
            <text x={netX(i) + NET_W / 2} y={TOP + 18} fontSize={12} fill="currentColor" textAnchor="middle">
              <title>{`${n.name} (${n.driver})`}</title>
              {trim(n.name, 20)}
            </text>
          </g>
        ))}
        {cts.map(([id, c], j) => (
          <g key={id} data-testid={`map-container-${c.name}`}>
            <rect x={ctX(j)} y={BOTTOM} width={CT_W} height={H} rx={14} className="fill-surface stroke-line" strokeWidth={1} strokeDasharray={c.running ? undefined : '4 3'} />
            <text x={ctX(j) + CT_W / 2} y={BOTTOM + 18} fontSize={11} fill="currentColor" textAnchor="middle">
              <title>{`${c.name}${c.running ? '' : ' (stopped)'}`}</title>
              {trim(c.name, 18)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
