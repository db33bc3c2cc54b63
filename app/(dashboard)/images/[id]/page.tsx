import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ImageDetailView } from '@/components/images/image-detail';

export const metadata: Metadata = { title: 'Image' };

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <ImageDetailView id={id} />
    </Suspense>
  );
}
