import type { Metadata } from 'next';
import { ImageList } from '@/components/images/image-list';
import { imageFirstScreen } from '@/lib/format/first-screen';
import { imageViewFromParams } from '@/lib/images/image-filter';
import { firstRows, searchParamsOf } from '../first-screen';

export const metadata: Metadata = { title: 'Images' };

/** Rendered per request, with the first screen of the server's kept image list (and its sizes, when already computed).
 * Not inside a Suspense boundary: its first screen would be streamed hidden and shown later (app/providers.tsx). */
export default async function ImagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const [plain, withSharing] = await Promise.all([firstRows('images', params), firstRows('images-sharing', params)]);
  // The list with sizes is the plain list plus its sizes: either serves as the rows.
  const list = withSharing ?? plain;
  const firstScreen = list && imageFirstScreen(list, withSharing?.sharing, imageViewFromParams(searchParamsOf(params)));
  return <ImageList firstScreen={firstScreen} />;
}
