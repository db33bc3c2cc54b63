/**
 * Belt and braces for "secrets never reach a log line": once the sign-in URL has been printed,
 * anything the process writes to stdout/stderr (Next's own errors included) has the secrets
 * replaced. The real defences are upstream — the token never reaches Next (see sanitise.ts) —
 * this catches what slips past them.
 */
export function redactProcessOutput(secrets: string[]): void {
  const list = secrets.filter((s) => s.length >= 16);
  if (!list.length) return;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
        let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        if (list.some((s) => text.includes(s))) {
          for (const s of list) text = text.split(s).join('[redacted]');
          return write(text, ...rest);
        }
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}
