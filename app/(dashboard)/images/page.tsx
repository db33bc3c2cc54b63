import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ImageList } from '@/components/images/image-list';

export const metadata: Metadata = { title: 'Images' };

export default function ImagesPage() {
  return (
    <Suspense>
      <ImageList />
    </Suspense>
  );
}
