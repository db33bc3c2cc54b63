import { Readable } from 'node:stream';

/**
 * Socket reads into reused 1 MiB slabs, for the bytes Dockside only relays: an engine's answer to a
 * save, export or file download (bulk-http.ts) and a browser's upload to load or import
 * (server/http/upload-body.ts). Why (BENCHMARKS.md, figures 9 and 15): a buffer allocated per read
 * (Node's default: 64 KiB each, and its HTTP parser copies every body chunk into one more) is
 * external memory for V8, and 1 GiB of it per transfer made the collector run in a server whose
 * heap holds Next: tens of full collections per GiB on this 2-core machine. Here each read lands in
 * a slab after what it already handed out, and a view the consumer gives back once written lets
 * the slab be read into again: a 1 GiB stream reuses a few MiB.
 */

/** Big reads: a 1 GiB stream is ~1,000–10,000 reads instead of 16,384–32,768 small chunks. */
export const READ_BUFFER_BYTES = 1024 * 1024;

/** A read needs at least this much room; a slab with less left is retired. */
const MIN_READ_BYTES = 64 * 1024;
/** Free slabs kept per stream for reuse; more in flight are simply left to the garbage collector. */
const MAX_FREE_SLABS = 4;

interface Slab {
  buf: Buffer;
  /** Bytes of it handed out (views) or being read into. */
  used: number;
  /** Views handed out and not yet given back. */
  refs: number;
  /** No longer read into: free again once its views are all given back. */
  retired: boolean;
}

/**
 * The read buffers of one stream. Reads go into the current slab after what it already handed out;
 * views are counted, and a retired slab whose views all came back is reused. Views nobody gives
 * back (a consumer that is not `pipeBulk`) keep their slab alive and the garbage collector takes it
 * later, as with any buffer: reuse is only ever of memory that was explicitly given back.
 */
export class SlabPool {
  private readonly bySlab = new WeakMap<ArrayBufferLike, Slab>();
  private readonly free: Slab[] = [];
  private current: Slab = this.fresh();

  private fresh(): Slab {
    const slab = this.free.pop() ?? { buf: Buffer.allocUnsafeSlow(READ_BUFFER_BYTES), used: 0, refs: 0, retired: false };
    slab.used = 0;
    slab.retired = false;
    this.bySlab.set(slab.buf.buffer, slab);
    return slab;
  }

  /** Where the next read goes. */
  next(): Buffer {
    if (this.current.buf.length - this.current.used < MIN_READ_BYTES) {
      const old = this.current;
      old.retired = true;
      this.current = this.fresh();
      if (old.refs === 0) this.recycle(old);
    }
    return this.current.buf.subarray(this.current.used);
  }

  /** After a read into `region` (from next()): its first `kept` bytes are handed out as one view. */
  took(region: Uint8Array, kept: number): Buffer | null {
    const slab = this.bySlab.get(region.buffer);
    if (!slab || kept === 0) return null;
    slab.refs++;
    slab.used = region.byteOffset + kept;
    return slab.buf.subarray(region.byteOffset, region.byteOffset + kept);
  }

  /** A view from took() is no longer in use. */
  giveBack(view: Buffer): void {
    const slab = this.bySlab.get(view.buffer);
    if (!slab || slab.refs === 0) return;
    slab.refs--;
    if (slab.refs === 0 && slab.retired) this.recycle(slab);
  }

  private recycle(slab: Slab): void {
    if (this.free.length < MAX_FREE_SLABS && slab !== this.current) this.free.push(slab);
  }
}

/**
 * Relayed bytes, one view of a slab per socket read. Reading pauses the socket when the consumer is
 * behind (push() said so), so memory stays at one read buffer plus the consumer's own high-water
 * mark. A consumer that writes with `pipeBulk` (or bulk-http's upload sending) gives each view back
 * once its socket has taken it.
 */
export class SlabStream extends Readable {
  constructor(
    readonly pool: SlabPool,
    private readonly release: (err: Error | null) => void,
  ) {
    // Each chunk is up to 1 MiB; one queued is enough to keep the socket busy.
    super({ highWaterMark: READ_BUFFER_BYTES });
  }
  /** Starts the source socket's reads again (set by whoever reads it). */
  resumeSource: () => void = () => undefined;
  override _read(): void {
    this.resumeSource();
  }
  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    this.release(err);
    cb(err);
  }
}
