import type { DockerContext } from './context';

/**
 * Which engine answers behind the Docker Engine API: dockerd, or Podman's compatible service
 * (`podman system service`). They differ in ways Dockside must handle rather than paper over:
 * Podman rejects the `dead` status filter, names removal `remove` (not `destroy`), reports stats
 * every 5 s with `system_cpu_usage` meaning the host's busy time only, and more.
 */
export type EngineDialect = 'docker' | 'podman';

/** What `/version` says, enough to tell the products apart. */
export interface VersionComponents {
  Components?: { Name?: string }[] | null;
}

export function dialectOfVersion(v: VersionComponents): EngineDialect {
  return (v.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) ? 'podman' : 'docker';
}

// Per engine (its context object), learnt from the first `/version` answer; forgotten when the
// engine is unreachable (it may come back as something else at the same address).
const known = new WeakMap<DockerContext, EngineDialect>();

/** Records what a `/version` answer said (the status probe calls this on every probe). */
export function noteDialect(ctx: DockerContext, v: VersionComponents | null): void {
  if (v) known.set(ctx, dialectOfVersion(v));
  else known.delete(ctx);
}

/** The engine's dialect: known from the last probe, else asked now (one `/version` call). */
export async function dialectOf(ctx: DockerContext): Promise<EngineDialect> {
  const cached = known.get(ctx);
  if (cached) return cached;
  const v = await ctx.read((abortSignal) => {
    const version = ctx.docker.version as unknown as (opts: { abortSignal: AbortSignal }) => Promise<VersionComponents>;
    return version.call(ctx.docker, { abortSignal });
  }, 'Engine version');
  noteDialect(ctx, v);
  return dialectOfVersion(v);
}

/** The dialect if a probe already learnt it (for synchronous callers such as event reshaping). */
export function knownDialect(ctx: DockerContext): EngineDialect | undefined {
  return known.get(ctx);
}

/**
 * Each dialect's container event actions, in Docker's words (what Dockside's list patching,
 * caches and feeds understand). Podman says `remove` where Docker says `destroy`, and `exec` /
 * `exec_died` where Docker says `exec_start` / `exec_die`; left as they were, every exec would look
 * like a state change and make the kept list and every tab refetch. Its extra `init`, `cleanup`,
 * `sync`… keep their names (no Docker twin).
 */
const containerActions: Record<EngineDialect, Record<string, string>> = {
  docker: {},
  podman: { remove: 'destroy', exec: 'exec_start', exec_died: 'exec_die' },
};

/** `action` for an event of `type` from an engine of `dialect`, in Docker's vocabulary. */
export function normaliseAction(dialect: EngineDialect | undefined, type: string, action: string): string {
  if (!dialect || type !== 'container') return action;
  return containerActions[dialect][action] ?? action;
}
