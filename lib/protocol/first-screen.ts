/**
 * What a server-rendered list page may read of what the server keeps, so its first rows come with
 * the page instead of after hydration, a WebSocket hello and a fetch (issue 18, "the first screen").
 * The custom server sets it (server/first-screen.ts); Next's page bundles are separate module graphs,
 * so it is shared through globalThis, as `runtime()` is for route handlers.
 */
export interface FirstScreen {
  /**
   * The kept list's wire JSON, parsed: exactly what `GET /api/containers?all=1` / `GET /api/images`
   * answers (`images-sharing` for `?sharing=1`), or null when it cannot be had at once (the engine is
   * down or not watched, or nothing is kept): the page then loads as before. Parsed once per kept
   * list and shared by every page render until the list changes, so it is read-only.
   */
  list(kind: FirstScreenList, engine: string | undefined): Promise<unknown>;
}
export type FirstScreenList = 'containers' | 'images' | 'images-sharing';

const KEY = Symbol.for('dockside.first-screen');
type Holder = { [KEY]?: FirstScreen };

export function setFirstScreen(source: FirstScreen): void {
  (globalThis as Holder)[KEY] = source;
}

export function firstScreen(): FirstScreen | undefined {
  return (globalThis as Holder)[KEY];
}
