'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Fragment, useState } from 'react';
import { Check, Field, inputClass } from '@/components/run/run-fields';
import { Button } from '@/components/ui/button';
import { ConfirmDialog, PreviewList, PreviewState } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates, listQueryStates } from '@/components/ui/list-states';
import { foldBelow, rowActions } from '@/components/ui/responsive-table';
import { SearchBox } from '@/components/ui/search-box';
import { useToasts } from '@/components/ui/toasts';
import { keys } from '@/hooks/query-keys';
import { useContainerList } from '@/hooks/use-containers';
import { useListSearch } from '@/hooks/use-list-search';
import { useEngineDown } from '@/hooks/use-mux';
import { connectNetwork, createNetwork, disconnectNetwork, pruneNetworks, removeNetwork, useNetworkPrunePreview, useNetworks } from '@/hooks/use-networks';
import { countNoun } from '@/lib/format/actions';
import { networkMatches } from '@/lib/format/list-search';
import { connectNetworkSchema, createNetworkSchema, type NetworkSummary } from '@/lib/protocol/networks';
import { NetworkMap } from './network-map';

/** Where each column leaves the table as it narrows: driver and subnet go under the name, the attached containers to a row of their own. */
const fold = { driver: foldBelow['3xl'], subnet: foldBelow['3xl'], containers: foldBelow.xl };

function Driver({ network }: { network: NetworkSummary }) {
  return (
    <>
      {network.driver} <span className="text-xs text-muted">({network.scope})</span>
    </>
  );
}

function Subnets({ network }: { network: NetworkSummary }) {
  if (network.ipam.length === 0) return <span className="text-muted">—</span>;
  return network.ipam.map((c, i) => (
    <div key={i}>
      {c.subnet ?? ''}
      {c.gateway ? ` via ${c.gateway}` : ''}
      {c.ipRange ? ` range ${c.ipRange}` : ''}
    </div>
  ));
}

/**
 * The containers on a network with their addresses, each with its Disconnect (not on host and none):
 * one line each in the table's column; `wrap` (the row of their own on a narrow table) lets a long
 * name break and the button go under it. `off`: why Disconnect is off (the engine does not answer).
 */
function Attached({ network: n, onDisconnect, wrap = false, off }: { network: NetworkSummary; onDisconnect: (n: NetworkSummary, container: string) => void; wrap?: boolean; off?: string }) {
  if (n.containers.length === 0) return <span className="text-muted">none</span>;
  return (
    <ul>
      {n.containers.map((c) => (
        <li key={c.containerId} className={`flex items-center gap-x-2 ${wrap ? 'flex-wrap' : ''}`}>
          <Link href={`/containers/${encodeURIComponent(c.containerId)}`} className={`text-accent hover:underline ${wrap ? 'break-all' : ''}`}>
            {c.containerName}
          </Link>
          <span className="font-mono text-xs text-muted">{c.ipv4 || (c.running ? '' : 'stopped')}</span>
          {!n.builtIn || n.name === 'bridge' ? (
            <Button size="sm" variant="ghost" aria-label={`Disconnect ${c.containerName} from ${n.name}`} onClick={() => onDisconnect(n, c.containerName)} disabled={Boolean(off)} title={off}>
              Disconnect
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** `docker network ls` with subnets and attached containers, a picture of who sits where, and the network verbs. */
export function NetworkList() {
  const list = useNetworks();
  const qc = useQueryClient();
  const toasts = useToasts();
  const [creating, setCreating] = useState(false);
  const [connecting, setConnecting] = useState<NetworkSummary | null>(null);
  const [removing, setRemoving] = useState<NetworkSummary | null>(null);
  const [pruning, setPruning] = useState(false);
  const { query, setQuery, search, rows, noMatch } = useListSearch(list.data, networkMatches);
  // While the engine is unreachable the rows are what it said last: shown, dimmed, not actionable.
  const { down: stale, offTitle, endpoint } = useEngineDown();

  const disconnect = (n: NetworkSummary, container: string) =>
    void disconnectNetwork(n.id, { container }).then(
      () => {
        toasts.show({ tone: 'success', title: `Disconnected ${container} from ${n.name}` });
        void qc.invalidateQueries({ queryKey: keys.networks.all });
      },
      (e: Error) => toasts.show({ tone: 'error', title: 'Disconnect failed', detail: e.message }),
    );

  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-line px-4 py-3">
        <h1 className="mr-2 text-lg font-semibold">Networks</h1>
        <Button variant="primary" onClick={() => setCreating(true)} disabled={stale} title={offTitle}>
          + New network
        </Button>
        <SearchBox ref={search} label="Search networks by name, subnet, label or container" placeholder="Search networks" value={query} onChange={setQuery} />
        <div className="ml-auto">
          <Button onClick={() => setPruning(true)} disabled={stale} title={offTitle}>
            Prune unused…
          </Button>
        </div>
      </header>
      <ListStates
        noun="network"
        {...listQueryStates(list)}
        stale={stale}
        endpoint={endpoint}
        staleNote={{ testId: 'networks-stale-note', words: 'these networks are the last known list' }}
        shown={rows.length}
        empty={<EmptyState title="No networks">The engine reports no networks at all, not even bridge, host and none.</EmptyState>}
        noMatch={noMatch}
      >
        {/* A container: as the table narrows, driver and subnet move under the name and the attached
            containers to a row of their own, so Connect, Remove and Disconnect stay on screen. */}
        <div className={`@container min-h-0 flex-1 overflow-auto p-4 ${stale ? 'opacity-60' : ''}`} data-stale={stale || undefined}>
          <NetworkMap networks={rows} />
          <table className="mt-4 w-full text-sm">
            <thead className="text-left text-xs text-muted">
              <tr>
                <th className="px-2 py-2 font-medium">Name</th>
                <th className={`${fold.driver.column} px-2 py-2 font-medium`}>Driver</th>
                <th className={`${fold.subnet.column} px-2 py-2 font-medium`}>Subnet / gateway</th>
                <th className={`${fold.containers.column} px-2 py-2 font-medium`}>Containers</th>
                <th className="px-2 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <Fragment key={n.id}>
                  <tr data-testid={`network-${n.name}`} className="border-t border-line/60 align-top">
                    <td className="px-2 py-2">
                      <span className="font-mono break-all">{n.name}</span>
                      {n.builtIn && <span className="ml-1 rounded bg-raised px-1 text-xs text-muted">built-in</span>}
                      {n.internal && <span className="ml-1 rounded bg-raised px-1 text-xs text-muted">internal</span>}
                      {n.attachable && <span className="ml-1 rounded bg-raised px-1 text-xs text-muted">attachable</span>}
                      <div className="font-mono text-xs text-muted">{n.id.slice(0, 12)}</div>
                      <div className={`${fold.driver.folded} text-xs text-muted`}>
                        <Driver network={n} />
                      </div>
                      <div className={`${fold.subnet.folded} font-mono text-xs`}>
                        <Subnets network={n} />
                      </div>
                    </td>
                    <td className={`${fold.driver.column} px-2 py-2`}>
                      <Driver network={n} />
                    </td>
                    <td className={`${fold.subnet.column} px-2 py-2 font-mono text-xs`}>
                      <Subnets network={n} />
                    </td>
                    <td className={`${fold.containers.column} px-2 py-2`}>
                      <Attached network={n} onDisconnect={disconnect} off={offTitle} />
                    </td>
                    <td className="px-2 py-2">
                      <div className={rowActions}>
                        {n.driver !== 'host' && n.driver !== 'null' && (
                          <Button size="sm" onClick={() => setConnecting(n)} disabled={stale} title={offTitle}>
                            Connect…
                          </Button>
                        )}
                        {!n.builtIn && (
                          <Button size="sm" variant="danger" onClick={() => setRemoving(n)} disabled={n.containers.length > 0 || stale} title={offTitle ?? (n.containers.length ? 'Containers are attached' : undefined)}>
                            Remove…
                          </Button>
                        )}
                      </div>
                    </td>
                  </tr>
                  <tr className={fold.containers.folded}>
                    <td colSpan={5} className="px-2 pb-2">
                      <div className="text-xs text-muted">Containers</div>
                      <Attached network={n} onDisconnect={disconnect} wrap off={offTitle} />
                    </td>
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      </ListStates>
      <CreateNetworkDialog open={creating} onClose={() => setCreating(false)} />
      <ConnectDialog network={connecting} onClose={() => setConnecting(null)} />
      <ConfirmDialog
        open={Boolean(removing)}
        onClose={() => setRemoving(null)}
        title={`Remove network ${removing?.name ?? ''}?`}
        confirmLabel="Remove"
        onConfirm={() => {
          const n = removing!;
          setRemoving(null);
          void removeNetwork(n.id).then(
            () => {
              toasts.show({ tone: 'success', title: `Removed network ${n.name}` });
              void qc.invalidateQueries({ queryKey: keys.networks.all });
            },
            (e: Error) => toasts.show({ tone: 'error', title: 'Remove failed', detail: e.message }),
          );
        }}
      >
        <p>No container is attached to it.</p>
      </ConfirmDialog>
      <PruneNetworksDialog open={pruning} onClose={() => setPruning(false)} />
    </div>
  );
}

function CreateNetworkDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [form, setForm] = useState({ name: '', subnet: '', gateway: '', ipRange: '', internal: false, attachable: false, labels: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const labels = Object.fromEntries(
      form.labels
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)] as const)
        .map(([k, v]) => [k, v === k ? '' : v]),
    );
    const req = {
      name: form.name,
      ...(form.subnet ? { subnet: form.subnet } : {}),
      ...(form.gateway ? { gateway: form.gateway } : {}),
      ...(form.ipRange ? { ipRange: form.ipRange } : {}),
      ...(form.internal ? { internal: true } : {}),
      ...(form.attachable ? { attachable: true } : {}),
      ...(Object.keys(labels).length ? { labels } : {}),
    };
    const checked = createNetworkSchema.safeParse(req);
    if (!checked.success) {
      setErrors(Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0] ?? 'name'), i.message])));
      return;
    }
    setBusy(true);
    try {
      const n = await createNetwork(checked.data);
      toasts.show({ tone: 'success', title: `Created network ${n.name}` });
      await qc.invalidateQueries({ queryKey: keys.networks.all });
      setForm({ name: '', subnet: '', gateway: '', ipRange: '', internal: false, attachable: false, labels: '' });
      setErrors({});
      onClose();
    } catch (e) {
      setErrors({ name: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const text = (key: 'name' | 'subnet' | 'gateway' | 'ipRange' | 'labels', label: string, hint?: string) => (
    <Field label={label} hint={hint} error={errors[key]}>
      {(p) => <input {...p} className={inputClass} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value.trim() })} />}
    </Field>
  );
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="New bridge network"
      variant="primary"
      confirmLabel="Create"
      disabled={busy}
      onConfirm={() => void submit()}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {text('name', 'Name')}
        {text('subnet', 'Subnet', 'e.g. 10.10.0.0/24; empty: the engine picks one')}
        {text('gateway', 'Gateway', 'e.g. 10.10.0.1')}
        {text('ipRange', 'IP range for containers', 'e.g. 10.10.0.128/25')}
        {text('labels', 'Labels', 'key=value, comma-separated')}
        <div className="flex flex-col gap-2">
          <Check label="Internal (no outside access)" checked={form.internal} onChange={(v) => setForm({ ...form, internal: v })} />
          <Check label="Attachable" checked={form.attachable} onChange={(v) => setForm({ ...form, attachable: v })} />
        </div>
      </div>
    </ConfirmDialog>
  );
}

function ConnectDialog({ network, onClose }: { network: NetworkSummary | null; onClose: () => void }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const containers = useContainerList({ size: false });
  const [container, setContainer] = useState('');
  const [aliases, setAliases] = useState('');
  const [ipv4, setIpv4] = useState('');
  const [error, setError] = useState<string | null>(null);
  const attached = new Set(network?.containers.map((c) => c.containerId));
  const candidates = (containers.data ?? []).filter((c) => !attached.has(c.id));
  const submit = async () => {
    const req = { container, ...(aliases.trim() ? { aliases: aliases.split(',').map((a) => a.trim()).filter(Boolean) } : {}), ...(ipv4 ? { ipv4 } : {}) };
    const checked = connectNetworkSchema.safeParse(req);
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? 'Check the fields.');
    try {
      await connectNetwork(network!.id, checked.data);
      toasts.show({ tone: 'success', title: `Connected ${container} to ${network!.name}` });
      await qc.invalidateQueries({ queryKey: keys.networks.all });
      setContainer('');
      setAliases('');
      setIpv4('');
      setError(null);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <ConfirmDialog
      open={Boolean(network)}
      onClose={onClose}
      title={`Connect a container to ${network?.name ?? ''}`}
      variant="primary"
      confirmLabel="Connect"
      disabled={!container}
      onConfirm={() => void submit()}
    >
      <div className="flex flex-col gap-3">
        <Field label="Container" error={error ?? undefined}>
          {(p) => (
            <select {...p} className={inputClass} value={container} onChange={(e) => setContainer(e.target.value)}>
              <option value="">Choose…</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name} ({c.state})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Aliases (comma-separated)" hint="Names other containers on this network can use.">
          {(p) => <input {...p} className={inputClass} value={aliases} onChange={(e) => setAliases(e.target.value)} />}
        </Field>
        <Field label="Fixed IPv4" hint={network?.ipam[0]?.subnet ? `Within ${network.ipam[0].subnet}` : 'Only on a network created with a subnet.'}>
          {(p) => <input {...p} className={inputClass} value={ipv4} onChange={(e) => setIpv4(e.target.value.trim())} />}
        </Field>
      </div>
    </ConfirmDialog>
  );
}

function PruneNetworksDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const preview = useNetworkPrunePreview(open);
  const qc = useQueryClient();
  const toasts = useToasts();
  const n = preview.data?.networks.length ?? 0;
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="Remove every unused network?"
      confirmLabel={<>Remove {countNoun(n, 'network')}</>}
      disabled={!n}
      onConfirm={() => {
        onClose();
        void pruneNetworks().then(
          (r) => {
            toasts.show({ tone: 'success', title: `Removed ${countNoun(r.removed.length, 'network')}` });
            void qc.invalidateQueries({ queryKey: keys.networks.all });
          },
          (e: Error) => toasts.show({ tone: 'error', title: 'Prune failed', detail: e.message }),
        );
      }}
    >
      <PreviewState preview={preview} pendingText="Finding unused networks…" />
      {preview.data && n === 0 && <p>Every user-defined network has a container attached. Nothing to remove (bridge, host and none always stay).</p>}
      {preview.data && n > 0 && (
        <PreviewList className="">
          {preview.data.networks.map((x) => (
            <li key={x.id} className="border-b border-line/60 px-3 py-1.5 font-mono last:border-0">
              {x.name}
            </li>
          ))}
        </PreviewList>
      )}
    </ConfirmDialog>
  );
}
