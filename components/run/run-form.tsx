'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { keys } from '@/hooks/query-keys';
import { containerQuery, removeContainer } from '@/hooks/use-containers';
import { useEngineStatus, useMux } from '@/hooks/use-mux';
import { useImageList } from '@/hooks/use-images';
import { useNetworks } from '@/hooks/use-networks';
import { createContainer, recreateContainer, startPull, useContainerRunSpec, useImageDefaults, whenContainerMade } from '@/hooks/use-run';
import { useTaskStart } from '@/hooks/use-task-start';
import { useTask } from '@/hooks/use-tasks';
import { ApiRequestError } from '@/lib/api-client';
import { imageIdSchema, imageNameSchema, imageRefSchema } from '@/lib/protocol/image-ref';
import { mountTypes, portProtocols, restartPolicyNames, runSpecSchema, type CreateContainerResult, type PublishedPort, type RunMode, type RunMount, type RunSpec } from '@/lib/protocol/run-spec';
import { riskWarnings } from '@/lib/protocol/run/checks';
import { matchLocalImage } from '@/lib/protocol/run/image-match';
import { formatRunLine, normalizeRunSpec, parseRunLine, shellQuote, splitShellWords, type ParsedRunLine } from '@/lib/protocol/run/run-line';
import { formatBytes as formatSize } from '@/lib/format/bytes';
import { formatBytes, parseBytes } from '@/lib/protocol/run/units';
import { TaskProgressView } from '@/components/tasks/task-progress';
import { AdvancedFields, hasAdvanced } from './advanced-fields';
import { ImagePicker } from './image-picker';
import { Check, Field, inputClass, Rows, Section } from './run-fields';

type Errors = Partial<Record<string, string>>;

export interface RunFormProps {
  /** Prefill from an image (its page's Run button). */
  image?: string;
  /** Prefill from an existing container. */
  from?: string;
  /** With `from`: replace that container (recreate) rather than make a copy. */
  edit?: boolean;
}

const kvRows = (r: Record<string, string> | undefined) => Object.entries(r ?? {});
const kvRecord = (rows: Array<[string, string]>) => (rows.length ? Object.fromEntries(rows) : undefined);
const listOrUndefined = <T,>(xs: T[]) => (xs.length ? xs : undefined);
const csv = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** Which form field a schema issue belongs to. */
function issuesToErrors(spec: RunSpec): Errors {
  const r = runSpecSchema.safeParse(spec);
  if (r.success) return {};
  const errors: Errors = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    const where = issue.path.length > 1 ? ` (row ${Number(issue.path[1]) + 1})` : '';
    errors[key] ??= `${issue.message}${where}`;
  }
  return errors;
}

/** Errors found while typing (a value that does not parse), kept until fixed: submit refuses while any is left. */
const isLiveError = (key: string) => ['command', 'memory', 'shmSize', 'stopTimeout'].includes(key) || key.startsWith('health.');

/** A reference the pull task can fetch (not an image id, which names nothing in a registry). */
const isPullable = (ref: string) => imageRefSchema.safeParse(ref).success && !imageIdSchema.safeParse(ref).success;

/** Env file text (`KEY=value` lines, `#` comments) → env entries. */
function parseEnvFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.replace(/^export\s+/, ''));
}

/** `router.prefetch` of the whole page, server-rendered part included (the default stops short of a dynamic route's). */
const WHOLE_PAGE = { kind: 'full' } as unknown as Parameters<ReturnType<typeof useRouter>['prefetch']>[1];

/**
 * Evaluates the container page's client modules while the engine still starts the container. The
 * prefetch above loads their chunks but leaves the modules to be evaluated by the navigation's
 * render, which is the click's critical path: a few ms per click on a quiet machine (BENCHMARKS.md,
 * figure 16). Same modules as the route's (one module registry), so nothing is loaded twice.
 */
function warmPageModules(tab: 'logs' | 'terminal' | null) {
  void import('@/components/container-detail/container-header');
  if (tab === 'logs') void import('@/components/logs/container-logs');
  else if (tab === 'terminal') void import('@/components/terminal/terminal-tabs');
  else void import('@/components/container-detail/overview');
}

export function RunForm({ image, from, edit = false }: RunFormProps) {
  const router = useRouter();
  const mux = useMux();
  const qc = useQueryClient();
  const source = useContainerRunSpec(from ?? null);
  const [busy, setBusy] = useState(false);
  // While a run is on its way the pickers hold still: the engine's events for the container being
  // made would refetch them (engine reads beside its create + start) for a form about to be left.
  const networks = useNetworks(!busy);
  const readOnly = useEngineStatus()?.readOnly === true;
  const [spec, setSpecState] = useState<RunSpec>({ image: image ?? '', detach: true });
  const [mode, setMode] = useState<RunMode>('run');
  // Bumped when the whole spec is replaced (paste, loaded container): free-text inputs re-read it.
  const [rev, setRev] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  const [pasted, setPasted] = useState('');
  const [parsed, setParsed] = useState<ParsedRunLine | null>(null);
  const [envFile, setEnvFile] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  // A missing image is pulled by the server's pull task; the spec waits here until it ends.
  const pull = useTaskStart();
  const pullEntry = useTask(pull.task);
  const [pending, setPending] = useState<RunSpec | null>(null);
  const images = useImageList({ sharing: false }, !busy);
  const localImage = useMemo(() => matchLocalImage(images.data?.images ?? [], spec.image), [images.data, spec.image]);
  const imageDefaults = useImageDefaults(localImage?.id, !busy).data;
  const [outcome, setOutcome] = useState<{ kind: 'start-failed'; result: CreateContainerResult } | { kind: 'failed'; message: string } | null>(null);

  const set = (patch: Partial<RunSpec>) => setSpecState((s) => ({ ...s, ...patch }));
  const replace = (next: RunSpec) => {
    setSpecState(next);
    setRev((r) => r + 1);
    setErrors({});
    if (hasAdvanced(next)) setAdvancedOpen(true);
  };

  // A container's spec arrives once: a copy gets a new name (the old one is taken), an edit keeps it.
  useEffect(() => {
    if (!source.data) return;
    const s = source.data.spec;
    replace(edit ? s : { ...s, name: s.name ? `${s.name}-copy` : undefined });
  }, [source.data, edit]);

  /** Create (or recreate); a missing image is pulled first, once, then this runs again. */
  const perform = async (clean: RunSpec, mayPull: boolean) => {
    setBusy(true);
    setOutcome(null);
    let stopWatching: () => void = () => undefined;
    // Once the container's page is on its way the form stays busy until it is replaced: re-rendering
    // it (an urgent update) would come before the navigation's render, on the click's critical path.
    let leaving = false;
    try {
      if (edit && from) {
        const r = await recreateContainer(from, clean);
        await qc.invalidateQueries({ queryKey: keys.containers.all });
        router.push(`/containers/${encodeURIComponent(r.name)}`);
        leaving = true;
        return;
      }
      const tab = clean.tty && clean.interactive ? 'terminal' : 'logs';
      const pageOf = (id: string, started: boolean) => `/containers/${encodeURIComponent(id)}${started ? `/${tab}` : ''}`;
      // The engine names the new container's id (its create event) while it still starts it: the
      // page's route is loaded meanwhile, so opening it after the answer needs no round trip.
      stopWatching = whenContainerMade(mux, clean.name, (id) => {
        router.prefetch(pageOf(id, mode === 'run'), WHOLE_PAGE);
        warmPageModules(mode === 'run' ? tab : null);
      });
      const result = await createContainer({ spec: clean, start: mode === 'run' });
      // Not awaited: lists refresh from the engine's events anyway.
      void qc.invalidateQueries({ queryKey: keys.containers.all });
      if (result.startError) {
        setOutcome({ kind: 'start-failed', result });
        if (result.startError.field) setErrors({ [result.startError.field]: result.startError.message });
        return;
      }
      // The answer carries the container as its page reads it: the page renders at once.
      if (result.container) qc.setQueryData(containerQuery(result.id).queryKey, result.container);
      else void qc.prefetchQuery(containerQuery(result.id));
      router.push(pageOf(result.id, result.started));
      leaving = true;
    } catch (err) {
      const e = err as ApiRequestError;
      if (mayPull && e.code === 'not_found' && e.field === 'image' && isPullable(clean.image)) {
        // Nothing was made (the engine checks the image before creating): pull, then try again.
        setPending(clean);
        await pull.start(() => startPull(clean.image));
        return;
      }
      if (e.field) setErrors({ [e.field]: e.message });
      setOutcome({ kind: 'failed', message: e.message });
    } finally {
      stopWatching();
      if (!leaving) setBusy(false);
    }
  };

  // The pull ended: go on with the create, or say why not next to the image (nothing was made).
  const pullState = pullEntry?.summary.state;
  useEffect(() => {
    if (!pending) return;
    if (pull.error) {
      setErrors({ image: `Could not pull ${pending.image}: ${pull.error}` });
      setPending(null);
      return;
    }
    if (!pullEntry || pullState === 'running') return;
    const next = pending;
    setPending(null);
    if (pullState === 'succeeded') {
      void qc.invalidateQueries({ queryKey: keys.images.all });
      void perform(next, false);
    } else {
      const why = pullEntry.summary.error?.message ?? pullEntry.summary.message;
      setErrors({ image: pullState === 'cancelled' ? `The pull of ${next.image} was cancelled; nothing was created.` : `Could not pull ${next.image}: ${why}` });
    }
    // Runs when the pull's state changes; `perform` is a fresh closure each render.
  }, [pending, pull.error, pullState]);

  // Without an image there is no command to copy: formatting one would print a quoted empty word.
  const line = useMemo(() => (spec.image.trim() ? formatRunLine(normalizeRunSpec(spec), mode) : null), [spec, mode]);
  const warnings = useMemo(() => riskWarnings(spec), [spec]);

  if (from && source.isPending) {
    return (
      <div className="flex items-center gap-2 p-6 text-sm text-muted">
        <Spinner /> Reading the container…
      </div>
    );
  }
  if (from && source.error) {
    return (
      <EmptyState tone="error" title="Could not read that container" action={<Link className="text-sm text-accent hover:underline" href="/containers">Back to containers</Link>}>
        {source.error.message}
      </EmptyState>
    );
  }

  const fill = () => {
    const r = parseRunLine(pasted);
    setParsed(r);
    if (!r.errors.length) {
      replace(r.spec);
      setMode(edit ? 'run' : r.mode);
    }
  };

  const submit = async (confirmed: boolean) => {
    const clean = normalizeRunSpec(spec);
    const live = Object.fromEntries(Object.entries(errors).filter(([k]) => isLiveError(k)));
    const found = { ...issuesToErrors(clean), ...live };
    setErrors(found);
    if (Object.keys(found).length) {
      if (hasAdvanced({ image: '' }, found)) setAdvancedOpen(true);
      return;
    }
    if (warnings.length && !confirmed) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    pull.reset();
    await perform(clean, true);
  };

  const imageProblem = spec.image ? imageNameSchema.safeParse(spec.image).error?.issues[0]?.message : undefined;
  const imageHint = localImage ? (
    <>
      On this engine: <span className="font-mono">{localImage.id.replace(/^sha256:/, '').slice(0, 12)}</span> · {formatSize(localImage.size)}
    </>
  ) : spec.image && !imageProblem && images.data ? (
    isPullable(spec.image) ? 'Not on this engine: submitting pulls it first (with the credentials stored for its registry, on the server).' : 'No local image has this id.'
  ) : (
    'Pick a local image or type any reference (nginx:1.27, ghcr.io/org/app@sha256:…).'
  );
  const commandText = spec.command?.map(shellQuote).join(' ') ?? '';
  const firstNet = spec.networks?.[0];
  const setFirstNet = (patch: Partial<NonNullable<RunSpec['networks']>[number]> | null) => {
    const rest = spec.networks?.slice(1) ?? [];
    if (patch === null) return set({ networks: rest.length ? [{ name: 'bridge' }, ...rest] : undefined });
    set({ networks: [{ ...(firstNet ?? { name: 'bridge' }), ...patch }, ...rest] });
  };

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4 p-6">
      <header className="flex flex-wrap items-center gap-3">
        <nav aria-label="Breadcrumb" className="w-full text-xs text-muted">
          <Link href="/containers" className="hover:text-fg">
            Containers
          </Link>{' '}
          / {edit ? `Edit ${from}` : 'New container'}
        </nav>
        <h1 className="text-xl font-semibold">{edit ? `Edit ${from}` : from ? `Duplicate ${from}` : 'New container'}</h1>
      </header>

      {readOnly && (
        <p role="status" className="rounded border border-line bg-raised px-3 py-2 text-sm text-fg-soft">
          Dockside runs in read-only mode: you can build and copy a docker run line here, but creating containers is turned off.
        </p>
      )}
      {source.data?.notes.length ? (
        <p role="status" className="rounded border border-warning/40 bg-warning/10 px-3 py-2 text-xs text-warning">
          {source.data.notes.join(' ')}
        </p>
      ) : null}
      {edit && (
        <p className="text-sm text-muted">
          Saving replaces <strong>{from}</strong> in one server step: the new container is made beside it, the old one is stopped, the new one started and renamed, and the old one removed only once the new one runs. If any step fails, the old one is put back.
        </p>
      )}

      <Section title="Paste a docker run line">
        <div className="flex flex-col gap-2">
          <label htmlFor="run-paste" className="sr-only">
            docker run or docker create line
          </label>
          <textarea
            id="run-paste"
            rows={2}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder="docker run -d -p 8080:80 --name web nginx"
            className={`${inputClass} h-auto py-1 font-mono`}
          />
          <div>
            <Button onClick={fill} disabled={!pasted.trim()}>
              Fill the form
            </Button>
          </div>
          {parsed && (
            <div className="text-xs" role="status">
              {parsed.errors.map((e) => (
                <p key={e} className="text-danger">
                  {e}
                </p>
              ))}
              {parsed.unknown.length > 0 && <p className="text-danger">Not docker run flags (ignored): {parsed.unknown.join(' ')}</p>}
              {parsed.unsupported.length > 0 && <p className="text-warning">Docker flags this form does not carry (left out): {parsed.unsupported.join(' ')}</p>}
              {parsed.warnings.map((w) => (
                <p key={w} className="text-muted">
                  {w}
                </p>
              ))}
              {!parsed.errors.length && <p className="text-success">The form now holds that line.</p>}
            </div>
          )}
        </div>
      </Section>

      <section aria-label="The equivalent command" className="rounded-lg border border-line bg-surface p-3">
        <div className="mb-1 flex items-center gap-2 text-xs text-muted">
          The same as
          {line && <CopyButton value={line} label="Copy the docker run line" />}
        </div>
        {line ? (
          <pre data-testid="run-line" className="font-mono text-xs break-all whitespace-pre-wrap text-fg-soft">
            {line}
          </pre>
        ) : (
          <p className="text-xs text-muted">Choose an image below to see the docker run line.</p>
        )}
      </section>

      <Section title="Image and command" key={`cmd-${rev}`}>
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <Field label="Image" error={errors.image ?? imageProblem} hint={imageHint}>
              {(p) => (
                <ImagePicker
                  id={p.id}
                  describedBy={p['aria-describedby']}
                  invalid={p['aria-invalid']}
                  value={spec.image}
                  onChange={(image) => {
                    set({ image });
                    setErrors(({ image: _i, ...x }) => x);
                  }}
                  images={images.data?.images}
                  loading={images.isPending}
                  placeholder="dockside/web"
                />
              )}
            </Field>
            {pending && (
              <div role="status" className="mt-2 rounded border border-line bg-surface p-2" data-testid="run-pull">
                <p className="mb-1 text-xs text-fg-soft">
                  Pulling <span className="font-mono">{pending.image}</span> first: it is not on this engine.
                </p>
                {pullEntry ? <TaskProgressView task={pullEntry.summary} /> : <p className="text-xs text-muted">Starting the pull…</p>}
              </div>
            )}
          </div>
          <Field label="Name" error={errors.name} hint="Empty: the engine picks one.">
            {(p) => <input {...p} className={inputClass} value={spec.name ?? ''} onChange={(e) => set({ name: e.target.value.trim() || undefined })} />}
          </Field>
          <Field label="Command and arguments" error={errors.command} hint={spec.command?.length ? <>Argv: {spec.command.map((a, i) => <code key={i} className="mr-1 rounded bg-raised px-1">{a}</code>)}</> : 'Empty: the image’s CMD. Split as a shell would; nothing is run by a shell.'}>
            {(p) => (
              <input
                {...p}
                className={`${inputClass} font-mono`}
                placeholder={imageDefaults?.cmd?.map(shellQuote).join(' ')}
                defaultValue={commandText}
                onChange={(e) => {
                  const r = splitShellWords(e.target.value);
                  if (r.errors.length) setErrors((x) => ({ ...x, command: r.errors[0] }));
                  else {
                    setErrors(({ command: _c, ...x }) => x);
                    set({ command: listOrUndefined(r.words) });
                  }
                }}
              />
            )}
          </Field>
          <Field label="Entrypoint" error={errors.entrypoint} hint="Empty: the image’s ENTRYPOINT.">
            {(p) => (
              <div className="flex items-center gap-2">
                <input {...p} className={`${inputClass} font-mono`} placeholder={imageDefaults?.entrypoint?.map(shellQuote).join(' ')} value={spec.entrypoint ?? ''} disabled={spec.entrypoint === ''} onChange={(e) => set({ entrypoint: e.target.value || undefined })} />
                <Check label="Clear it" checked={spec.entrypoint === ''} onChange={(v) => set({ entrypoint: v ? '' : undefined })} />
              </div>
            )}
          </Field>
          <Field label="Working directory (-w)" error={errors.workdir}>
            {(p) => <input {...p} className={inputClass} placeholder={imageDefaults?.workingDir || undefined} value={spec.workdir ?? ''} onChange={(e) => set({ workdir: e.target.value || undefined })} />}
          </Field>
          <Field label="User (-u)" error={errors.user} hint="name or uid, optionally :group">
            {(p) => <input {...p} className={inputClass} placeholder={imageDefaults?.user || undefined} value={spec.user ?? ''} onChange={(e) => set({ user: e.target.value || undefined })} />}
          </Field>
        </div>
        <div className="mt-3 flex flex-wrap gap-4">
          <Check label="Start it (docker run)" checked={mode === 'run'} onChange={(v) => setMode(v ? 'run' : 'create')} />
          <Check label="Detached (-d)" checked={Boolean(spec.detach)} onChange={(v) => set({ detach: v || undefined })} />
          <Check label="Keep stdin open (-i)" checked={Boolean(spec.interactive)} onChange={(v) => set({ interactive: v || undefined })} />
          <Check label="Terminal (-t)" checked={Boolean(spec.tty)} onChange={(v) => set({ tty: v || undefined })} />
          <Check label="Remove when it exits (--rm)" checked={Boolean(spec.autoRemove)} onChange={(v) => set({ autoRemove: v || undefined })} />
          <Check label="Init process (--init)" checked={Boolean(spec.init)} onChange={(v) => set({ init: v || undefined })} />
        </div>
      </Section>

      <Section
        title="Environment"
        error={errors.env}
        actions={
          <Button size="sm" onClick={() => setEnvFile(envFile === null ? '' : null)}>
            {envFile === null ? 'Paste an env file…' : 'Close'}
          </Button>
        }
      >
        {envFile !== null && (
          <div className="mb-3 flex flex-col gap-2">
            <label htmlFor="env-file" className="text-xs text-fg-soft">
              Env file (KEY=value lines; # comments)
            </label>
            <textarea id="env-file" rows={4} className={`${inputClass} h-auto font-mono`} value={envFile} onChange={(e) => setEnvFile(e.target.value)} />
            <div>
              <Button
                size="sm"
                onClick={() => {
                  set({ env: [...(spec.env ?? []), ...parseEnvFile(envFile)] });
                  setEnvFile(null);
                }}
              >
                Add these variables
              </Button>
            </div>
          </div>
        )}
        {imageDefaults?.env.length ? (
          <p className="mb-2 text-xs text-muted">
            The image sets: <span className="font-mono">{imageDefaults.env.join('  ')}</span>
          </p>
        ) : null}
        <Rows
          items={spec.env ?? []}
          onChange={(env) => set({ env: listOrUndefined(env) })}
          blank={() => '='}
          addLabel="Variable"
          empty="None beyond the image’s own."
          render={(e, setE, i) => {
            const eq = e.indexOf('=');
            const k = eq < 0 ? e : e.slice(0, eq);
            const v = eq < 0 ? '' : e.slice(eq + 1);
            return (
              <>
                <input aria-label={`Variable ${i + 1} name`} className={`${inputClass} w-48 font-mono`} value={k} onChange={(x) => setE(`${x.target.value}=${v}`)} />
                <span aria-hidden>=</span>
                <input aria-label={`Variable ${i + 1} value`} className={`${inputClass} flex-1 font-mono`} value={v} onChange={(x) => setE(`${k}=${x.target.value}`)} />
              </>
            );
          }}
        />
      </Section>

      <Section title="Ports (-p)" error={errors.ports}>
        <Rows<PublishedPort>
          items={spec.ports ?? []}
          onChange={(ports) => set({ ports: listOrUndefined(ports) })}
          blank={() => ({ containerPort: '', protocol: 'tcp' })}
          addLabel="Port"
          empty="No published ports."
          render={(p, setP, i) => (
            <>
              <input aria-label={`Port ${i + 1} host address`} placeholder="host address (all)" className={`${inputClass} w-36`} value={p.hostIp ?? ''} onChange={(e) => setP({ ...p, hostIp: e.target.value || undefined })} />
              <input aria-label={`Port ${i + 1} host port`} placeholder="host port (any)" className={`${inputClass} w-32`} value={p.hostPort ?? ''} onChange={(e) => setP({ ...p, hostPort: e.target.value || undefined })} />
              <span aria-hidden>→</span>
              <input aria-label={`Port ${i + 1} container port`} placeholder="container port" className={`${inputClass} w-32`} value={p.containerPort} onChange={(e) => setP({ ...p, containerPort: e.target.value })} />
              <select aria-label={`Port ${i + 1} protocol`} className={`${inputClass} w-20`} value={p.protocol} onChange={(e) => setP({ ...p, protocol: e.target.value as PublishedPort['protocol'] })}>
                {portProtocols.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            </>
          )}
        />
        {imageDefaults?.exposedPorts.length ? (
          <p className="mt-2 text-xs text-muted">
            The image exposes <span className="font-mono">{imageDefaults.exposedPorts.join(', ')}</span>.
          </p>
        ) : null}
        <div className="mt-2">
          <Check label="Publish every exposed port to a random host port (-P)" checked={Boolean(spec.publishAll)} onChange={(v) => set({ publishAll: v || undefined })} />
        </div>
      </Section>

      <Section title="Volumes and mounts (-v, --mount, --tmpfs)" error={errors.mounts}>
        <Rows<RunMount>
          items={spec.mounts ?? []}
          onChange={(mounts) => set({ mounts: listOrUndefined(mounts) })}
          blank={() => ({ type: 'volume', target: '', readOnly: false })}
          addLabel="Mount"
          empty="No mounts beyond the image’s own volumes."
          render={(m, setM, i) => (
            <>
              <select aria-label={`Mount ${i + 1} type`} className={`${inputClass} w-24`} value={m.type} onChange={(e) => setM({ ...m, type: e.target.value as RunMount['type'], ...(e.target.value === 'tmpfs' ? { source: undefined } : {}) })}>
                {mountTypes.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
              {m.type !== 'tmpfs' && (
                <input
                  aria-label={`Mount ${i + 1} source`}
                  placeholder={m.type === 'bind' ? '/absolute/host/path' : 'volume name (empty: new anonymous)'}
                  className={`${inputClass} flex-1`}
                  value={m.source ?? ''}
                  onChange={(e) => setM({ ...m, source: e.target.value || undefined })}
                />
              )}
              <span aria-hidden>→</span>
              <input aria-label={`Mount ${i + 1} path in the container`} placeholder="/path/in/container" className={`${inputClass} flex-1`} value={m.target} onChange={(e) => setM({ ...m, target: e.target.value })} />
              <Check label="read-only" checked={m.readOnly} onChange={(v) => setM({ ...m, readOnly: v })} />
            </>
          )}
        />
      </Section>

      <Section title="Network" error={errors.networks}>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Network (--network)">
            {(p) => (
              <select {...p} className={inputClass} value={firstNet?.name ?? ''} onChange={(e) => (e.target.value ? setFirstNet({ name: e.target.value }) : set({ networks: undefined }))}>
                <option value="">default (bridge)</option>
                {(networks.data ?? []).map((n) => (
                  <option key={n.id} value={n.name}>
                    {n.name} ({n.driver})
                  </option>
                ))}
                {firstNet && !(networks.data ?? []).some((n) => n.name === firstNet.name) && <option value={firstNet.name}>{firstNet.name}</option>}
              </select>
            )}
          </Field>
          <Field label="Aliases (comma-separated)" hint="User-defined networks only.">
            {(p) => <input {...p} key={`al-${rev}`} className={inputClass} defaultValue={firstNet?.aliases?.join(', ') ?? ''} disabled={!firstNet} onChange={(e) => setFirstNet({ aliases: listOrUndefined(csv(e.target.value)) })} />}
          </Field>
          <Field label="Fixed IPv4 (--ip)" hint="Needs a network with a subnet.">
            {(p) => <input {...p} className={inputClass} value={firstNet?.ipv4 ?? ''} disabled={!firstNet} onChange={(e) => setFirstNet({ ipv4: e.target.value || undefined })} />}
          </Field>
          <Field label="Hostname (-h)" error={errors.hostname}>
            {(p) => <input {...p} className={inputClass} value={spec.hostname ?? ''} onChange={(e) => set({ hostname: e.target.value || undefined })} />}
          </Field>
        </div>
        {(spec.networks?.length ?? 0) > 1 && <p className="mt-2 text-xs text-muted">Also connected after create: {spec.networks!.slice(1).map((n) => n.name).join(', ')}.</p>}
      </Section>

      <Section title="Restart, labels and logging" error={errors.restart ?? errors.labels ?? errors.logOpts ?? errors.logDriver}>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Restart policy (--restart)">
            {(p) => (
              <select {...p} className={inputClass} value={spec.restart?.name ?? 'no'} onChange={(e) => set({ restart: e.target.value === 'no' ? undefined : { name: e.target.value as NonNullable<RunSpec['restart']>['name'] } })}>
                {restartPolicyNames.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            )}
          </Field>
          {spec.restart?.name === 'on-failure' && (
            <Field label="Max retries (empty: no limit)">
              {(p) => <input {...p} type="number" min={0} className={inputClass} value={spec.restart?.maxRetries ?? ''} onChange={(e) => set({ restart: { name: 'on-failure', ...(e.target.value ? { maxRetries: Number(e.target.value) } : {}) } })} />}
            </Field>
          )}
          <Field label="Log driver (--log-driver)" hint="Empty: the engine’s default.">
            {(p) => <input {...p} className={inputClass} value={spec.logDriver ?? ''} onChange={(e) => set({ logDriver: e.target.value || undefined })} />}
          </Field>
        </div>
        <h3 className="mt-3 mb-1 text-xs font-medium text-fg-soft">Labels (-l)</h3>
        <Rows<[string, string]>
          items={kvRows(spec.labels)}
          onChange={(rows) => set({ labels: kvRecord(rows) })}
          blank={() => ['', '']}
          addLabel="Label"
          empty="No labels beyond the image’s own."
          render={([k, v], setKv, i) => (
            <>
              <input aria-label={`Label ${i + 1} key`} className={`${inputClass} w-56`} value={k} onChange={(e) => setKv([e.target.value, v])} />
              <span aria-hidden>=</span>
              <input aria-label={`Label ${i + 1} value`} className={`${inputClass} flex-1`} value={v} onChange={(e) => setKv([k, e.target.value])} />
            </>
          )}
        />
        <h3 className="mt-3 mb-1 text-xs font-medium text-fg-soft">Log options (--log-opt)</h3>
        <Rows<[string, string]>
          items={kvRows(spec.logOpts)}
          onChange={(rows) => set({ logOpts: kvRecord(rows) })}
          blank={() => ['', '']}
          addLabel="Log option"
          empty="No log options."
          render={([k, v], setKv, i) => (
            <>
              <input aria-label={`Log option ${i + 1} key`} placeholder="max-size" className={`${inputClass} w-56`} value={k} onChange={(e) => setKv([e.target.value, v])} />
              <span aria-hidden>=</span>
              <input aria-label={`Log option ${i + 1} value`} placeholder="10m" className={`${inputClass} flex-1`} value={v} onChange={(e) => setKv([k, e.target.value])} />
            </>
          )}
        />
      </Section>

      <Section title="Resources" key={`res-${rev}`}>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Memory limit (-m)" error={errors.memory} hint="e.g. 512m, 1g">
            {(p) => (
              <input
                {...p}
                className={inputClass}
                defaultValue={spec.memory !== undefined ? formatBytes(spec.memory) : ''}
                onChange={(e) => {
                  const b = e.target.value.trim() ? parseBytes(e.target.value) : undefined;
                  if (b === null) setErrors((x) => ({ ...x, memory: 'Write a size like 512m or 1g.' }));
                  else {
                    setErrors(({ memory: _m, ...x }) => x);
                    set({ memory: b });
                  }
                }}
              />
            )}
          </Field>
          <Field label="CPUs (--cpus)" error={errors.cpus} hint="e.g. 1.5">
            {(p) => <input {...p} type="number" step="0.1" min={0} className={inputClass} defaultValue={spec.cpus ?? ''} onChange={(e) => set({ cpus: e.target.value ? Number(e.target.value) : undefined })} />}
          </Field>
          <Field label="Process limit (--pids-limit)" error={errors.pidsLimit}>
            {(p) => <input {...p} type="number" min={-1} className={inputClass} defaultValue={spec.pidsLimit ?? ''} onChange={(e) => set({ pidsLimit: e.target.value ? Number(e.target.value) : undefined })} />}
          </Field>
        </div>
      </Section>

      <section aria-labelledby="run-advanced-title" className="rounded-lg border border-line bg-panel p-4" key={`adv-${rev}`}>
        <div className="flex items-center gap-2">
          <h2 id="run-advanced-title" className="text-sm font-semibold">
            Advanced
          </h2>
          <span className="hidden text-xs text-muted sm:inline">devices, security options, DNS, hosts, MAC, /dev/shm, stop signal and timeout, health check</span>
          <Button size="sm" className="ml-auto" aria-expanded={advancedOpen} aria-controls="run-advanced" onClick={() => setAdvancedOpen((o) => !o)}>
            {advancedOpen ? 'Hide' : 'Show'}
          </Button>
        </div>
        <div id="run-advanced" hidden={!advancedOpen} className="mt-3">
          <AdvancedFields spec={spec} set={set} errors={errors} setErrors={setErrors} imageHealth={imageDefaults?.healthcheck?.test.join(' ')} imageStopSignal={imageDefaults?.stopSignal} />
        </div>
      </section>

      <Section title="Security" key={`sec-${rev}`} error={errors.capAdd ?? errors.capDrop}>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Add capabilities (--cap-add, comma-separated)">
            {(p) => <input {...p} className={inputClass} defaultValue={spec.capAdd?.join(', ') ?? ''} onChange={(e) => set({ capAdd: listOrUndefined(csv(e.target.value)) })} />}
          </Field>
          <Field label="Drop capabilities (--cap-drop, comma-separated)">
            {(p) => <input {...p} className={inputClass} defaultValue={spec.capDrop?.join(', ') ?? ''} onChange={(e) => set({ capDrop: listOrUndefined(csv(e.target.value)) })} />}
          </Field>
        </div>
        <div className="mt-3 flex flex-wrap gap-4">
          <Check label="Privileged (--privileged)" checked={Boolean(spec.privileged)} onChange={(v) => set({ privileged: v || undefined })} />
          <Check label="Read-only root filesystem (--read-only)" checked={Boolean(spec.readOnlyRootfs)} onChange={(v) => set({ readOnlyRootfs: v || undefined })} />
        </div>
      </Section>

      {warnings.length > 0 && (
        <div role="alert" className="rounded-lg border border-warning/40 bg-warning/10 p-3 text-sm text-warning">
          <p className="font-medium">Before you run this:</p>
          <ul className="mt-1 list-disc pl-5">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}

      {errors.form && <p role="alert" className="text-sm text-danger">{errors.form}</p>}
      {outcome?.kind === 'failed' && (
        <p role="alert" className="rounded border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'start-failed' && (
        <div role="alert" className="rounded border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          <p>
            The container <strong>{outcome.result.name}</strong> was created but did not start: {outcome.result.startError?.message}
          </p>
          <div className="mt-2 flex gap-2">
            <Button
              size="sm"
              variant="danger"
              onClick={() =>
                void removeContainer(outcome.result.id, { force: true }).then(() => {
                  setOutcome(null);
                  void qc.invalidateQueries({ queryKey: keys.containers.all });
                })
              }
            >
              Remove it
            </Button>
            <Link className="text-sm text-accent hover:underline" href={`/containers/${encodeURIComponent(outcome.result.id)}`}>
              Open it
            </Link>
          </div>
        </div>
      )}

      <div className="sticky bottom-0 flex gap-2 border-t border-line bg-surface py-3">
        <Button variant="primary" disabled={busy || pending !== null || readOnly} onClick={() => void submit(false)}>
          {busy || pending ? <Spinner /> : null}
          {edit ? 'Recreate with these settings' : mode === 'run' ? 'Create and start' : 'Create'}
        </Button>
        <Link href={from ? `/containers/${encodeURIComponent(from)}` : '/containers'} className="inline-flex h-8 items-center px-3 text-sm text-muted hover:text-fg">
          Cancel
        </Link>
        {pending && (
          <span role="status" className="inline-flex items-center text-sm text-muted">
            Pulling {pending.image}, then {mode === 'run' && !edit ? 'creating and starting' : edit ? 'recreating' : 'creating'}…
          </span>
        )}
        {busy && (
          <span role="status" className="inline-flex items-center text-sm text-muted">
            {edit ? 'Recreating: the old container is stopped first, which can take up to its stop timeout…' : 'Creating…'}
          </span>
        )}
      </div>

      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="This container gets power over the host"
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>Go back</Button>
            <Button variant="danger" onClick={() => void submit(true)}>
              Run it anyway
            </Button>
          </>
        }
      >
        <ul className="list-disc pl-5">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </Dialog>
    </div>
  );
}
