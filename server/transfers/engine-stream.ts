import type { Readable } from 'node:stream';
import { failureOf, JsonLinesDecoder, type EngineMessage } from './json-lines';
import { TaskFailure } from '../tasks/task-manager';

/**
 * Reads an engine progress stream to its end. An in-stream error (`errorDetail`, inside the HTTP 200)
 * or a line that is not a JSON object fails the task — the request is closed so the engine stops —
 * instead of being reported as success (dockerode's `followProgress`) or thrown from a data handler.
 */
export async function readEngineStream(stream: Readable, signal: AbortSignal, what: string, onMessage: (m: EngineMessage) => void): Promise<void> {
  const decoder = new JsonLinesDecoder();
  const handle = (parsed: ReturnType<JsonLinesDecoder['push']>) => {
    for (const p of parsed) {
      if (!p.ok) throw new TaskFailure(`The engine sent a line that is not a progress message (${p.reason}): ${JSON.stringify(p.line)}. Dockside stopped reading and closed the ${what} request.`);
      const failure = failureOf(p.message);
      if (failure) throw new TaskFailure(failure);
      onMessage(p.message);
    }
  };
  try {
    for await (const chunk of stream) handle(decoder.push(chunk as Buffer));
    handle(decoder.end());
  } catch (err) {
    stream.destroy();
    if (err instanceof TaskFailure) throw err;
    if (signal.aborted) throw new TaskFailure('Cancelled.', 'aborted');
    throw new TaskFailure(`The connection to the engine closed before the ${what} finished (${(err as Error).message || 'connection lost'}). The engine may have stopped or restarted.`, 'engine_unreachable');
  }
}
