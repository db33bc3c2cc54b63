import type { ContainerState, HealthState } from '@/lib/protocol/containers';

const stateStyle: Record<ContainerState, string> = {
  running: 'bg-success/15 text-success ring-success/40',
  restarting: 'bg-warning/15 text-warning ring-warning/40',
  paused: 'bg-info/15 text-info ring-info/40',
  created: 'bg-raised text-fg-soft ring-line',
  removing: 'bg-warning/15 text-warning ring-warning/40',
  exited: 'bg-raised text-fg-soft ring-line',
  dead: 'bg-danger/15 text-danger ring-danger/40',
};

export function StateBadge({ state }: { state: ContainerState }) {
  return (
    <span data-testid="state" data-state={state} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${stateStyle[state]}`}>
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${state === 'running' ? 'bg-success' : 'bg-current opacity-60'}`} />
      {state}
    </span>
  );
}

const healthStyle: Record<Exclude<HealthState, 'none'>, string> = {
  healthy: 'text-success',
  unhealthy: 'text-danger',
  starting: 'text-warning',
};

export function HealthBadge({ health }: { health: HealthState }) {
  if (health === 'none') return null;
  return <span className={`text-xs ${healthStyle[health]}`}>● {health}</span>;
}
