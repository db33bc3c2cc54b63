// Test fixtures for the log parsers: engine timestamps and multiplexed frames as the engine sends them.

export const T1 = '2026-01-02T15:04:05.123456789Z';
export const T2 = '2026-01-02T15:04:06.000000001Z';

/** One multiplexed frame: stream type, three zero bytes, u32 big-endian length, payload. */
export function frame(type: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
