import type { RunSpec } from '../run-spec';

// Checks of a run spec shared by the form (shown before submit) and the engine (refused before
// any engine call).

/** Problems the engine would report less clearly, found before asking it. */
export function checkRunSpec(spec: RunSpec): Array<{ field: 'ports' | 'networks' | 'mounts'; message: string }> {
  const problems: Array<{ field: 'ports' | 'networks' | 'mounts'; message: string }> = [];
  for (const p of spec.ports ?? []) {
    const len = (r: string) => {
      const [a, b] = r.split('-').map(Number) as [number, number | undefined];
      return (b ?? a) - a + 1;
    };
    if (p.hostPort && len(p.hostPort) > 1 && len(p.containerPort) > 1 && len(p.hostPort) !== len(p.containerPort)) {
      problems.push({ field: 'ports', message: `The host range ${p.hostPort} and the container range ${p.containerPort} differ in length.` });
    }
  }
  const first = spec.networks?.[0];
  const special = first && (['host', 'none'].includes(first.name) || first.name.startsWith('container:'));
  if (special && (spec.networks!.length > 1)) problems.push({ field: 'networks', message: `A container on "${first.name}" cannot join other networks.` });
  if (first && ['bridge', 'host', 'none'].includes(first.name) && (first.aliases?.length || first.ipv4)) {
    problems.push({ field: 'networks', message: `Aliases and fixed addresses need a user-defined network, not "${first.name}".` });
  }
  if (first?.name === 'host' && spec.ports?.length) problems.push({ field: 'ports', message: 'On the host network the container uses the host’s ports directly: publishing has no effect.' });
  // The engine refuses a second endpoint on the same network only after the container is made.
  const names = new Set<string>();
  for (const n of spec.networks ?? []) {
    if (names.has(n.name)) problems.push({ field: 'networks', message: `The network ${n.name} is listed twice.` });
    names.add(n.name);
  }
  const targets = new Set<string>();
  for (const m of spec.mounts ?? []) {
    if (targets.has(m.target)) problems.push({ field: 'mounts', message: `Two mounts at ${m.target}.` });
    targets.add(m.target);
  }
  return problems;
}

/** Plain-words warnings shown before submit: things that hand the container the host. */
export function riskWarnings(spec: RunSpec): string[] {
  const w: string[] = [];
  if (spec.privileged) w.push('Privileged: the container gets every capability and every device of the host — it can take over the machine.');
  for (const m of spec.mounts ?? []) {
    if (m.type !== 'bind' || !m.source) continue;
    const src = m.source.replace(/\/+$/, '') || '/';
    if (src === '/') w.push(`The whole host filesystem is mounted at ${m.target}${m.readOnly ? ' (read-only)' : ', writable'}.`);
    if (/(^|\/)docker\.sock$/.test(src)) w.push(`The Docker socket is mounted at ${m.target}: the container can control the engine, which is root on the host.`);
  }
  if (spec.networks?.[0]?.name === 'host') w.push('Host network: the container shares the host’s network stack and can reach every local service.');
  return w;
}
