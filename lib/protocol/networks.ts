import { z } from './z';

/** A network name or id as the engine accepts it (and so as it may appear in a URL path). */
export const networkRefSchema = z
  .string()
  .min(1, 'A network name or id is required.')
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Network names use letters, digits, "_", "." and "-", and start with a letter or digit.');

/** The networks every engine has; they cannot be removed. */
export const builtInNetworks = ['bridge', 'host', 'none'] as const;

const keyValues = z.record(z.string().min(1).max(1024).regex(/^[^=]+$/, 'A key has no "=".'), z.string().max(8192));

export const createNetworkSchema = z
  .object({
    name: networkRefSchema.refine((n) => !(builtInNetworks as readonly string[]).includes(n), 'That name belongs to a built-in network.'),
    /** Only bridge networks are made here (overlay needs Swarm, macvlan a parent interface). */
    driver: z.literal('bridge').optional(),
    subnet: z.cidrv4('A subnet is written like 10.10.0.0/24.').optional(),
    gateway: z.ipv4('Not an IPv4 address.').optional(),
    ipRange: z.cidrv4('An IP range is written like 10.10.0.128/25.').optional(),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    labels: keyValues.optional(),
  })
  .superRefine((n, ctx) => {
    if ((n.gateway || n.ipRange) && !n.subnet) ctx.addIssue({ code: 'custom', path: ['subnet'], message: 'A gateway or IP range needs a subnet.' });
  });
export type CreateNetworkRequest = z.infer<typeof createNetworkSchema>;

export const connectNetworkSchema = z.object({
  container: z.string().min(1).max(128).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Not a valid container id or name.'),
  aliases: z.array(z.string().min(1).max(253).regex(/^[^\s,=]+$/, 'An alias has no spaces, commas or "=".')).max(32).optional(),
  ipv4: z.ipv4('Not an IPv4 address.').optional(),
});
export type ConnectNetworkRequest = z.infer<typeof connectNetworkSchema>;

export const disconnectNetworkSchema = z.object({
  container: connectNetworkSchema.shape.container,
  force: z.boolean().optional(),
});
export type DisconnectNetworkRequest = z.infer<typeof disconnectNetworkSchema>;

export interface NetworkEndpoint {
  containerId: string;
  containerName: string;
  running: boolean;
  /** `10.1.0.5/24`-style without the prefix; '' when stopped. */
  ipv4: string;
  macAddress: string;
  /** Only where the engine's container list reports them (20.10 does not: see the container's page). */
  aliases: string[];
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  /** bridge, host, none: marked and protected. */
  builtIn: boolean;
  createdAt?: string;
  ipam: Array<{ subnet?: string; gateway?: string; ipRange?: string }>;
  labels: Record<string, string>;
  containers: NetworkEndpoint[];
}

export interface NetworkPrunePreview {
  /** User-defined networks no container uses: what `docker network prune` removes. */
  networks: Array<{ id: string; name: string }>;
}

export interface NetworkPruneResult {
  removed: string[];
}
