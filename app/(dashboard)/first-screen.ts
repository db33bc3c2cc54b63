import { headers } from 'next/headers';
import { engineNameSchema } from '@/lib/protocol/engines';
import { firstScreen, type FirstScreenList } from '@/lib/protocol/first-screen';

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The rows a list page is rendered with: the server's kept list for the engine the URL names
 * (`?engine=`, validated as the API validates it; none = the default engine), or undefined when the
 * server does not have it at once (the page then fetches it, as before). Only on a full page load:
 * a client-side navigation has the tab's cache, or fetches, and should not carry the whole list.
 */
export async function firstRows(kind: FirstScreenList, searchParams: SearchParams): Promise<string | undefined> {
  if ((await headers()).get('rsc') === '1') return undefined;
  const raw = searchParams.engine;
  const engine = engineNameSchema.optional().safeParse(Array.isArray(raw) ? raw[0] : raw || undefined);
  if (!engine.success) return undefined;
  return (await firstScreen()?.list(kind, engine.data)) ?? undefined;
}
