import crypto from 'node:crypto';
import type Docker from 'dockerode';
import type { ErrorCode } from '../../../lib/protocol/errors';
import type { CreateContainerRequest, CreateContainerResult, RecreateResult, RunField, RunSpec } from '../../../lib/protocol/run-spec';
import { checkRunSpec } from '../../../lib/protocol/run/checks';
import type { RunApi, RunStepTimer } from '../api/run';
import { EngineError } from '../errors';
import { toContainerDetail } from '../reshape';
import { withSignal, type ResourceContext } from './resource-context';
import { buildCreateBody } from './run-body';
import { keepAnonymousVolumes, runSpecFromInspect, type ImageConfigLike, type InspectLike } from './run-from-inspect';

export type RunContext = ResourceContext;

/** An engine failure that concerns one field of the run form; the form shows it there. */
export class RunFieldError extends EngineError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly field?: RunField,
  ) {
    super(code, message);
  }

  override toJSON() {
    return { ...super.toJSON(), ...(this.field ? { field: this.field } : {}) };
  }
}

/** Which field an engine message is about (the engine says it only in words). */
export function fieldOfEngineMessage(message: string, spec?: RunSpec): RunField | undefined {
  const m = message.toLowerCase();
  if (/container name .* is already in use|conflict\. the container name/.test(m)) return 'name';
  if (/no such image|pull access denied|repository does not exist|invalid reference format|manifest unknown/.test(m)) return 'image';
  if (/port is already allocated|bind: address already in use|ports are not available|invalid port/.test(m)) return 'ports';
  if (/network .* not found|user specified ip address|no available ipv4|invalid ipv4|address already in use|alias/.test(m)) return 'networks';
  if (/mount|volume|bind source path|not a directory|invalid volume specification/.test(m)) return 'mounts';
  if (/unable to find user|no matching entries in passwd/.test(m)) return 'user';
  if (/cwd|working directory/.test(m)) return 'workdir';
  if (/error gathering device|device/.test(m)) return 'devices';
  if (/restart policy/.test(m)) return 'restart';
  if (/executable file not found|exec: |no such file or directory/.test(m)) return spec?.entrypoint ? 'entrypoint' : 'command';
  return undefined;
}

function withField(err: EngineError, spec?: RunSpec): RunFieldError {
  const field = fieldOfEngineMessage(err.message, spec);
  if (field === 'image' && err.code === 'not_found') {
    return new RunFieldError(
      'not_found',
      `${err.message}. The image is not on this engine: pull it first (the run form pulls it for you).`,
      'image',
    );
  }
  return new RunFieldError(err.code, err.message, field);
}

const short = () => crypto.randomBytes(3).toString('hex');

/** The steps of a recreate, in order; tests force a failure before any of them. */
export const recreateSteps = ['create', 'stop-old', 'start-new', 'rename-old', 'rename-new', 'remove-old'] as const;
export type RecreateStep = (typeof recreateSteps)[number];

export interface RunOptions {
  /** Tests only: fail just before this recreate step, as a real engine failure would. */
  failBefore?: () => RecreateStep | undefined;
}

export function dockerRun(ctx: RunContext, options: RunOptions = {}): RunApi {
  const d = ctx.docker;

  async function imageConfig(ref: string): Promise<ImageConfigLike | null> {
    try {
      const img = await ctx.read((abortSignal) => d.getImage(ref).inspect({ abortSignal } as object), `Image ${ref}`);
      return (img as { Config?: ImageConfigLike }).Config ?? {};
    } catch (err) {
      if (err instanceof EngineError && err.code === 'not_found') return null;
      throw err;
    }
  }

  /** The engine (20.10) accepts a create naming a network that does not exist and fails at start. */
  async function requireNetworks(spec: RunSpec): Promise<void> {
    for (const net of spec.networks ?? []) {
      if (['default', 'bridge', 'host', 'none'].includes(net.name) || net.name.startsWith('container:')) continue;
      try {
        await ctx.read((abortSignal) => withSignal(d.getNetwork(net.name).inspect, d.getNetwork(net.name), { abortSignal }));
      } catch (err) {
        const e = err instanceof EngineError ? err : ctx.fail(err);
        if (e.code === 'not_found') throw new RunFieldError('not_found', `There is no network called ${net.name} on this engine.`, 'networks');
        throw e;
      }
    }
  }

  /** Create + connect the extra networks; on a failure after create, removes what it made. */
  async function make(spec: RunSpec, start: boolean, nameOverride?: string, onStep?: RunStepTimer): Promise<{ id: string; name: string; notes: string[] }> {
    const problem = checkRunSpec(spec)[0];
    if (problem) throw new RunFieldError('bad_request', problem.message, problem.field);
    // A missing image needs no check of its own: the create is refused (404, "No such image"), nothing
    // is made, and withField names the image field — one engine round trip less on every run.
    await requireNetworks(spec);
    const body = buildCreateBody(nameOverride ? { ...spec, name: nameOverride } : spec, { start });
    let container: Docker.Container;
    try {
      const t0 = performance.now();
      container = await ctx.call(() => d.createContainer(body as unknown as Docker.ContainerCreateOptions), `Create from ${spec.image}`);
      onStep?.('create', performance.now() - t0);
    } catch (err) {
      throw withField(ctx.fail(err), spec);
    }
    const notes: string[] = [];
    try {
      for (const net of (spec.networks ?? []).slice(1)) {
        await ctx.call(() =>
          d.getNetwork(net.name).connect({
            Container: container.id,
            EndpointConfig: {
              ...(net.aliases?.length ? { Aliases: net.aliases } : {}),
              ...(net.ipv4 ? { IPAMConfig: { IPv4Address: net.ipv4 } } : {}),
            },
          }),
        );
        notes.push(`Connected to ${net.name}.`);
      }
    } catch (err) {
      await container.remove({ force: true }).catch(() => undefined);
      const e = ctx.fail(err);
      throw new RunFieldError(e.code, `${e.message} (the new container was removed again)`, 'networks');
    }
    const given = (nameOverride ?? spec.name)?.replace(/^\//, '');
    // The engine names it as asked; only a generated name needs reading back.
    const name = given ?? (await ctx.read((abortSignal) => container.inspect({ abortSignal }))).Name.replace(/^\//, '');
    return { id: container.id, name, notes };
  }

  async function inspectRaw(ref: string): Promise<InspectLike & { State: { Running: boolean; Paused: boolean } }> {
    return (await ctx.read((abortSignal) => d.getContainer(ref).inspect({ abortSignal }), `Container ${ref}`)) as unknown as InspectLike & {
      State: { Running: boolean; Paused: boolean };
    };
  }

  /**
   * The made container as its page reads it (`ContainersApi.inspect`): the form opens that page next,
   * and this one read saves it a request of its own after the navigation. A failed read only means
   * the page reads it itself.
   */
  async function detailOf(id: string): Promise<CreateContainerResult['container']> {
    try {
      const raw = await ctx.read((abortSignal) => d.getContainer(id).inspect({ abortSignal }));
      return { container: toContainerDetail(raw), inspect: raw };
    } catch {
      return undefined;
    }
  }

  async function defaultLogDriver(): Promise<string | undefined> {
    try {
      const info = await ctx.read((abortSignal) => withSignal(d.info, d, { abortSignal }));
      return (info as { LoggingDriver?: string }).LoggingDriver;
    } catch {
      return undefined;
    }
  }

  return {
    async create(req: CreateContainerRequest, onStep?: RunStepTimer): Promise<CreateContainerResult> {
      const made = await make(req.spec, req.start, undefined, onStep);
      const withDetail = async (r: CreateContainerResult): Promise<CreateContainerResult> => {
        const t0 = performance.now();
        const container = await detailOf(made.id);
        onStep?.('inspect', performance.now() - t0);
        return container ? { ...r, container } : r;
      };
      if (!req.start) return withDetail({ id: made.id, name: made.name, started: false, notes: made.notes });
      try {
        const t0 = performance.now();
        await ctx.call(() => d.getContainer(made.id).start(), `Start ${made.name}`);
        onStep?.('start', performance.now() - t0);
      } catch (err) {
        const e = withField(ctx.fail(err), req.spec);
        // The form stays open to say why: no page to read for.
        return { id: made.id, name: made.name, started: false, startError: e.toJSON(), notes: made.notes };
      }
      return withDetail({ id: made.id, name: made.name, started: true, notes: made.notes });
    },

    async specOf(ref: string) {
      const c = await inspectRaw(ref);
      // The image the container was made from (by id: the tag may point elsewhere by now).
      const imageId = (c as unknown as { Image: string }).Image;
      const [image, logDriver] = await Promise.all([imageConfig(imageId), defaultLogDriver()]);
      return runSpecFromInspect(c, image, { defaultLogDriver: logDriver });
    },

    async recreate(ref: string, requested: RunSpec): Promise<RecreateResult> {
      const old = await inspectRaw(ref);
      const oldName = old.Name.replace(/^\//, '');
      const finalName = (requested.name ?? oldName).replace(/^\//, '');
      if (old.HostConfig.AutoRemove) {
        throw new RunFieldError(
          'conflict',
          `${oldName} removes itself when it stops (--rm), so it cannot be kept for a safe replace. Use "Duplicate" to make a new one beside it instead.`,
        );
      }
      if (finalName !== oldName) {
        const taken = await ctx.read((abortSignal) => d.listContainers({ all: true, filters: { name: [`^/${finalName}$`] }, abortSignal } as object));
        if ((taken as unknown[]).length) throw new RunFieldError('conflict', `The name ${finalName} is already in use by another container.`, 'name');
      }
      const spec = keepAnonymousVolumes({ ...requested, name: finalName }, old);
      const wasRunning = old.State.Running || old.State.Paused;
      const tag = short();
      const tempNew = `${finalName}-new-${tag}`;
      const tempOld = `${oldName}-old-${tag}`;
      const steps: string[] = [];
      const inject = (step: RecreateStep) => {
        if (options.failBefore?.() === step) throw new EngineError('engine_error', `Forced failure before ${step} (test).`);
      };

      // 1. Create the new container beside the old one. Nothing to undo if this fails.
      inject('create');
      const made = await make(spec, wasRunning, tempNew).catch((err: unknown) => {
        throw err instanceof EngineError ? err : ctx.fail(err);
      });
      steps.push(`Created the new container as ${tempNew}.`);
      const newC = d.getContainer(made.id);
      const oldC = d.getContainer(old.Id);

      let oldStopped = false;
      let oldRenamed = false;
      /** Put the old container back as it was, remove the new one, and say what happened. */
      const restore = async (failedStep: string, err: unknown): Promise<never> => {
        const e = err instanceof EngineError ? err : ctx.fail(err);
        const undo: string[] = [];
        await newC
          .remove({ force: true })
          .then(() => undo.push(`removed the new container ${tempNew}`))
          .catch((x: unknown) => undo.push(`could not remove the new container ${tempNew} (${ctx.fail(x).message}): remove it yourself`));
        if (oldRenamed) {
          await oldC
            .rename({ name: oldName })
            .then(() => undo.push(`gave ${oldName} its name back`))
            .catch((x: unknown) => undo.push(`could not rename ${tempOld} back to ${oldName} (${ctx.fail(x).message})`));
        }
        if (oldStopped) {
          await oldC
            .start()
            .then(() => undo.push(`started ${oldName} again`))
            .catch((x: unknown) => undo.push(`could not start ${oldName} again (${ctx.fail(x).message})`));
        }
        const message = `Recreate failed while ${failedStep}: ${e.message}. ${oldName} is kept; ${undo.join(', ') || 'nothing needed undoing'}.`;
        throw new RunFieldError(e.code === 'not_found' ? 'engine_error' : e.code, message, fieldOfEngineMessage(e.message, spec));
      };

      // 2. Stop the old one (it may hold the ports and fixed addresses the new one needs).
      try {
        inject('stop-old');
        if (wasRunning) {
          await ctx.call(() => oldC.stop(), `Stop ${oldName}`);
          oldStopped = true;
          steps.push(`Stopped ${oldName}.`);
        }
      } catch (err) {
        await restore(`stopping ${oldName}`, err);
      }

      // 3. Start the new one, only if the old one was running.
      try {
        inject('start-new');
        if (wasRunning) {
          await ctx.call(() => newC.start(), `Start ${tempNew}`);
          steps.push(`Started the new container.`);
        }
      } catch (err) {
        await restore('starting the new container', err);
      }

      // 4–5. Swap the names.
      try {
        inject('rename-old');
        await ctx.call(() => oldC.rename({ name: tempOld }));
        oldRenamed = true;
        steps.push(`Renamed the old container to ${tempOld}.`);
        inject('rename-new');
        await ctx.call(() => newC.rename({ name: finalName }));
        steps.push(`Renamed the new container to ${finalName}.`);
      } catch (err) {
        await restore('swapping the names', err);
      }

      // 6. Remove the old one (not its volumes: the new one may mount them). The new one already
      // runs under the right name, so a failure here loses nothing and is only reported.
      try {
        inject('remove-old');
        await ctx.call(() => oldC.remove({ force: true, v: false }));
        steps.push(`Removed the old container.`);
      } catch (err) {
        steps.push(`The old container could not be removed (${ctx.fail(err).message}); it is kept as ${tempOld}.`);
      }
      return { id: made.id, name: finalName, steps };
    },
  };
}
