import type { DockerContext } from './context';

/** The part of an engine's DockerContext the run, volume and network factories use. */
export type ResourceContext = Pick<DockerContext, 'docker' | 'read' | 'call' | 'fail'>;

/** dockerode's typings leave the options (and so `abortSignal`) off some reads; they are passed through. */
export function withSignal<T>(fn: (...args: never[]) => Promise<T>, self: unknown, opts: object): Promise<T> {
  return (fn as unknown as (o: object) => Promise<T>).call(self, opts);
}
