import { z } from './z';
import { containerRefSchema } from './ids';

// ---- logs (`docker logs -f -t --tail N --since --until`) ----

/** RFC 3339 timestamp or unix seconds (fractional allowed), as `docker logs --since` takes them. */
export const logTimeSchema = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'Use an RFC 3339 time like 2026-01-02T15:04:05Z.'),
]);

export const logsParamsSchema = z.object({
  container: containerRefSchema,
  /** Lines from the end to start with; 'all' for the whole log. */
  tail: z.union([z.literal('all'), z.number().int().min(0).max(1_000_000)]).default(300),
  since: logTimeSchema.optional(),
  until: logTimeSchema.optional(),
  follow: z.boolean().default(true),
});
export type LogsParams = z.input<typeof logsParamsSchema>;

// Query values are strings: unix seconds arrive as digits.
const queryLogTime = z.preprocess((v) => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v), logTimeSchema.optional());

/** Query of `GET /api/containers/{id}/logs` (the whole log as a text download). */
export const logDownloadQuerySchema = z.object({
  timestamps: z.enum(['1', '0', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true'),
  since: queryLogTime,
  until: queryLogTime,
});

export type { LogLine, LogStream } from './log-lines';
export { decodeLogLines, encodeLogLines } from './log-lines';

// ---- stats (`docker stats`) ----

export const statsParamsSchema = z.object({ container: containerRefSchema });
export type StatsParams = z.infer<typeof statsParamsSchema>;

export interface StatsSample {
  id: string;
  name: string;
  /** ms since the epoch, from the engine's `read`. */
  time: number;
  /** As the docker CLI computes it: 100 × online CPUs × (cpu delta / system delta). */
  cpuPercent: number;
  /** CPUs the container may use (the engine's online_cpus): `cpuPercent` can reach 100 × this. */
  onlineCpus?: number;
  /** Usage minus page cache (cgroup v1 total_inactive_file, v2 inactive_file), as the CLI shows it. */
  memoryBytes: number;
  memoryLimitBytes: number;
  memoryPercent: number;
  netRxBytes: number;
  netTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
  pids: number;
}

// ---- exec (`docker exec -it`) and attach (`docker attach`) ----

const termSize = {
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
};

export const execParamsSchema = z.object({
  container: containerRefSchema,
  /** An argument array, never a shell string. Absent: bash if the container has it, else sh. */
  cmd: z.array(z.string().min(1).max(4096)).min(1).max(64).optional(),
  user: z.string().regex(/^[a-zA-Z0-9_.-]+(:[a-zA-Z0-9_.-]+)?$/, 'User as name, uid, or user:group.').max(64).optional(),
  workdir: z.string().startsWith('/', 'The working directory must be an absolute path.').max(4096).optional(),
  ...termSize,
});
export type ExecParams = z.input<typeof execParamsSchema>;

export const attachParamsSchema = z.object({
  container: containerRefSchema,
  /** Read-only unless the user turns on "send input". */
  write: z.boolean().default(false),
  ...termSize,
});
export type AttachParams = z.input<typeof attachParamsSchema>;

export const resizeSchema = z.object(termSize);
