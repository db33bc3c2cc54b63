import type { ContainerDetail } from './containers';
import { imageNameSchema } from './image-ref';
import { z } from './z';

/**
 * What `docker run` / `docker create` says about a container to be made: every field of the run
 * form, and exactly what a `docker run` line can carry. An absent field means "the image's default"
 * (or the engine's), so a spec read back from an existing container holds only what differs from
 * its image (see server/engine/docker/run-from-inspect.ts). Shared by the form, the line parser/formatter, the route
 * and the engine.
 */

const MAX_LIST = 256;
const text = (max = 4096) => z.string().max(max);
const nonEmpty = (what: string, max = 4096) => z.string().min(1, `${what} is required.`).max(max);

export const portProtocols = ['tcp', 'udp', 'sctp'] as const;

/** A port or range as the CLI writes it: `80`, `8080-8081`. */
const portOrRange = z
  .string()
  .regex(/^\d{1,5}(-\d{1,5})?$/, 'A port is a number (1–65535) or a range like 8080-8081.')
  .refine((s) => s.split('-').every((p) => Number(p) >= 1 && Number(p) <= 65535), 'Ports run from 1 to 65535.')
  .refine((s) => {
    const [a, b] = s.split('-').map(Number);
    return b === undefined || b >= a!;
  }, 'A range goes from the lower port to the higher one.');

export const publishedPortSchema = z.object({
  /** Host address to bind; absent = every address. */
  hostIp: z
    .string()
    .regex(/^[0-9a-fA-F.:]+$/, 'The host address is an IPv4 or IPv6 address.')
    .max(64)
    .optional(),
  /** Host port or range; absent = the engine picks a free port. */
  hostPort: portOrRange.optional(),
  containerPort: portOrRange,
  protocol: z.enum(portProtocols),
});
export type PublishedPort = z.infer<typeof publishedPortSchema>;

export const mountTypes = ['bind', 'volume', 'tmpfs'] as const;

export const runMountSchema = z
  .object({
    type: z.enum(mountTypes),
    /** Host path (bind), volume name (volume; absent = anonymous volume), unused for tmpfs. */
    source: text(4096).optional(),
    target: nonEmpty('The path in the container').regex(/^\//, 'The path in the container must be absolute (start with /).'),
    readOnly: z.boolean(),
    /**
     * Further options exactly as written after the second colon of `-v` (`z`, `rprivate`, `nocopy`…)
     * or the tmpfs options (`size=64m,mode=1777`), beyond read-only. Kept so nothing is dropped.
     */
    options: z
      .array(z.string().min(1).max(128).regex(/^[^,:\s]+$/, 'A mount option has no commas, colons or spaces.'))
      .max(16)
      .optional(),
    /** Written with `--mount` rather than `-v`/`--tmpfs` (the engine treats them a little differently). */
    viaMount: z.boolean().optional(),
  })
  .superRefine((m, ctx) => {
    if (m.type === 'bind') {
      if (!m.source) ctx.addIssue({ code: 'custom', path: ['source'], message: 'A bind mount needs a host path.' });
      else if (!m.source.startsWith('/')) ctx.addIssue({ code: 'custom', path: ['source'], message: 'The host path of a bind mount must be absolute (start with /).' });
    }
    if (m.type === 'volume' && m.source !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(m.source)) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: 'A volume name uses letters, digits, "_", "." and "-", and starts with a letter or digit.' });
    }
    if (m.type === 'tmpfs' && m.source) ctx.addIssue({ code: 'custom', path: ['source'], message: 'A tmpfs mount has no source.' });
  });
export type RunMount = z.infer<typeof runMountSchema>;

export const restartPolicyNames = ['no', 'always', 'unless-stopped', 'on-failure'] as const;
export const restartPolicySchema = z.object({
  name: z.enum(restartPolicyNames),
  /** Only for on-failure; absent = retry for ever. */
  maxRetries: z.number().int().min(0).max(1_000_000).optional(),
});
export type RestartPolicy = z.infer<typeof restartPolicySchema>;

const networkNameOrMode = z
  .string()
  .min(1)
  .max(256)
  .regex(/^([a-zA-Z0-9][a-zA-Z0-9_.-]*|container:[a-zA-Z0-9][a-zA-Z0-9_.-]*)$/, 'A network is a name (or container:<name>).');

export const runNetworkSchema = z.object({
  /** A network name, `bridge`, `host`, `none`, or `container:<name|id>`. */
  name: networkNameOrMode,
  aliases: z.array(z.string().min(1).max(253).regex(/^[^\s,=]+$/, 'An alias has no spaces, commas or "=".')).max(64).optional(),
  /** A fixed IPv4 address (only on a user-defined network with a subnet). */
  ipv4: z.ipv4('Not an IPv4 address.').optional(),
});
export type RunNetwork = z.infer<typeof runNetworkSchema>;

/** Durations are nanoseconds, as the engine keeps them (`--health-interval 30s` = 30e9). */
const durationNs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const healthcheckSchema = z.object({
  /** `--health-cmd`: run by the container's shell (CMD-SHELL). */
  cmd: text().min(1).optional(),
  intervalNs: durationNs.optional(),
  timeoutNs: durationNs.optional(),
  startPeriodNs: durationNs.optional(),
  retries: z.number().int().min(0).max(1_000_000).optional(),
});
export type Healthcheck = z.infer<typeof healthcheckSchema>;

/** An IPv4 or IPv6 address, with the message given. */
const ipAddress = (message: string) => z.string().max(64).refine((v) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success, message);

export const deviceSchema = z
  .string()
  .max(1024)
  .regex(/^\/[^:\s]*(:\/[^:\s]*)?(:[rwm]{1,3})?$/, 'A device is /dev/host[:/dev/in-container][:rwm], with absolute paths.');

export const extraHostSchema = z
  .string()
  .max(512)
  .regex(/^[^\s:=]+:[^\s]+$/, 'A host entry is name:address.')
  .refine((v) => {
    const addr = v.slice(v.indexOf(':') + 1);
    return addr === 'host-gateway' || z.ipv4().safeParse(addr).success || z.ipv6().safeParse(addr).success;
  }, 'The address of a host entry is an IPv4 or IPv6 address, or host-gateway.');

const keyValues = z.record(z.string().min(1).max(1024), z.string().max(8192));
const stringList = (max = 8192) => z.array(z.string().max(max)).max(MAX_LIST);

export const runSpecSchema = z.object({
  /** A reference (`nginx:1.27`, `ghcr.io/a/b@sha256:…`) or an image id, by the shared grammar. */
  image: imageNameSchema,
  name: z
    .string()
    .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'Names use letters, digits, "_", "." and "-", start with a letter or digit, and have at least 2 characters.')
    .max(128)
    .optional(),
  /** Arguments after the image; absent = the image's CMD. */
  command: stringList().optional(),
  /** `--entrypoint`: one word, as on the CLI; '' resets the image's ENTRYPOINT. Absent = the image's. */
  entrypoint: text().optional(),
  workdir: text().optional(),
  user: text(256).optional(),
  hostname: text(253).optional(),
  domainname: text(253).optional(),
  /** `KEY=value` (or `KEY` alone, which the CLI fills from its own environment). */
  env: z.array(z.string().min(1).max(65536).regex(/^[^=]/, 'An environment variable needs a name before "=".')).max(MAX_LIST).optional(),
  labels: keyValues.optional(),
  ports: z.array(publishedPortSchema).max(MAX_LIST).optional(),
  publishAll: z.boolean().optional(),
  /** `--expose`: ports (or ranges, with /proto) to expose without publishing. */
  expose: z.array(z.string().regex(/^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/, 'Expose a port like 80 or 8000-8010/udp.')).max(MAX_LIST).optional(),
  mounts: z
    .array(runMountSchema)
    .max(MAX_LIST)
    .refine((ms) => new Set(ms.map((m) => m.target)).size === ms.length, 'Two mounts have the same container path: each path in the container takes one mount (the engine refuses a duplicate mount point).')
    .optional(),
  restart: restartPolicySchema.optional(),
  /** The first network is `--network` (with `--network-alias`/`--ip`); later ones are connected after create. */
  networks: z.array(runNetworkSchema).max(16).optional(),
  macAddress: z.string().regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/, 'A MAC address looks like 02:42:ac:11:00:02.').optional(),
  /** `--add-host name:address` (address: IPv4, IPv6 or `host-gateway`). */
  extraHosts: z.array(extraHostSchema).max(MAX_LIST).optional(),
  /** `--dns`: name servers. */
  dns: z.array(ipAddress('A DNS server is an IPv4 or IPv6 address, like 10.0.0.53.')).max(16).optional(),
  /** `--dns-search`: search domains. */
  dnsSearch: z.array(z.string().max(253).regex(/^(\.|[a-zA-Z0-9_]([a-zA-Z0-9_.-]*[a-zA-Z0-9_])?)$/, 'A search domain is a DNS name like example.com (or "." for none).')).max(16).optional(),
  /** `--dns-option`: resolv.conf options (`ndots:2`, `rotate`). */
  dnsOptions: z.array(z.string().max(128).regex(/^[a-z][a-z0-9-]*(:[0-9a-zA-Z._-]+)?$/, 'A DNS option looks like ndots:2 or rotate.')).max(16).optional(),
  interactive: z.boolean().optional(),
  tty: z.boolean().optional(),
  /** `-d`: only meaningful for `run`. Dockside never attaches the request to the container. */
  detach: z.boolean().optional(),
  autoRemove: z.boolean().optional(),
  init: z.boolean().optional(),
  privileged: z.boolean().optional(),
  readOnlyRootfs: z.boolean().optional(),
  capAdd: z.array(z.string().regex(/^[A-Za-z_]+$/, 'A capability is a name like NET_ADMIN.')).max(64).optional(),
  capDrop: z.array(z.string().regex(/^[A-Za-z_]+$/, 'A capability is a name like NET_ADMIN.')).max(64).optional(),
  /** `--security-opt`: `no-new-privileges[:true]`, `seccomp=unconfined`, `apparmor=…`, `label=…`. */
  securityOpt: z.array(z.string().max(1024).regex(/^[a-z][a-z-]*([=:][^\s]+)?$/, 'A security option looks like no-new-privileges, seccomp=unconfined or apparmor=profile.')).max(MAX_LIST).optional(),
  /** `--device /dev/host[:/dev/container][:perms]`, perms from r, w, m. */
  devices: z.array(deviceSchema).max(MAX_LIST).optional(),
  /** Bytes (`-m 512m`). */
  memory: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** `--cpus 1.5`. */
  cpus: z.number().min(0).max(4096).optional(),
  pidsLimit: z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER).optional(),
  shmSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  healthcheck: healthcheckSchema.optional(),
  noHealthcheck: z.boolean().optional(),
  logDriver: z.string().regex(/^[a-zA-Z0-9_.-]+$/).max(64).optional(),
  logOpts: keyValues.optional(),
  stopSignal: z.string().regex(/^(SIG)?[A-Z0-9+-]+$/i, 'A stop signal is a name like SIGINT or a number like 2.').max(32).optional(),
  stopTimeout: z.number().int('The stop timeout is whole seconds.').min(-1).max(86_400, 'The stop timeout is at most a day (86400 s).').optional(),
});
export type RunSpec = z.infer<typeof runSpecSchema>;

/** `docker run` starts what it made; `docker create` only makes it. */
export const runModes = ['run', 'create'] as const;
export type RunMode = (typeof runModes)[number];

export const createContainerRequestSchema = z.object({
  spec: runSpecSchema,
  /** false = `docker create`. */
  start: z.boolean(),
});
export type CreateContainerRequest = z.infer<typeof createContainerRequestSchema>;

/** The form fields an engine error can concern; the UI shows the message beside that field. */
export const runFields = ['image', 'name', 'ports', 'mounts', 'networks', 'command', 'entrypoint', 'user', 'workdir', 'devices', 'restart'] as const;
export type RunField = (typeof runFields)[number];

export interface CreateContainerResult {
  id: string;
  name: string;
  started: boolean;
  /** Present when the container was made but did not start: the engine's reason; the container is left for the user to remove or fix. */
  startError?: { code: string; message: string; field?: RunField };
  /** Things done beyond create (e.g. extra networks connected), or noted, in plain words. */
  notes: string[];
  /**
   * The new container as its page reads it (`GET /api/containers/<id>`), read once it was made (and
   * started): the page the form opens shows it at once. Absent if that read failed (the page reads it then).
   */
  container?: { container: ContainerDetail; inspect: unknown };
}

/** A create/run failure: `{code, message}` plus the form field it concerns, when known. */
export interface RunError {
  code: string;
  message: string;
  field?: RunField;
}

export interface RecreateResult {
  id: string;
  name: string;
  /** What happened, step by step, in plain words (also on failure: what was restored). */
  steps: string[];
}

export const recreateRequestSchema = z.object({ spec: runSpecSchema });
