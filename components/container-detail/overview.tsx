'use client';
import type { ReactNode } from 'react';
import { PortLinks } from '@/components/containers/port-links';
import { Spinner } from '@/components/ui/spinner';
import { useContainer, useContainerSize } from '@/hooks/use-containers';
import { formatBytes } from '@/lib/format/bytes';
import { formatPort, shortId } from '@/lib/format/ports';
import { looksSecret, MASK } from '@/lib/format/secrets';
import { formatTimestamp, humanDuration, isoToEpoch } from '@/lib/format/time';
import { useState } from 'react';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    // min-w-0: a grid item, it grew to its widest content (the networks table) past a phone's screen.
    <section className="min-w-0 rounded-lg border border-line bg-panel">
      <h2 className="border-b border-line px-4 py-2 text-sm font-semibold">{title}</h2>
      <div className="px-4 py-3 text-sm">{children}</div>
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 py-1">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const Mono = ({ children }: { children: ReactNode }) => <code className="font-mono text-xs">{children}</code>;
const None = () => <span className="text-muted">none</span>;

/** A value whose name looks secret (lib/format/secrets.ts): masked until revealed, per value. */
function SecretValue({ name, value }: { name: string; value: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span data-testid="secret-value" data-revealed={shown || undefined}>
        {shown ? value : <span aria-label={`${name} is hidden`}>{MASK}</span>}
      </span>
      <button type="button" aria-pressed={shown} aria-label={`${shown ? 'Hide' : 'Reveal'} ${name}`} onClick={() => setShown((s) => !s)} className="rounded px-1 font-sans text-xs text-accent hover:underline">
        {shown ? 'Hide' : 'Reveal'}
      </button>
    </span>
  );
}

function KeyValues({ entries, maskSecrets = false }: { entries: Array<[string, string]>; maskSecrets?: boolean }) {
  if (entries.length === 0) return <None />;
  return (
    <table className="w-full text-xs">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="border-b border-line/50 align-top last:border-0">
            {/* A third of the width for the name: with both cells breaking anywhere, a long value took all of it and stood the name on end, a letter a line. */}
            <td className="w-1/3 py-1 pr-4 font-mono break-all text-fg-soft">{k}</td>
            <td className="py-1 font-mono break-all">{maskSecrets && v && looksSecret(k) ? <SecretValue name={k} value={v} /> : v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `docker inspect`, laid out for people. Every value from the container is rendered as text. */
export function ContainerOverview({ id }: { id: string }) {
  const q = useContainer(id);
  const [wantSize, setWantSize] = useState(false);
  const size = useContainerSize(id, wantSize);
  if (!q.data) return null;
  const c = q.data.container;
  const started = isoToEpoch(c.state.startedAt);
  const env = c.env.map((e) => {
    const i = e.indexOf('=');
    return (i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)]) as [string, string];
  });

  return (
    <div className="grid gap-4 p-6 xl:grid-cols-2">
      <Section title="State">
        <dl>
          <Field label="Status">
            {c.state.status}
            {c.state.running && started ? ` for ${humanDuration(Date.now() / 1000 - started)}` : ''}
            {c.state.oomKilled && <span className="ml-2 text-danger">(OOM killed)</span>}
          </Field>
          <Field label="Exit code">{c.state.running ? <None /> : <span data-testid="exit-code">{c.state.exitCode}</span>}</Field>
          {c.state.error && <Field label="Error"><span className="text-danger">{c.state.error}</span></Field>}
          <Field label="Restart policy">
            {c.restartPolicy.name}
            {c.restartPolicy.name === 'on-failure' && c.restartPolicy.maximumRetryCount ? ` (max ${c.restartPolicy.maximumRetryCount})` : ''} · restarted {c.restartCount}×
          </Field>
          <Field label="Created">{formatTimestamp(c.created)}</Field>
          <Field label="Started">{formatTimestamp(c.state.startedAt)}</Field>
          <Field label="Finished">{formatTimestamp(c.state.finishedAt)}</Field>
          {c.state.pid > 0 && <Field label="Main PID (host)">{c.state.pid}</Field>}
          <Field label="Size">
            {size.data ? (
              <>
                {formatBytes(size.data.sizeRw)} writable layer · {formatBytes(size.data.sizeRootFs)} with image
              </>
            ) : size.isFetching ? (
              <Spinner label="Measuring" />
            ) : (
              <button type="button" className="text-accent hover:underline" onClick={() => setWantSize(true)}>
                Measure
              </button>
            )}
          </Field>
        </dl>
      </Section>
      <Section title="Configuration">
        <dl>
          <Field label="Image">
            {c.image} <span className="font-mono text-xs text-muted">{shortId(c.imageId)}</span>
          </Field>
          <Field label="Command">{c.command.length ? <Mono>{JSON.stringify(c.command)}</Mono> : <None />}</Field>
          <Field label="Entrypoint">{c.entrypoint.length ? <Mono>{JSON.stringify(c.entrypoint)}</Mono> : <None />}</Field>
          <Field label="Working dir">{c.workingDir ? <Mono>{c.workingDir}</Mono> : <None />}</Field>
          <Field label="User">{c.user || <span className="text-muted">root (default)</span>}</Field>
          <Field label="Hostname">
            <Mono>{c.hostname}</Mono>
          </Field>
          <Field label="TTY">{c.tty ? 'yes' : 'no'}</Field>
        </dl>
      </Section>
      <Section title="Ports">
        {c.ports.length === 0 ? (
          <p className="text-muted">
            No published ports.{c.exposedPorts.length ? ` Exposed but not published: ${c.exposedPorts.join(', ')}.` : ''}
          </p>
        ) : (
          <>
            <ul className="font-mono text-xs" data-testid="port-list">
              {c.ports.map((p) => (
                <li key={formatPort(p)}>
                  {p.containerPort}/{p.protocol} -&gt; {p.hostIp?.includes(':') ? `[${p.hostIp}]` : p.hostIp}:{p.hostPort}
                </li>
              ))}
            </ul>
            <div className="mt-2">
              <PortLinks ports={c.ports} max={10} />
            </div>
          </>
        )}
      </Section>
      <Section title="Networks">
        {c.networks.length === 0 ? (
          <None />
        ) : (
          // Scrolls sideways on a phone (focusable, so the keyboard can scroll it too); each cell keeps a
          // gap to the next (the addresses ran together).
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Networks table">
            <table className="w-full text-xs [&_td]:pr-3 [&_th]:pr-3">
              <thead className="text-left text-muted">
                <tr>
                  <th className="py-1 font-medium">Network</th>
                  <th className="font-medium">IP address</th>
                  <th className="font-medium">Gateway</th>
                  <th className="font-medium">MAC</th>
                </tr>
              </thead>
              <tbody className="font-mono">
                {c.networks.map((n) => (
                  <tr key={n.name}>
                    <td className="py-1">{n.name}</td>
                    <td>{n.ipAddress || '—'}</td>
                    <td>{n.gateway || '—'}</td>
                    <td>{n.macAddress || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title="Mounts">
        {c.mounts.length === 0 ? (
          <None />
        ) : (
          <ul className="space-y-1 text-xs">
            {c.mounts.map((m) => (
              <li key={m.destination} className="font-mono break-all">
                <span className="rounded bg-raised px-1 font-sans">{m.type}</span> {m.name ?? m.source} → {m.destination} {m.rw ? '(rw)' : '(ro)'}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Environment (${env.length})`}>
        <KeyValues entries={env} maskSecrets />
      </Section>
      <Section title={`Labels (${Object.keys(c.labels).length})`}>
        <KeyValues entries={Object.entries(c.labels).sort(([a], [b]) => a.localeCompare(b))} />
      </Section>
    </div>
  );
}
