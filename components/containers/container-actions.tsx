'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLayoutEffect, useRef } from 'react';
import { Menu } from '@/components/ui/menu';
import { ActionBar } from '@/components/ui/page-header';
import { Spinner } from '@/components/ui/spinner';
import { useContainerActions, type Target } from '@/hooks/use-container-actions';
import { availableOperations, operationWords, type OperationName } from '@/lib/format/actions';
import type { ContainerState } from '@/lib/protocol/containers';
import type { ConfirmableOperation, OperationRequest } from './operation-dialog';

const confirmable = new Set<OperationName>(['stop', 'restart', 'kill', 'remove', 'rename']);
const icons: Partial<Record<OperationName, string>> = { start: '▶', stop: '■', restart: '↻', pause: '❚❚', unpause: '▶' };

const iconButton = 'inline-flex h-7 w-7 items-center justify-center rounded-md text-xs text-fg-soft hover:bg-raised hover:text-fg disabled:cursor-not-allowed disabled:opacity-40';

/**
 * The operations for one container: the common ones as buttons, the rest in a menu. In a row it
 * also offers Logs and Shell one click away; `compact` (narrow tables) keeps one button and moves
 * the rest into the menu; `disabled` (engine unreachable) shows them but lets nothing run. While an
 * operation runs the buttons give way to a spinner, and focus moves to this cell rather than being
 * lost with the button that had it.
 */
export function ContainerActions({
  target,
  state,
  onRequest,
  layout = 'row',
  compact = false,
  disabled = false,
  onCommit,
}: {
  target: Target;
  state: ContainerState;
  onRequest: (r: OperationRequest) => void;
  /** `docker commit` (its dialog lives with the images feature); offered when given. */
  onCommit?: (t: Target) => void;
  layout?: 'row' | 'toolbar';
  compact?: boolean;
  disabled?: boolean;
}) {
  const { run, busy } = useContainerActions();
  const router = useRouter();
  const box = useRef<HTMLDivElement>(null);
  const isBusy = busy.has(target.id);
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (isBusy && (!active || active === document.body)) box.current?.focus();
  }, [isBusy]);
  const ops = disabled ? [] : availableOperations(state);
  const act = (op: OperationName) => {
    if (confirmable.has(op)) onRequest({ name: op as ConfirmableOperation, targets: [target] });
    else void run([target], { kind: 'action', action: { action: op as 'start' | 'pause' | 'unpause' } });
  };
  const base = `/containers/${encodeURIComponent(target.name)}`;

  if (layout === 'toolbar') {
    return (
      <div ref={box} tabIndex={-1} className="flex flex-wrap gap-2 focus:outline-none">
        {isBusy ? (
          <Spinner label={`Working on ${target.name}`} />
        ) : (
          <ActionBar
            label={`Actions for ${target.name}`}
            items={[
              ...ops.map((op) => ({ label: operationWords[op].verb, icon: icons[op], danger: op === 'remove', onSelect: () => act(op) })),
              ...(onCommit && !disabled ? [{ label: 'Commit…', onSelect: () => onCommit(target) }] : []),
            ]}
          />
        )}
      </div>
    );
  }

  const inline = ops.filter((op) => op in icons).slice(0, compact ? 1 : 3);
  const rest = ops.filter((op) => !inline.includes(op));
  const running = state === 'running';
  const menuItems = [
    ...(compact ? [{ label: 'Logs', onSelect: () => router.push(`${base}/logs`) }, ...(running ? [{ label: 'Shell', onSelect: () => router.push(`${base}/terminal`) }] : [])] : []),
    ...rest.map((op) => ({ label: `${operationWords[op].verb}…`, danger: op === 'remove' || op === 'kill', onSelect: () => act(op) })),
    ...(onCommit && !disabled ? [{ label: 'Commit to image…', onSelect: () => onCommit(target) }] : []),
  ];
  return (
    <div ref={box} tabIndex={-1} aria-label={isBusy ? `Working on ${target.name}` : undefined} className="flex items-center justify-end gap-0.5 focus:outline-none" onClick={(e) => e.stopPropagation()}>
      {isBusy ? (
        <Spinner label={`Working on ${target.name}`} />
      ) : (
        <>
          {!compact && (
            <>
              <Link href={`${base}/logs`} prefetch={false} aria-label={`Logs of ${target.name}`} title="Logs" className={iconButton}>
                <span aria-hidden>☰</span>
              </Link>
              {running ? (
                <Link href={`${base}/terminal`} prefetch={false} aria-label={`Shell in ${target.name}`} title="Shell" className={`${iconButton} font-mono`}>
                  <span aria-hidden>&gt;_</span>
                </Link>
              ) : (
                <span className="w-7" aria-hidden />
              )}
            </>
          )}
          {inline.map((op) => (
            <button key={op} type="button" aria-label={`${operationWords[op].verb} ${target.name}`} title={operationWords[op].verb} className={iconButton} onClick={() => act(op)}>
              {icons[op]}
            </button>
          ))}
          {menuItems.length > 0 && (
            <Menu label={`More actions for ${target.name}`} items={menuItems}>
              ⋯
            </Menu>
          )}
        </>
      )}
    </div>
  );
}
