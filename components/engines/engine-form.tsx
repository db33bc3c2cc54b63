'use client';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { fieldClass, labelClass } from '@/components/transfers/task-started';
import { Button } from '@/components/ui/button';
import { useEngineAdmin } from '@/hooks/use-engines';
import { isEngineUnreachable } from '@/lib/api-client';
import { addEngineRequestSchema, editEngineRequestSchema, INSECURE_TCP_RISK, isLoopbackHost, parseEngineAddress, plainTcpWarning, type SavedEngine } from '@/lib/protocol/engine-address';
import { engineNameSchema, type EngineInfo } from '@/lib/protocol/engines';

type Transport = 'unix' | 'tcp' | 'ssh';
type PemPart = 'ca' | 'cert' | 'key';

const PEM_LABELS: Record<PemPart, string> = { ca: 'CA certificate', cert: 'Client certificate', key: 'Client key' };

/** A PEM part: pasted text or a file's content. When editing, a part already stored shows as "set" and is kept unless replaced or removed. */
function PemField({ part, value, onChange, stored, removed, onRemove }: { part: PemPart; value: string; onChange: (v: string) => void; stored: boolean; removed: boolean; onRemove: (r: boolean) => void }) {
  const id = useId();
  const label = PEM_LABELS[part];
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {label}
        {stored && !removed && !value && (
          <span data-testid={`pem-${part}-set`} className="ml-2 font-normal text-success">
            {part === 'key' ? 'client key: set' : 'set'} (kept unless replaced)
          </span>
        )}
        {stored && removed && <span className="ml-2 font-normal text-warning">will be removed</span>}
      </label>
      <textarea
        id={id}
        data-testid={`pem-${part}`}
        className={`${fieldClass} h-20 font-mono text-xs`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={part === 'key' ? '-----BEGIN PRIVATE KEY-----' : '-----BEGIN CERTIFICATE-----'}
        spellCheck={false}
        autoComplete="off"
      />
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <label className="cursor-pointer text-accent hover:underline">
          Load from a file…
          <input
            type="file"
            className="sr-only"
            accept=".pem,.crt,.key,.cer,text/plain"
            aria-label={`${label} from a file`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file && file.size <= 64 * 1024) void file.text().then(onChange);
              e.target.value = '';
            }}
          />
        </label>
        {stored && (
          <label className="flex items-center gap-1 text-fg-soft">
            <input type="checkbox" checked={removed} onChange={(e) => onRemove(e.target.checked)} /> Remove the stored one
          </label>
        )}
      </div>
    </div>
  );
}

function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="min-w-0">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children(id)}
      {hint && <p className="mt-1 text-xs text-muted">{hint}</p>}
    </div>
  );
}

/** The form's fields from an engine's address (when editing). */
function initialOf(editing: EngineInfo | undefined) {
  const parsed = editing?.added ? parseEngineAddress(editing.added.address) : null;
  return {
    transport: (parsed?.transport ?? 'unix') as Transport,
    path: parsed?.transport === 'unix' ? parsed.path : '/var/run/docker.sock',
    host: parsed && parsed.transport !== 'unix' ? parsed.host : '',
    port: parsed && parsed.transport !== 'unix' && parsed.port ? String(parsed.port) : '',
    user: parsed?.transport === 'ssh' ? (parsed.user ?? '') : '',
    tls: parsed?.transport === 'tcp' ? Boolean(editing?.added?.tls) : true,
    accept: Boolean(editing?.added?.acceptInsecure),
  };
}

const bracketed = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

/**
 * Add an engine, or change one added in Dockside: a name (the engine-name rule), and a unix socket,
 * a `tcp://` address (TLS by default, with CA / client certificate / key pasted or loaded from files;
 * plain TCP only to loopback, or elsewhere with the risk accepted in words), or an SSH address. The
 * server checks that the engine answers before saving; when it does not, "Save anyway" keeps it.
 * Key text goes to the server once and never comes back: editing shows "client key: set".
 */
export function EngineForm({ editing, readOnly, onDone, onCancel }: { editing?: EngineInfo; readOnly: boolean; onDone: (saved: SavedEngine) => void; onCancel: () => void }) {
  const init = initialOf(editing);
  const { add, edit } = useEngineAdmin();
  const [name, setName] = useState(editing?.name ?? '');
  const [transport, setTransport] = useState<Transport>(init.transport);
  const [path, setPath] = useState(init.path);
  const [host, setHost] = useState(init.host);
  const [port, setPort] = useState(init.port || (init.transport === 'ssh' ? '' : '2376'));
  const [user, setUser] = useState(init.user);
  const [tls, setTls] = useState(init.tls);
  const [pem, setPem] = useState<Record<PemPart, string>>({ ca: '', cert: '', key: '' });
  const [removed, setRemoved] = useState<Record<PemPart, boolean>>({ ca: false, cert: false, key: false });
  const [accept, setAccept] = useState(init.accept);
  const [touched, setTouched] = useState(false);
  const mutation = editing ? edit : add;
  const formRef = useRef<HTMLFormElement>(null);
  // Opened from a card further down (Edit…): bring the form into view and put the cursor in it.
  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'nearest' });
    formRef.current?.querySelector<HTMLInputElement>('input:not([disabled])')?.focus();
  }, []);
  const stored = editing?.added?.tls;

  const address =
    transport === 'unix' ? `unix://${path.trim()}` : transport === 'tcp' ? `tcp://${bracketed(host.trim())}:${port.trim()}` : `ssh://${user.trim() ? `${user.trim()}@` : ''}${bracketed(host.trim())}${port.trim() ? `:${port.trim()}` : ''}`;
  const parsed = parseEngineAddress(address);
  const plain = transport === 'tcp' && !tls;
  const loopback = parsed?.transport === 'tcp' && isLoopbackHost(parsed.host);
  const tlsBody = transport === 'tcp' && tls ? Object.fromEntries((['ca', 'cert', 'key'] as const).filter((p) => pem[p].trim()).map((p) => [p, pem[p].trim()])) : undefined;

  const body = (saveAnyway: boolean) => {
    const common = { address, ...(plain && !loopback && accept ? { acceptInsecure: true } : {}), ...(saveAnyway ? { saveAnyway: true } : {}) };
    if (!editing) return { kind: 'add' as const, req: addEngineRequestSchema.safeParse({ name: name.trim(), ...common, ...(tlsBody ? { tls: tlsBody } : {}) }) };
    // Editing: parts left empty keep what is stored; ticked "remove" sends null; TLS off sends null.
    let tlsEdit: Record<string, string | null> | null | undefined;
    if (transport === 'tcp' && tls) {
      tlsEdit = {};
      for (const p of ['ca', 'cert', 'key'] as const) {
        if (pem[p].trim()) tlsEdit[p] = pem[p].trim();
        else if (removed[p]) tlsEdit[p] = null;
      }
    } else if (stored) tlsEdit = null;
    return { kind: 'edit' as const, req: editEngineRequestSchema.safeParse({ ...common, ...(tlsEdit !== undefined ? { tls: tlsEdit } : {}) }) };
  };

  const nameCheck = editing ? null : engineNameSchema.safeParse(name.trim());
  const check = body(false);
  const problems = [...(nameCheck && !nameCheck.success ? nameCheck.error.issues.map((i) => i.message) : []), ...(check.req.success ? [] : check.req.error.issues.filter((i) => i.path[0] !== 'name').map((i) => i.message))];
  const unreachable = isEngineUnreachable(mutation.error);

  const submit = (saveAnyway: boolean) => {
    setTouched(true);
    const b = body(saveAnyway);
    if (!b.req.success || problems.length) return;
    const onSuccess = (saved: SavedEngine) => onDone(saved);
    if (b.kind === 'add') add.mutate(b.req.data as Parameters<typeof add.mutate>[0], { onSuccess });
    else edit.mutate({ name: editing!.name, body: b.req.data as Parameters<typeof edit.mutate>[0]['body'] }, { onSuccess });
  };

  return (
    <form
      ref={formRef}
      aria-label={editing ? `Edit engine ${editing.name}` : 'Add an engine'}
      data-testid="engine-form"
      className="flex flex-col gap-4 rounded-lg border border-line bg-panel p-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
    >
      <h2 className="text-sm font-semibold">{editing ? `Edit ${editing.name}` : 'Add an engine'}</h2>
      {readOnly && (
        <p role="status" className="text-sm text-warning">
          Dockside runs read-only: engines cannot be added, changed or removed.
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" hint="Letters, digits, _ . + - (as docker context names). It goes in the page's URL.">
          {(id) => <input id={id} data-testid="engine-name" className={fieldClass} value={name} onChange={(e) => setName(e.target.value)} disabled={Boolean(editing)} placeholder="build-box" spellCheck={false} autoComplete="off" required />}
        </Field>
        <fieldset className="min-w-0">
          <legend className={labelClass}>Connection</legend>
          <div className="mt-1 flex flex-wrap gap-3 text-sm">
            {(
              [
                ['unix', 'Unix socket'],
                ['tcp', 'TCP'],
                ['ssh', 'SSH'],
              ] as const
            ).map(([t, label]) => (
              <label key={t} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="engine-transport"
                  value={t}
                  data-testid={`transport-${t}`}
                  checked={transport === t}
                  onChange={() => {
                    setTransport(t);
                    if (t === 'tcp' && !port) setPort('2376');
                    if (t === 'ssh' && (port === '2376' || port === '2375')) setPort('');
                  }}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      {transport === 'unix' && (
        <Field label="Socket path" hint="The engine's socket on the machine Dockside runs on; Dockside's user needs access to it.">
          {(id) => <input id={id} data-testid="engine-socket" className={fieldClass} value={path} onChange={(e) => setPath(e.target.value)} placeholder="/var/run/docker.sock" spellCheck={false} required />}
        </Field>
      )}

      {transport !== 'unix' && (
        <div className="grid gap-3 sm:grid-cols-[1fr_1fr_8rem]">
          {transport === 'ssh' && (
            <Field label="User">{(id) => <input id={id} data-testid="engine-user" className={fieldClass} value={user} onChange={(e) => setUser(e.target.value)} placeholder="(from ~/.ssh/config)" spellCheck={false} autoComplete="off" />}</Field>
          )}
          <Field label="Host">{(id) => <input id={id} data-testid="engine-host" className={fieldClass} value={host} onChange={(e) => setHost(e.target.value)} placeholder={transport === 'tcp' ? 'build.example' : 'server.example'} spellCheck={false} required />}</Field>
          <Field label="Port">
            {(id) => <input id={id} data-testid="engine-port" className={fieldClass} value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" placeholder={transport === 'ssh' ? '22' : '2376'} required={transport === 'tcp'} />}
          </Field>
        </div>
      )}
      {transport === 'ssh' && <p className="text-xs text-muted">Through the system ssh, as the docker CLI does: ~/.ssh/config, known_hosts and agent keys apply, and an unknown host key is refused.</p>}

      {transport === 'tcp' && (
        <div className="flex flex-col gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" data-testid="engine-tls" checked={tls} onChange={(e) => setTls(e.target.checked)} /> TLS (the engine&apos;s certificate is always verified)
          </label>
          {tls && (
            <>
              <div className="grid gap-3 lg:grid-cols-3">
                {(['ca', 'cert', 'key'] as const).map((p) => (
                  <PemField
                    key={p}
                    part={p}
                    value={pem[p]}
                    onChange={(v) => setPem((s) => ({ ...s, [p]: v }))}
                    stored={Boolean(stored?.[p])}
                    removed={removed[p]}
                    onRemove={(r) => setRemoved((s) => ({ ...s, [p]: r }))}
                  />
                ))}
              </div>
              <p className="text-xs text-muted">Without a CA, the engine&apos;s certificate is checked against the system&apos;s CAs. The key is kept on the server only (a file only Dockside&apos;s user can read); this page never sees it again.</p>
            </>
          )}
          {plain && parsed?.transport === 'tcp' && (
            <div data-testid="plain-tcp-warning" className="rounded border border-warning/40 p-3 text-sm text-warning">
              <p>{loopback ? plainTcpWarning(parsed.host) : `Plain TCP (no TLS) to ${parsed.host}: anyone on the network path between here and there can read and drive this engine, and so take root on its host.`}</p>
              {!loopback && (
                <label className="mt-2 flex items-start gap-2 text-fg">
                  <input type="checkbox" data-testid="engine-accept-risk" className="mt-1" checked={accept} onChange={(e) => setAccept(e.target.checked)} />
                  <span>{INSECURE_TCP_RISK}</span>
                </label>
              )}
            </div>
          )}
        </div>
      )}

      <p className="text-xs text-muted">
        Address: <code className="break-all text-fg-soft">{address}</code>
      </p>
      {touched && problems.length > 0 && (
        <ul role="alert" className="list-disc pl-5 text-sm text-danger">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {mutation.error && (
        <div role="alert" data-testid="engine-form-error" className="text-sm text-danger">
          <p className="break-words">{mutation.error.message}</p>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" data-testid="engine-save" disabled={readOnly || mutation.isPending}>
          {mutation.isPending ? 'Checking the engine…' : editing ? 'Check and save' : 'Check and add'}
        </Button>
        {unreachable && (
          <Button data-testid="engine-save-anyway" disabled={readOnly || mutation.isPending} onClick={() => submit(true)}>
            Save anyway (shown as down)
          </Button>
        )}
        <Button variant="ghost" className="ml-auto" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
