'use client';
import type { ReactNode } from 'react';
import { formatBytes } from '@/lib/format/bytes';
import type { EngineDetails } from '@/lib/protocol/engine-info';

/** What a storage driver means for layers, in one sentence; the common ones only. */
const storageDriverNotes: Record<string, string> = {
  overlay2:
    'overlay2 stacks each image layer as a read-only directory and gives every container one thin writable layer on top, so images share their common layers on disk and a container only stores what it changed.',
  'fuse-overlayfs': 'fuse-overlayfs does what overlay2 does (read-only layers shared between images, one writable layer per container) in user space, for engines without kernel overlay.',
  overlay: 'overlay (Podman) stacks read-only image layers under one writable layer per container, sharing common layers between images.',
  btrfs: 'btrfs keeps each layer as a subvolume snapshot of the one below it.',
  zfs: 'zfs keeps each layer as a ZFS clone of the one below it.',
  vfs: 'vfs copies every layer in full (no sharing): simple and slow, mostly for testing.',
  devicemapper: 'devicemapper keeps layers as thin-provisioned block-device snapshots (deprecated).',
};

function Fact({ label, children, note }: { label: string; children: ReactNode; note?: string }) {
  return (
    <div className="grid grid-cols-[11rem_1fr] gap-3 border-t border-line/60 px-3 py-1.5 text-sm first:border-t-0">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-words">
        {children}
        {note && <p className="mt-0.5 text-xs text-muted">{note}</p>}
      </dd>
    </div>
  );
}

function List({ items, empty = 'none' }: { items: string[]; empty?: string }) {
  if (items.length === 0) return <span className="text-muted">{empty}</span>;
  return <span className="font-mono text-xs">{items.join(', ')}</span>;
}

export function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-line bg-panel">
      <div className="flex items-center gap-3 border-b border-line px-3 py-2">
        <h2 className="text-sm font-semibold">{title}</h2>
        {action && <div className="ml-auto flex items-center gap-2">{action}</div>}
      </div>
      {children}
    </section>
  );
}

/** `docker version` and `docker info` in readable form, plus the daemon.json settings the engine reports. */
export function EngineFacts({ info }: { info: EngineDetails }) {
  const swarm =
    info.swarm.state === 'active'
      ? `active${info.swarm.nodes !== undefined ? ` · ${info.swarm.nodes} nodes, ${info.swarm.managers ?? 0} managers` : ''}`
      : info.swarm.state;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Section title="Engine">
        <dl>
          <Fact label="Product">{info.product}</Fact>
          <Fact label="Version">
            {info.version} <span className="text-muted">(API {info.apiVersion}{info.minApiVersion ? `, oldest ${info.minApiVersion}` : ''})</span>
          </Fact>
          {info.gitCommit && <Fact label="Commit">{info.gitCommit}{info.goVersion ? ` · ${info.goVersion}` : ''}</Fact>}
          <Fact label="Operating system">{info.os}</Fact>
          <Fact label="Kernel">{info.kernel}</Fact>
          <Fact label="Architecture">{info.architecture}</Fact>
          <Fact label="CPUs">{info.cpus}</Fact>
          <Fact label="Memory">{formatBytes(info.memoryBytes)}</Fact>
          {info.hostname && <Fact label="Host name">{info.hostname}</Fact>}
          <Fact label="Containers">
            {info.containers.total} ({info.containers.running} running, {info.containers.paused} paused, {info.containers.stopped} stopped)
          </Fact>
          <Fact label="Images">{info.images}</Fact>
        </dl>
      </Section>
      <Section title="Configuration">
        <dl>
          <Fact label="Storage driver" note={storageDriverNotes[info.storageDriver]}>
            {info.storageDriver || '—'}
            {info.driverStatus.length > 0 && (
              <span className="ml-2 text-xs text-muted">{info.driverStatus.map(([k, v]) => `${k}: ${v}`).join(' · ')}</span>
            )}
          </Fact>
          <Fact label="Data root">
            <span className="font-mono text-xs">{info.dataRoot || '—'}</span>
          </Fact>
          <Fact label="Cgroups">
            {info.cgroupDriver ?? '—'} driver{info.cgroupVersion ? `, cgroup v${info.cgroupVersion}` : ''}
          </Fact>
          <Fact label="Logging driver">{info.loggingDriver ?? '—'}</Fact>
          <Fact label="Runtimes">
            <List items={info.runtimes} />
            {info.defaultRuntime && <span className="text-xs text-muted"> (default {info.defaultRuntime})</span>}
          </Fact>
          <Fact label="Security options">
            <List items={info.securityOptions} />
          </Fact>
          <Fact label="Live restore" note="When on, running containers keep running while the engine itself restarts or upgrades.">
            {info.liveRestore === undefined ? 'not reported' : info.liveRestore ? 'on' : 'off'}
          </Fact>
          <Fact label="Swarm">
            {swarm}
            {info.swarm.error && <span className="ml-2 text-xs text-danger">{info.swarm.error}</span>}
          </Fact>
          <Fact label="Plugins">
            <span className="block text-xs">
              volume: <List items={info.plugins.volume} />
            </span>
            <span className="block text-xs">
              network: <List items={info.plugins.network} />
            </span>
            <span className="block text-xs">
              log: <List items={info.plugins.log} />
            </span>
            {info.plugins.authorization.length > 0 && (
              <span className="block text-xs">
                authorization: <List items={info.plugins.authorization} />
              </span>
            )}
          </Fact>
        </dl>
      </Section>
      <Section title="Registry settings (daemon.json)">
        <p className="px-3 pt-2 text-xs text-muted">
          Set on the engine&apos;s host in <code className="font-mono">/etc/docker/daemon.json</code> (then restart the engine); shown here as the engine reports
          them. Dockside does not change them.
        </p>
        <dl>
          <Fact
            label="registry-mirrors"
            note="Pulls of Docker Hub images try these mirrors first and fall back to Docker Hub; other registries are not mirrored."
          >
            <List items={info.registryMirrors} />
          </Fact>
          <Fact
            label="insecure-registries"
            note="The engine talks to these registries (names or address ranges) over plain HTTP or unverified TLS: anyone on the path can read or change the images."
          >
            <List items={info.insecureRegistries} />
          </Fact>
        </dl>
      </Section>
      {info.warnings.length > 0 && (
        <Section title="Engine warnings">
          <ul className="list-disc px-8 py-2 text-sm text-warning">
            {info.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
