import { builtInNetworks, type CreateNetworkRequest, type NetworkEndpoint, type NetworkSummary } from '../../../lib/protocol/networks';
import type { NetworksApi } from '../api/networks';
import { EngineError } from '../errors';
import { withSignal, type ResourceContext } from './resource-context';

interface RawNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Created?: string;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string; IPRange?: string }> | null } | null;
}

interface RawContainer {
  Id: string;
  Names?: string[];
  State?: string;
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string; IPAddress?: string; MacAddress?: string; Aliases?: string[] | null }> | null } | null;
}

const isBuiltIn = (name: string) => (builtInNetworks as readonly string[]).includes(name);

/** network id → the containers (running or not) attached, from one container list. */
export function networkEndpoints(containers: RawContainer[]): Map<string, NetworkEndpoint[]> {
  const out = new Map<string, NetworkEndpoint[]>();
  for (const c of containers) {
    for (const [netName, ep] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      const key = ep.NetworkID || `name:${netName}`;
      const list = out.get(key) ?? [];
      list.push({
        containerId: c.Id,
        containerName: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
        running: c.State === 'running',
        ipv4: ep.IPAddress ?? '',
        macAddress: ep.MacAddress ?? '',
        aliases: (ep.Aliases ?? []).filter((a) => !c.Id.startsWith(a)),
      });
      out.set(key, list);
    }
  }
  return out;
}

export function toNetworkSummary(n: RawNetwork, endpoints: Map<string, NetworkEndpoint[]>): NetworkSummary {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope ?? 'local',
    internal: Boolean(n.Internal),
    attachable: Boolean(n.Attachable),
    builtIn: isBuiltIn(n.Name),
    ...(n.Created ? { createdAt: n.Created } : {}),
    ipam: (n.IPAM?.Config ?? []).map((c) => ({
      ...(c.Subnet ? { subnet: c.Subnet } : {}),
      ...(c.Gateway ? { gateway: c.Gateway } : {}),
      ...(c.IPRange ? { ipRange: c.IPRange } : {}),
    })),
    labels: n.Labels ?? {},
    containers: [...(endpoints.get(n.Id) ?? []), ...(endpoints.get(`name:${n.Name}`) ?? [])].sort((a, b) => a.containerName.localeCompare(b.containerName)),
  };
}

export function dockerNetworks(ctx: ResourceContext): NetworksApi {
  const d = ctx.docker;
  const endpoints = async () =>
    networkEndpoints((await ctx.read((abortSignal) => d.listContainers({ all: true, abortSignal }), 'List containers')) as unknown as RawContainer[]);
  const inspectRaw = (ref: string) => ctx.read((abortSignal) => withSignal(d.getNetwork(ref).inspect, d.getNetwork(ref), { abortSignal }), `Network ${ref}`) as Promise<RawNetwork>;

  const list = async (): Promise<NetworkSummary[]> => {
    const [raw, eps] = await Promise.all([ctx.read((abortSignal) => d.listNetworks({ abortSignal } as object), 'List networks'), endpoints()]);
    return (raw as unknown as RawNetwork[])
      .map((n) => toNetworkSummary(n, eps))
      .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
  };

  return {
    list,

    async inspect(ref) {
      const [raw, eps] = await Promise.all([inspectRaw(ref), endpoints()]);
      return { network: toNetworkSummary(raw, eps), inspect: raw };
    },

    async create(req: CreateNetworkRequest) {
      const ipam = req.subnet ? [{ Subnet: req.subnet, ...(req.gateway ? { Gateway: req.gateway } : {}), ...(req.ipRange ? { IPRange: req.ipRange } : {}) }] : [];
      const created = await ctx.call(
        () =>
          d.createNetwork({
            Name: req.name,
            Driver: req.driver ?? 'bridge',
            CheckDuplicate: true,
            Internal: req.internal ?? false,
            Attachable: req.attachable ?? false,
            Labels: req.labels ?? {},
            IPAM: { Driver: 'default', Config: ipam },
          }),
        `Create network ${req.name}`,
      );
      const [raw, eps] = await Promise.all([inspectRaw(created.id), endpoints()]);
      return toNetworkSummary(raw, eps);
    },

    async connect(ref, req) {
      await ctx.call(
        () =>
          d.getNetwork(ref).connect({
            Container: req.container,
            EndpointConfig: {
              ...(req.aliases?.length ? { Aliases: req.aliases } : {}),
              ...(req.ipv4 ? { IPAMConfig: { IPv4Address: req.ipv4 } } : {}),
            },
          }),
        `Connect ${req.container} to ${ref}`,
      );
    },

    async disconnect(ref, req) {
      await ctx.call(() => d.getNetwork(ref).disconnect({ Container: req.container, Force: req.force ?? false }), `Disconnect ${req.container} from ${ref}`);
    },

    async remove(ref) {
      const [raw, eps] = await Promise.all([inspectRaw(ref), endpoints()]);
      const n = toNetworkSummary(raw, eps);
      if (n.builtIn) throw new EngineError('forbidden', `${n.name} is one of the engine's own networks (bridge, host, none): it cannot be removed.`);
      if (n.containers.length) {
        throw new EngineError('conflict', `Network ${n.name} has ${n.containers.map((c) => c.containerName).join(', ')} attached: disconnect or remove ${n.containers.length === 1 ? 'it' : 'them'} first.`);
      }
      await ctx.call(() => d.getNetwork(n.id).remove(), `Remove network ${n.name}`);
    },

    async previewPrune() {
      const all = await list();
      return { networks: all.filter((n) => !n.builtIn && n.containers.length === 0).map(({ id, name }) => ({ id, name })) };
    },

    async prune() {
      const res = (await ctx.call(() => d.pruneNetworks(), 'Prune networks')) as { NetworksDeleted?: string[] | null };
      return { removed: res.NetworksDeleted ?? [] };
    },
  };
}
