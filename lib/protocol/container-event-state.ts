import type { ContainerState, ContainerSummary } from './containers';
import type { EngineEvent } from './events';

type StateAfter = { state: ContainerState; status: string } | 'removed';

/** What a lifecycle event tells us about a container's state, in the engine's own words. */
function stateAfter(event: EngineEvent): StateAfter | null {
  switch (event.action) {
    case 'start':
    case 'restart':
    case 'unpause':
      return { state: 'running', status: 'Up Less than a second' };
    case 'pause':
      return { state: 'paused', status: 'Up (Paused)' };
    case 'die': {
      const code = event.attributes.exitCode;
      return { state: 'exited', status: code === undefined ? 'Exited' : `Exited (${code}) Less than a second ago` };
    }
    case 'destroy':
      return 'removed';
    default:
      return null;
  }
}

/**
 * The container list as a lifecycle event leaves it, so the row flips at once instead of after a
 * refetch (a full list call: ~100 ms at a thousand containers). The refetch that follows still
 * brings the authoritative list. Returns the same array when the event changes nothing it shows
 * (an unknown container, or an action that needs the engine's answer, such as create or rename).
 */
export function applyContainerEvent(list: ContainerSummary[], event: EngineEvent): ContainerSummary[] {
  if (event.type !== 'container') return list;
  const next = stateAfter(event);
  if (!next) return list;
  const i = list.findIndex((c) => c.id === event.id);
  if (i < 0) return list;
  return withRowAt(list, i, next);
}

function withRowAt(list: ContainerSummary[], i: number, next: StateAfter): ContainerSummary[] {
  if (next === 'removed') return [...list.slice(0, i), ...list.slice(i + 1)];
  const row = list[i]!;
  if (row.state === next.state) return list;
  const out = list.slice();
  out[i] = { ...row, ...next, health: next.state === 'running' ? row.health : 'none' };
  return out;
}

/**
 * What the latest lifecycle event said of each container, held until a list read agrees.
 *
 * Why: the engine announces some changes before its list knows of them. dockerd 20.10 logs `pause`
 * and `die` before it writes the container to the in-memory view `GET /containers/json` reads, so a
 * list read made as the event arrives shows the old state (measured: 198 of 200 reads right after a
 * pause/unpause event), and no later event comes to correct it. Seen in CI: a row patched to paused
 * by the event went back to running with the refetch that followed, and stayed so.
 *
 * A list read that disagrees with a recent event keeps the event's state in that row and asks for
 * another read; the list wins again once it agrees, after `maxReads` disagreeing reads, or after
 * `maxAgeMs` (a missed later event can never pin a row for long).
 */
export class EventStateLedger {
  private readonly expected = new Map<string, { next: StateAfter; at: number; reads: number }>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly maxReads = 5,
    private readonly maxAgeMs = 5_000,
  ) {}

  record(event: EngineEvent): void {
    if (event.type !== 'container') return;
    const next = stateAfter(event);
    if (next) this.expected.set(event.id, { next, at: this.now(), reads: 0 });
  }

  /** The list as the recent events say it is, and whether the engine's own answer disagreed. */
  reconcile(list: ContainerSummary[]): { list: ContainerSummary[]; disagreed: boolean } {
    let out = list;
    let disagreed = false;
    for (const [id, want] of this.expected) {
      if (this.now() - want.at > this.maxAgeMs || want.reads >= this.maxReads) {
        this.expected.delete(id);
        continue;
      }
      const i = out.findIndex((c) => c.id === id);
      const agrees = want.next === 'removed' ? i < 0 : i >= 0 && out[i]!.state === want.next.state;
      if (agrees) {
        this.expected.delete(id);
        continue;
      }
      want.reads += 1;
      disagreed = true;
      // A row the list does not have yet (a read that began before its create) cannot be patched.
      if (i >= 0) out = withRowAt(out, i, want.next);
    }
    return { list: out, disagreed };
  }

  get size(): number {
    return this.expected.size;
  }
}
