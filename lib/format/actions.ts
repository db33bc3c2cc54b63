import type { ContainerState } from '../protocol/containers';
import type { ContainerActionName } from '../protocol/containers';

export type OperationName = ContainerActionName | 'remove';

/** How each operation reads in buttons, progress and results. */
export const operationWords: Record<OperationName, { verb: string; doing: string; done: string }> = {
  start: { verb: 'Start', doing: 'Starting', done: 'Started' },
  stop: { verb: 'Stop', doing: 'Stopping', done: 'Stopped' },
  restart: { verb: 'Restart', doing: 'Restarting', done: 'Restarted' },
  kill: { verb: 'Kill', doing: 'Killing', done: 'Killed' },
  pause: { verb: 'Pause', doing: 'Pausing', done: 'Paused' },
  unpause: { verb: 'Resume', doing: 'Resuming', done: 'Resumed' },
  rename: { verb: 'Rename', doing: 'Renaming', done: 'Renamed' },
  remove: { verb: 'Remove', doing: 'Removing', done: 'Removed' },
};

/** Why an action is off while the engine does not answer: the title of every such button, on every page. */
export const ENGINE_DOWN_ACTION_TITLE = 'Off while the engine is unreachable';

export function countNoun(n: number, noun = 'container'): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** What makes sense for a container in a given state, in the order the UI offers it. */
export function availableOperations(state: ContainerState): OperationName[] {
  switch (state) {
    case 'running':
      return ['stop', 'restart', 'pause', 'kill', 'rename', 'remove'];
    case 'paused':
      return ['unpause', 'stop', 'kill', 'rename', 'remove'];
    case 'restarting':
      return ['stop', 'kill', 'rename', 'remove'];
    case 'removing':
      return [];
    default:
      return ['start', 'rename', 'remove'];
  }
}
