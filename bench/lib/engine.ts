import http from 'node:http';

export interface RawResponse {
  status: number;
  body: Buffer;
}

/**
 * The baseline: the engine's HTTP API spoken directly over its unix socket with node:http, no
 * dockerode. Also what the bench uses to set up and tear down its containers.
 */
export class RawEngine {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

  constructor(readonly socketPath: string) {}

  request(method: string, path: string, body?: unknown): Promise<RawResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          socketPath: this.socketPath,
          agent: this.agent,
          method,
          path,
          headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.byteLength } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body.toString().slice(0, 300)}`);
    return (res.body.length ? JSON.parse(res.body.toString()) : null) as T;
  }

  async version(): Promise<string> {
    const v = await this.json<{ Version: string; ApiVersion: string }>('GET', '/version');
    return `${v.Version} (API ${v.ApiVersion})`;
  }

  async create(name: string, spec: { Image?: string; Cmd?: string[]; Labels: Record<string, string>; Tty?: boolean; OpenStdin?: boolean }): Promise<string> {
    const res = await this.json<{ Id: string }>('POST', `/containers/create?name=${encodeURIComponent(name)}`, { Image: 'dockside/busybox', ...spec });
    return res.Id;
  }

  async start(id: string): Promise<void> {
    const res = await this.request('POST', `/containers/${id}/start`);
    if (res.status !== 204 && res.status !== 304) throw new Error(`start ${id}: ${res.status} ${res.body.toString()}`);
  }

  /** Blocks until the container exits; returns its exit code. */
  async wait(id: string): Promise<number> {
    const res = await this.json<{ StatusCode: number }>('POST', `/containers/${id}/wait`);
    return res.StatusCode;
  }

  async remove(id: string): Promise<void> {
    const res = await this.request('DELETE', `/containers/${id}?force=1&v=1`);
    if (res.status !== 204 && res.status !== 404) throw new Error(`remove ${id}: ${res.status} ${res.body.toString()}`);
  }

  async idsWithLabel(label: string): Promise<string[]> {
    const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
    const list = await this.json<Array<{ Id: string }>>('GET', `/containers/json?all=1&filters=${filters}`);
    return list.map((c) => c.Id);
  }

  async count(): Promise<number> {
    return (await this.json<unknown[]>('GET', '/containers/json?all=1')).length;
  }

  /** Removes every container, then every volume, carrying `label` (`key=value`, or just `key` for any value). */
  async removeByLabel(label: string, concurrency = 8): Promise<number> {
    const ids = await this.idsWithLabel(label);
    await inParallel(ids, concurrency, (id) => this.remove(id));
    const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
    const { Volumes } = await this.json<{ Volumes: Array<{ Name: string }> | null }>('GET', `/volumes?filters=${filters}`);
    await inParallel(Volumes ?? [], concurrency, (v) => this.request('DELETE', `/volumes/${encodeURIComponent(v.Name)}`));
    return ids.length;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
