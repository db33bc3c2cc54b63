/** Reads exact byte counts from a chunked async source, without copying more than needed. */
export class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  private readonly it: AsyncIterator<Buffer | Uint8Array | string>;

  constructor(source: AsyncIterable<Buffer | Uint8Array | string>) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const { value, done } = await this.it.next();
    if (done) {
      this.done = true;
      return false;
    }
    const chunk = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    return true;
  }

  /** True when the source has nothing more. */
  async atEnd(): Promise<boolean> {
    while (this.buf.length === 0) if (!(await this.fill())) return true;
    return false;
  }

  /** Exactly `n` bytes, or an error saying the body was cut short. */
  async read(n: number): Promise<Buffer> {
    while (this.buf.length < n) if (!(await this.fill())) throw new Error(`the upload ended ${n - this.buf.length} bytes early`);
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** The next `n` bytes as they arrive, in pieces. */
  async *pieces(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.buf.length === 0 && !(await this.fill())) throw new Error(`the upload ended ${left} bytes early`);
      const take = Math.min(left, this.buf.length);
      const piece = this.buf.subarray(0, take);
      this.buf = this.buf.subarray(take);
      left -= take;
      yield piece;
    }
  }
}
