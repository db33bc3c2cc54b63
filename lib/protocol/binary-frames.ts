// Zod-free on purpose, like log-lines.ts: used on the browser's hot path.

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
