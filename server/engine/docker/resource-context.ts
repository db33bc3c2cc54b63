import type Docker from 'dockerode';
import type { EngineError } from '../errors';

/** The part of an engine's DockerContext the run, volume and network factories use. */
export interface ResourceContext {
  readonly docker: Docker;
  read<T>(fn: (abortSignal: AbortSignal) => Promise<T>, what?: string, deadlineMs?: number): Promise<T>;
  call<T>(fn: () => Promise<T>, what?: string): Promise<T>;
  fail(err: unknown, what?: string): EngineError;
}

/** dockerode's typings leave the options (and so `abortSignal`) off some reads; they are passed through. */
export function withSignal<T>(fn: (...args: never[]) => Promise<T>, self: unknown, opts: object): Promise<T> {
  return (fn as unknown as (o: object) => Promise<T>).call(self, opts);
}
