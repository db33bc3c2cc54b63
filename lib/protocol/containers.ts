import { z } from './z';
import { containerNameSchema } from './ids';

export const containerStates = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
export const containerStateSchema = z.enum(containerStates);
export type ContainerState = z.infer<typeof containerStateSchema>;

export const healthStates = ['starting', 'healthy', 'unhealthy', 'none'] as const;
export type HealthState = (typeof healthStates)[number];

export const portMappingSchema = z.object({
  containerPort: z.number(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  hostIp: z.string().optional(),
  hostPort: z.number().optional(),
});
export type PortMapping = z.infer<typeof portMappingSchema>;

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  /** Seconds since the epoch. */
  created: number;
  state: ContainerState;
  /** The engine's human status line, e.g. "Up 3 minutes (healthy)". */
  status: string;
  health: HealthState;
  ports: PortMapping[];
  labels: Record<string, string>;
  /** Bytes in the container's read-write layer; only when sizes were asked for. */
  sizeRw?: number;
  /** Bytes of the image layers plus the read-write layer; only when sizes were asked for. */
  sizeRootFs?: number;
}

export interface MountInfo {
  type: string;
  source: string;
  destination: string;
  mode: string;
  rw: boolean;
  name?: string;
}

export interface NetworkAttachment {
  name: string;
  ipAddress: string;
  gateway: string;
  macAddress: string;
  aliases: string[];
}

export interface ContainerDetail {
  id: string;
  name: string;
  image: string;
  imageId: string;
  created: string;
  state: {
    status: ContainerState;
    running: boolean;
    paused: boolean;
    restarting: boolean;
    oomKilled: boolean;
    pid: number;
    exitCode: number;
    error: string;
    startedAt: string | null;
    finishedAt: string | null;
    health: HealthState;
  };
  restartPolicy: { name: string; maximumRetryCount: number };
  restartCount: number;
  command: string[];
  entrypoint: string[];
  workingDir: string;
  user: string;
  tty: boolean;
  env: string[];
  labels: Record<string, string>;
  mounts: MountInfo[];
  networks: NetworkAttachment[];
  /** As `docker port` prints them. */
  ports: PortMapping[];
  exposedPorts: string[];
  hostname: string;
}

export interface ProcessList {
  titles: string[];
  processes: string[][];
}

export interface PrunePreview {
  containers: Array<Pick<ContainerSummary, 'id' | 'name' | 'image' | 'state' | 'status' | 'sizeRw'>>;
  reclaimableBytes: number;
}

export interface PruneResult {
  removed: string[];
  reclaimedBytes: number;
}

export interface ContainerSizes {
  sizeRw: number;
  sizeRootFs: number;
}

// ---- query and bodies ----

const boolParam = z
  .enum(['1', '0', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');

export const listContainersQuerySchema = z.object({
  all: boolParam.optional().default(true),
  size: boolParam.optional().default(false),
});
export type ListContainersQuery = z.infer<typeof listContainersQuerySchema>;

/** Signals `docker kill` accepts; a fixed list so nothing else reaches the engine. */
export const signals = [
  'SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGSTOP', 'SIGCONT', 'SIGWINCH', 'SIGALRM',
] as const;
export const signalSchema = z.enum(signals, { error: 'Unknown signal.' });

const stopTimeoutSchema = z
  .number({ error: 'The timeout is a number of seconds.' })
  .int('The timeout is a whole number of seconds.')
  .min(0, 'The timeout cannot be negative.')
  .max(3600, 'The timeout is at most 3600 seconds.');

export const containerActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('stop'), timeout: stopTimeoutSchema.optional() }),
  z.object({ action: z.literal('restart'), timeout: stopTimeoutSchema.optional() }),
  z.object({ action: z.literal('kill'), signal: signalSchema.optional().default('SIGKILL') }),
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('unpause') }),
  z.object({ action: z.literal('rename'), name: containerNameSchema }),
]);
export type ContainerAction = z.input<typeof containerActionSchema>;
export type ContainerActionName = ContainerAction['action'];

export const removeContainerQuerySchema = z.object({
  force: boolParam.optional().default(false),
  volumes: boolParam.optional().default(false),
});
export type RemoveContainerOptions = z.infer<typeof removeContainerQuerySchema>;
