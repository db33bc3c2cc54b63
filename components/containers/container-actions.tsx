'use client';
import { Button } from '@/components/ui/button';
import { Menu } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import { useContainerActions, type Target } from '@/hooks/use-container-actions';
import { availableOperations, operationWords, type OperationName } from '@/lib/format/actions';
import type { ContainerState } from '@/lib/protocol/containers';
import type { ConfirmableOperation, OperationRequest } from './operation-dialog';

const confirmable = new Set<OperationName>(['stop', 'restart', 'kill', 'remove', 'rename']);
const icons: Partial<Record<OperationName, string>> = { start: '▶', stop: '■', restart: '↻', pause: '❚❚', unpause: '▶' };

/** The operations for one container: the common ones as buttons, the rest in a menu. */
export function ContainerActions({
  target,
  state,
  onRequest,
  onCommit,
  layout = 'row',
}: {
  target: Target;
  state: ContainerState;
  onRequest: (r: OperationRequest) => void;
  /** `docker commit` (its dialog lives with the images feature). */
  onCommit?: (t: Target) => void;
  layout?: 'row' | 'toolbar';
}) {
  const { run, busy } = useContainerActions();
  const ops = availableOperations(state);
  const act = (op: OperationName) => {
    if (confirmable.has(op)) onRequest({ name: op as ConfirmableOperation, targets: [target] });
    else void run([target], { kind: 'action', action: { action: op as 'start' | 'pause' | 'unpause' } });
  };
  if (busy.has(target.id)) return <Spinner label={`Working on ${target.name}`} />;

  if (layout === 'toolbar') {
    return (
      <div className="flex flex-wrap gap-2">
        {ops.map((op) => (
          <Button key={op} variant={op === 'remove' ? 'danger' : 'secondary'} onClick={() => act(op)}>
            {icons[op] && <span aria-hidden>{icons[op]}</span>}
            {operationWords[op].verb}
          </Button>
        ))}
      </div>
    );
  }

  const inline = ops.filter((op) => op in icons).slice(0, 3);
  const rest = ops.filter((op) => !inline.includes(op));
  return (
    <div className="flex items-center justify-end gap-0.5" onClick={(e) => e.stopPropagation()}>
      {inline.map((op) => (
        <button
          key={op}
          type="button"
          aria-label={`${operationWords[op].verb} ${target.name}`}
          title={operationWords[op].verb}
          className="inline-flex h-7 w-7 items-center justify-center rounded-md text-xs text-slate-300 hover:bg-raised hover:text-white"
          onClick={() => act(op)}
        >
          {icons[op]}
        </button>
      ))}
      {(rest.length > 0 || onCommit) && (
        <Menu
          label={`More actions for ${target.name}`}
          items={[
            ...rest.map((op) => ({ label: `${operationWords[op].verb}…`, danger: op === 'remove' || op === 'kill', onSelect: () => act(op) })),
            ...(onCommit ? [{ label: 'Commit to image…', onSelect: () => onCommit(target) }] : []),
          ]}
        >
          ⋯
        </Menu>
      )}
    </div>
  );
}
