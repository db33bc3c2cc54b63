import type { Timed } from './http';
import { summarize, type Summary } from './stats';

/**
 * Runs `a` and `b` `iterations` times each, alternating which goes first (AB, BA, AB, …) so the
 * machine's noise and the engine's state fall on both sides alike.
 */
export async function alternate<T>(iterations: number, a: () => Promise<T>, b: () => Promise<T>): Promise<{ a: T[]; b: T[] }> {
  const ra: T[] = [];
  const rb: T[] = [];
  for (let i = 0; i < iterations; i++) {
    if (i % 2 === 0) {
      ra.push(await a());
      rb.push(await b());
    } else {
      rb.push(await b());
      ra.push(await a());
    }
  }
  return { a: ra, b: rb };
}

/** `alternate` for timed HTTP reads: any answer but 200 fails the figure; both sides summarised (and their runs kept). */
export async function alternateTimed(
  iterations: number,
  a: () => Promise<Timed>,
  b: () => Promise<Timed>,
  what = '',
): Promise<{ a: Summary; b: Summary; aRuns: Timed[]; bRuns: Timed[] }> {
  const r = await alternate(iterations, a, b);
  const bad = [...r.a, ...r.b].find((t) => t.status !== 200);
  if (bad) throw new Error(`status ${bad.status}${what ? ` ${what}` : ''}`);
  return { a: summarize(r.a.map((t) => t.ms)), b: summarize(r.b.map((t) => t.ms)), aRuns: r.a, bRuns: r.b };
}
