import type { NetworkSummary } from '../protocol/networks';
import type { VolumeSummary } from '../protocol/volumes';
import { labelsContain } from './label-filter';

/** The search box of a list without other filters (volumes, networks), kept in the URL as `?q=` like the others'. */
export interface SearchView {
  q: string;
}

export function searchViewFromParams(p: URLSearchParams): SearchView {
  return { q: (p.get('q') ?? '').slice(0, 200) };
}

export function searchViewToParams(v: SearchView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.q) p.set('q', v.q);
  return p;
}

/** The rows a search shows: all of them for an empty one; else those `matches` says hold the trimmed, lower-case text. */
export function searchRows<T>(rows: readonly T[], q: string, matches: (row: T, q: string) => boolean): T[] {
  const needle = q.trim().toLowerCase();
  return needle ? rows.filter((r) => matches(r, needle)) : [...rows];
}

/** What the volumes search matches (lower-case `q`): name, driver, labels, and the containers that mount it. */
export function volumeMatches(v: VolumeSummary, q: string): boolean {
  return v.name.toLowerCase().includes(q) || v.driver.toLowerCase().includes(q) || labelsContain(v.labels, q) || v.usedBy.some((u) => u.name.toLowerCase().includes(q));
}

/**
 * What the networks search matches (lower-case `q`): name, id prefix, driver, subnets and gateways,
 * labels, and the attached containers by name or address.
 */
export function networkMatches(n: NetworkSummary, q: string): boolean {
  if (n.name.toLowerCase().includes(q) || n.id.startsWith(q) || n.driver.toLowerCase().includes(q) || labelsContain(n.labels, q)) return true;
  if (n.ipam.some((c) => (c.subnet ?? '').includes(q) || (c.gateway ?? '').includes(q))) return true;
  return n.containers.some((c) => c.containerName.toLowerCase().includes(q) || (c.ipv4 !== '' && c.ipv4.includes(q)));
}
