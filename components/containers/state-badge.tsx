import type { ContainerState, HealthState } from '@/lib/protocol/containers';

const stateStyle: Record<ContainerState, string> = {
  running: 'bg-emerald-900/50 text-emerald-300 ring-emerald-700/50',
  restarting: 'bg-amber-900/50 text-amber-300 ring-amber-700/50',
  paused: 'bg-sky-900/50 text-sky-300 ring-sky-700/50',
  created: 'bg-slate-800 text-slate-300 ring-slate-600/50',
  removing: 'bg-amber-900/50 text-amber-300 ring-amber-700/50',
  exited: 'bg-slate-800 text-slate-400 ring-slate-600/50',
  dead: 'bg-red-900/50 text-red-300 ring-red-700/50',
};

export function StateBadge({ state }: { state: ContainerState }) {
  return (
    <span data-testid="state" data-state={state} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${stateStyle[state]}`}>
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${state === 'running' ? 'bg-emerald-400' : 'bg-current opacity-60'}`} />
      {state}
    </span>
  );
}

const healthStyle: Record<Exclude<HealthState, 'none'>, string> = {
  healthy: 'text-emerald-300',
  unhealthy: 'text-red-300',
  starting: 'text-amber-300',
};

export function HealthBadge({ health }: { health: HealthState }) {
  if (health === 'none') return null;
  return <span className={`text-xs ${healthStyle[health]}`}>● {health}</span>;
}
