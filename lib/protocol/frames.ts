import { z } from './z';
import { engineEventSchema } from './events';
import { engineStatusSchema } from './engine';
import { engineInfoSchema, engineNameSchema } from './engines';
import { errorCodeSchema } from './errors';
import type { StatsSample } from './streams';
import type { TaskFrame } from './tasks';
import { attachParamsSchema, execParamsSchema, logsParamsSchema, resizeSchema, statsParamsSchema } from './streams';

/**
 * The WebSocket protocol: one socket per browser tab at `/ws`, multiplexing channels.
 *
 * - Control messages are JSON text frames, one of `ClientFrame` / `ServerFrame` below.
 * - Bulk payloads (terminal bytes, log batches) travel as binary frames: a 4-byte big-endian
 *   channel id, then the payload. See `encodeBinaryFrame` / `decodeBinaryFrame`.
 * - The client picks channel ids (positive integers, unique per socket) and opens a channel with
 *   `open`; the server answers `opened` or `error`, streams `data`/`event`, and finishes with `end`.
 *   Either side may close; `close` from the client releases the channel's engine resources.
 * - `engine` frames (no channel) tell every socket when the default engine comes or goes; an `events`
 *   channel gets them with its `ch` for its own engine (at open, then on every change).
 */
export const PROTOCOL_VERSION = 1;

export const channelIdSchema = z.number().int().positive().max(2 ** 31);

/** `engine`: which engine the channel talks to (see `engineNameSchema`); absent means the default one. */
const open = z.object({ op: z.literal('open'), ch: channelIdSchema, engine: engineNameSchema.optional() });

/**
 * What a channel can be:
 * - `events`: engine events (`event` frames).
 * - `logs`: a container's log; lines come as binary frames (see `encodeLogLines`), `skipped`
 *   frames mark lines dropped for a slow reader, `end` when the container stops or the log ends.
 * - `stats`: one container's live stats (`stats` frames), from a stream shared by all viewers.
 * - `stats-all`: every running container's stats, batched (`stats-batch` frames).
 * - `exec`: an interactive shell (`docker exec -it`); terminal bytes both ways as binary frames,
 *   `resize` from the client, `end` with the exit code.
 * - `attach`: the container's main process (`docker attach`), output only unless `write`.
 */
export const openFrameSchema = z.discriminatedUnion('kind', [
  open.extend({ kind: z.literal('events') }),
  open.extend({ kind: z.literal('logs'), params: logsParamsSchema }),
  open.extend({ kind: z.literal('stats'), params: statsParamsSchema }),
  open.extend({ kind: z.literal('stats-all') }),
  open.extend({ kind: z.literal('exec'), params: execParamsSchema }),
  open.extend({ kind: z.literal('attach'), params: attachParamsSchema }),
  /** `tasks`: every server-side task (pull, push, build, save, load, export, import), as `task` frames. */
  open.extend({ kind: z.literal('tasks') }),
  /** `engines`: every engine's row of `GET /api/engines` again whenever a check or its hub changes it (`engine-info` frames). */
  open.extend({ kind: z.literal('engines') }),
]);
export type OpenFrame = z.infer<typeof openFrameSchema>;
export type ChannelKind = OpenFrame['kind'];

const nonOpenClientFrameSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('close'), ch: channelIdSchema }),
  z.object({ op: z.literal('resize'), ch: channelIdSchema, ...resizeSchema.shape }),
  /** Terminal flow control: the browser's terminal is behind on rendering; hold (or resume) output. */
  z.object({ op: z.literal('flow'), ch: channelIdSchema, paused: z.boolean() }),
  z.object({ op: z.literal('ping'), t: z.number() }),
]);

export const clientFrameSchema = z.union([openFrameSchema, nonOpenClientFrameSchema]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('hello'), version: z.number(), engine: engineStatusSchema }),
  z.object({ op: z.literal('engine'), ch: channelIdSchema.optional(), engine: engineStatusSchema }),
  z.object({ op: z.literal('opened'), ch: channelIdSchema }),
  z.object({ op: z.literal('event'), ch: channelIdSchema, event: engineEventSchema }),
  z.object({ op: z.literal('skipped'), ch: channelIdSchema, count: z.number().int().nonnegative() }),
  z.object({ op: z.literal('stats'), ch: channelIdSchema, sample: z.custom<StatsSample>() }),
  z.object({ op: z.literal('stats-batch'), ch: channelIdSchema, samples: z.array(z.custom<StatsSample>()) }),
  z.object({
    op: z.literal('end'),
    ch: channelIdSchema,
    /** `exited`: the container or process stopped; `closed`: the stream ended otherwise. */
    reason: z.enum(['exited', 'closed', 'error']).optional(),
    exitCode: z.number().int().optional(),
    message: z.string().optional(),
  }),
  z.object({ op: z.literal('error'), ch: channelIdSchema.optional(), code: errorCodeSchema, message: z.string() }),
  z.object({ op: z.literal('pong'), t: z.number() }),
  /** A task's new state and the log lines it added, at most one per task per 100 ms. */
  /** One engine's row of the engine list, as it changed (the `engines` channel). */
  z.object({ op: z.literal('engine-info'), ch: channelIdSchema, info: engineInfoSchema }),
  z.object({ op: z.literal('task'), ch: channelIdSchema, task: z.custom<TaskFrame['task']>(), log: z.array(z.string()), reset: z.boolean() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

export { decodeBinaryFrame, encodeBinaryFrame } from './binary-frames';
