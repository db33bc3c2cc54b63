import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const where = (n: ProfileNode) => {
  const url = n.callFrame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'node_modules/').replace(process.cwd() + '/', '');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}${url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
};

const packageOf = (n: ProfileNode) => {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName;
  if (url.startsWith('node:')) return 'node internals';
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  return m ? m[1]! : url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
};

/**
 * A plain-text digest of a .cpuprofile: time by package or file, by function (self), and the
 * functions with the most inclusive time (optionally only those matching `focus`).
 */
export function summarizeProfile(file: string, focus?: RegExp, top = 30): string {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map<number, number>();
  prof.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));

  const byPackage = new Map<string, number>();
  const bySelf = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let busy = 0;
  for (const [id, t] of selfTime) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') continue;
    busy += t;
    add(byPackage, packageOf(n), t);
    add(bySelf, where(n), t);
    const seen = new Set<string>();
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const k = where(byId.get(p)!);
      if (!seen.has(k)) add(inclusive, k, t);
      seen.add(k);
    }
  }
  const list = (m: Map<string, number>, filter?: RegExp) =>
    [...m]
      .filter(([k]) => !filter || filter.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return [
    `busy (not idle): ${(busy / 1000).toFixed(0)} ms`,
    '--- self time by package / file',
    list(byPackage),
    '--- self time by function',
    list(bySelf),
    `--- inclusive time${focus ? ` (matching ${focus})` : ''}`,
    list(inclusive, focus),
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) {
  // npx tsx bench/lib/profile-summary.ts <file.cpuprofile> [focus-regexp]
  process.stdout.write(summarizeProfile(process.argv[2]!, process.argv[3] ? new RegExp(process.argv[3]) : undefined) + '\n');
}
