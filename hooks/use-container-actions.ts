'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { useToasts } from './use-toasts';
import { countNoun, operationWords, type OperationName } from '@/lib/format/actions';
import type { ContainerAction, RemoveContainerOptions } from '@/lib/protocol/containers';
import { keys } from './query-keys';
import { removeContainer, runAction } from './use-containers';

export type Operation = { kind: 'action'; action: ContainerAction } | { kind: 'remove'; options: Partial<RemoveContainerOptions> };
export interface Target {
  id: string;
  name: string;
}

// Which containers have an operation in flight, shared by every row and the detail page.
const pending = new Set<string>();
const listeners = new Set<() => void>();
let snapshot: ReadonlySet<string> = new Set();
const publish = () => {
  snapshot = new Set(pending);
  for (const fn of listeners) fn();
};
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};

const CONCURRENCY = 4;

export function operationName(op: Operation): OperationName {
  return op.kind === 'remove' ? 'remove' : op.action.action;
}

/**
 * Runs an operation on one or many containers: a progress toast while it runs, one result toast at
 * the end (naming each failure). Rows then update from engine events, not from our guess.
 */
export function useContainerActions() {
  const toasts = useToasts();
  const qc = useQueryClient();
  const busy = useSyncExternalStore(subscribe, () => snapshot, () => snapshot);

  const run = useCallback(
    async (targets: Target[], op: Operation): Promise<{ ok: Target[]; failed: Array<Target & { message: string }> }> => {
      const words = operationWords[operationName(op)];
      const what = targets.length === 1 ? targets[0]!.name : countNoun(targets.length);
      const toastId = toasts.show({ tone: 'progress', title: `${words.doing} ${what}…` });
      const ok: Target[] = [];
      const failed: Array<Target & { message: string }> = [];
      for (const t of targets) pending.add(t.id);
      publish();
      const queue = [...targets];
      const worker = async () => {
        for (let t = queue.shift(); t; t = queue.shift()) {
          try {
            if (op.kind === 'remove') await removeContainer(t.id, op.options);
            else await runAction(t.id, op.action);
            ok.push(t);
          } catch (err) {
            failed.push({ ...t, message: (err as Error).message });
          } finally {
            pending.delete(t.id);
            publish();
            if (targets.length > 1) {
              toasts.show({ tone: 'progress', title: `${words.doing} ${what}… ${ok.length + failed.length}/${targets.length}` }, toastId);
            }
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
      if (failed.length === 0) {
        toasts.show({ tone: 'success', title: `${words.done} ${what}` }, toastId);
      } else {
        const title =
          targets.length === 1 ? `Could not ${words.verb.toLowerCase()} ${what}` : `${words.done} ${ok.length} of ${targets.length}; ${failed.length} failed`;
        toasts.show({ tone: 'error', title, detail: failed.map((f) => (targets.length === 1 ? f.message : `${f.name}: ${f.message}`)).join('\n') }, toastId);
      }
      // Events will refresh the rows too; this covers a rename or remove whose event raced the response.
      void qc.invalidateQueries({ queryKey: keys.containers.all });
      return { ok, failed };
    },
    [toasts, qc],
  );

  return { run, busy };
}
