import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { StatsSample } from '../../../lib/protocol/streams';
import type { StatsApi, StatsStream } from '../api/stats';
import { hasPreviousReading, toStatsSample, type RawStats } from '../stats-math';
import type { DockerContext } from './context';
import { dialectOf } from './dialect';

/**
 * Splits newline-delimited JSON that arrives in arbitrary chunks (a value may be cut anywhere,
 * even inside a multi-byte character) and hands over each complete value. A malformed line is
 * skipped rather than ending the stream.
 */
export function createJsonLineParser<T>(onValue: (value: T) => void): { write(chunk: Buffer): void; end(): void } {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  const emit = (line: string) => {
    if (!line.trim()) return;
    let value: T;
    try {
      value = JSON.parse(line) as T;
    } catch {
      return;
    }
    onValue(value);
  };
  return {
    write(chunk) {
      const lines = (partial + decoder.write(chunk)).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    end() {
      emit(partial + decoder.end());
      partial = '';
    },
  };
}

/**
 * Follows `docker stats <id>`: Docker sends one sample a second, Podman one every 5 s. `onSample` gets null for the
 * zero samples the engine keeps sending once the container is not running; the stream's first
 * sample (which has no CPU % yet) is not passed on.
 */
async function followContainerStats(ctx: DockerContext, ref: string, onSample: (sample: StatsSample | null) => void): Promise<StatsStream> {
  const stream = (await ctx.call(() => ctx.docker.getContainer(ref).stats({ stream: true }), `Stats of ${ref}`)) as unknown as Readable;
  const cpu = await dialectOf(ctx);
  const parser = createJsonLineParser<RawStats>((raw) => {
    const sample = toStatsSample(raw, cpu);
    // The first sample of a stream has no previous reading, so its CPU % would be a made-up 0:
    // wait for the next one (a second later on Docker, 5 s on Podman).
    if (sample && !hasPreviousReading(raw, cpu)) return;
    onSample(sample);
  });
  let closedByUs = false;
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => parser.write(chunk));
    stream.on('end', () => {
      parser.end();
      resolve();
    });
    stream.on('close', resolve);
    stream.on('error', (err) => (closedByUs ? resolve() : reject(ctx.fail(err, `Stats of ${ref}`))));
  });
  return {
    done,
    close: () => {
      closedByUs = true;
      stream.destroy();
    },
  };
}

export function dockerStats(ctx: DockerContext): StatsApi {
  return { follow: (ref, onSample) => followContainerStats(ctx, ref, onSample) };
}
