import { headers } from 'next/headers';
import { engineNameSchema } from '@/lib/protocol/engines';
import { firstScreen, type FirstScreenList } from '@/lib/protocol/first-screen';
import type { ContainerSummary } from '@/lib/protocol/containers';
import type { ImageList } from '@/lib/protocol/images';
import { imageTitle } from '@/lib/images/image-filter';
import { findContainer } from '@/lib/format/container-filter';
import { imageIdSchema } from '@/lib/protocol/image-ref';
import { matchLocalImage } from '@/lib/protocol/run/image-match';
import type { NameOfRef } from '@/lib/ui/page-title';

type SearchParams = Record<string, string | string[] | undefined>;

/** The page's URL query as URLSearchParams (what the list's view is read from, on the server as in the browser). */
export function searchParamsOf(searchParams: SearchParams): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(searchParams)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) p.append(k, x);
  return p;
}

type Kept = { containers: ContainerSummary[]; images: ImageList; 'images-sharing': ImageList };

/**
 * The list a page is rendered with: the server's kept list for the engine the URL names
 * (`?engine=`, validated as the API validates it; none = the default engine), or undefined when the
 * server does not have it at once (the page then fetches it, as before). Only on a full page load:
 * a client-side navigation has the tab's cache, or fetches. Shared between renders: read-only.
 */
export async function firstRows<K extends FirstScreenList>(kind: K, searchParams: SearchParams): Promise<Kept[K] | undefined> {
  if ((await headers()).get('rsc') === '1') return undefined;
  return keptList(kind, searchParams);
}

/** The server's kept list for the URL's engine, or undefined when it has none at once. */
async function keptList<K extends FirstScreenList>(kind: K, searchParams: SearchParams): Promise<Kept[K] | undefined> {
  const raw = searchParams.engine;
  const engine = engineNameSchema.optional().safeParse(Array.isArray(raw) ? raw[0] : raw || undefined);
  if (!engine.success) return undefined;
  return ((await firstScreen()?.list(kind, engine.data)) as Kept[K] | null | undefined) ?? undefined;
}

/** A container page's title names the container, not the id in its URL (titleFromParam). */
export const containerName: NameOfRef = async (ref, searchParams) => {
  const list = await keptList('containers', searchParams);
  return list && findContainer(list, ref)?.name;
};

/** An image page's title: its first tag, or "Image <short id>" for an untagged one (or one not kept). */
export const imageName: NameOfRef = async (ref, searchParams) => {
  const list = await keptList('images', searchParams);
  const image = list && matchLocalImage(list.images, ref);
  if (image) return imageTitle(image);
  // Not kept: an id is shortened as the page shows it; anything else is shown as the URL has it.
  return imageIdSchema.safeParse(ref).success ? imageTitle({ id: ref, repoTags: [] }) : undefined;
};
