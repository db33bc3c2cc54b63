import { z } from 'zod';
import { engineEventSchema } from './events';
import { engineStatusSchema } from './engine';
import { errorCodeSchema } from './errors';

/**
 * The WebSocket protocol: one socket per browser tab at `/ws`, multiplexing channels.
 *
 * - Control messages are JSON text frames, one of `ClientFrame` / `ServerFrame` below.
 * - Bulk payloads (terminal bytes, log batches) travel as binary frames: a 4-byte big-endian
 *   channel id, then the payload. See `encodeBinaryFrame` / `decodeBinaryFrame`.
 * - The client picks channel ids (positive integers, unique per socket) and opens a channel with
 *   `open`; the server answers `opened` or `error`, streams `data`/`event`, and finishes with `end`.
 *   Either side may close; `close` from the client releases the channel's engine resources.
 * - `engine` frames (no channel) tell every socket when the engine comes or goes.
 */
export const PROTOCOL_VERSION = 1;

export const channelIdSchema = z.number().int().positive().max(2 ** 31);

export const channelKinds = ['events'] as const;
export const channelKindSchema = z.enum(channelKinds);
export type ChannelKind = z.infer<typeof channelKindSchema>;

export const openEventsSchema = z.object({ op: z.literal('open'), ch: channelIdSchema, kind: z.literal('events') });

export const clientFrameSchema = z.discriminatedUnion('op', [
  openEventsSchema,
  z.object({ op: z.literal('close'), ch: channelIdSchema }),
  z.object({ op: z.literal('ping'), t: z.number() }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('hello'), version: z.number(), engine: engineStatusSchema }),
  z.object({ op: z.literal('engine'), engine: engineStatusSchema }),
  z.object({ op: z.literal('opened'), ch: channelIdSchema }),
  z.object({ op: z.literal('event'), ch: channelIdSchema, event: engineEventSchema }),
  z.object({ op: z.literal('end'), ch: channelIdSchema, reason: z.string().optional() }),
  z.object({ op: z.literal('error'), ch: channelIdSchema.optional(), code: errorCodeSchema, message: z.string() }),
  z.object({ op: z.literal('pong'), t: z.number() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** Binary frame: [u32 channel id, big-endian][payload]. */
export function encodeBinaryFrame(ch: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.byteLength);
  new DataView(out.buffer).setUint32(0, ch, false);
  out.set(payload, 4);
  return out;
}

export function decodeBinaryFrame(frame: Uint8Array): { ch: number; payload: Uint8Array } | null {
  if (frame.byteLength < 4) return null;
  const ch = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0, false);
  return { ch, payload: frame.subarray(4) };
}
