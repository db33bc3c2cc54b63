import type { z } from 'zod';
import type { LogLine, logsParamsSchema } from '../../../lib/protocol/streams';
import type { EngineError } from '../errors';

/** `docker logs` options after validation (defaults applied). */
export type LogsRequest = z.output<typeof logsParamsSchema>;

/** Lines come either one by one as objects, or already encoded for the `logs` channel. */
export type LogStreamHandlers = LogStreamEnd &
  (
    | { line(line: LogLine): void }
    | {
        /**
         * Whole lines in `encodeLogLines`' format, in order, a chunk at a time: most are copied
         * from the engine's bytes without parsing (see log-wire.ts). May be slices of a shared buffer
         * that is never overwritten.
         */
        wire(bytes: Buffer): void;
      }
  );

interface LogStreamEnd {
  /** The engine finished the stream (container stopped, or the log was read to its end). */
  end(): void;
  /** The stream broke (engine gone, connection reset). Not called after `close()`. */
  error(err: EngineError): void;
}

/** An open log stream. `close` releases the engine connection; after it no handler runs. */
export interface ContainerLogStream {
  id: string;
  name: string;
  tty: boolean;
  pause(): void;
  resume(): void;
  close(): void;
}

export interface LogDownloadOptions {
  container: string;
  timestamps: boolean;
  since?: string | number;
  until?: string | number;
}

/** Container logs: `docker logs [-f] [-t]`. */
export interface LogsApi {
  open(req: LogsRequest, handlers: LogStreamHandlers): Promise<ContainerLogStream>;
  /** The whole log as text, as a web stream read only as fast as it is consumed. */
  download(opts: LogDownloadOptions): Promise<{ filename: string; body: ReadableStream<Uint8Array> }>;
}
