/**
 * What a server-rendered list page may read of what the server keeps, so its first rows come with
 * the page instead of after hydration, a WebSocket hello and a fetch (issue 18, "the first screen").
 * The custom server sets it (server/first-screen.ts); Next's page bundles are separate module graphs,
 * so it is shared through globalThis, as `runtime()` is for route handlers.
 */
export interface FirstScreen {
  /**
   * The kept list's wire JSON, exactly as `GET /api/containers?all=1` / `GET /api/images` answers it
   * (`images-sharing` for `?sharing=1`), or null when it cannot be had at once: the engine is down or
   * not watched, or the read takes longer than a page should wait. The page then loads as before.
   */
  list(kind: FirstScreenList, engine: string | undefined): Promise<string | null>;
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
