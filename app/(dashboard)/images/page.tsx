import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ImageList } from '@/components/images/image-list';
import { firstRows } from '../first-screen';

export const metadata: Metadata = { title: 'Images' };

/** Rendered per request, with the server's kept image list (and its sizes, when already computed). */
export default async function ImagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const [initialJson, initialSharingJson] = await Promise.all([firstRows('images', params), firstRows('images-sharing', params)]);
  return (
    <Suspense>
      <ImageList initialJson={initialJson} initialSharingJson={initialSharingJson} />
    </Suspense>
  );
}
