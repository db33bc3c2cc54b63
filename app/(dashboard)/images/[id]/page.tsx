import { Suspense } from 'react';
import { ImageDetailView } from '@/components/images/image-detail';
import { titleFromParam } from '@/lib/ui/page-title';
import { imageName } from '../../first-screen';

export const generateMetadata = titleFromParam(undefined, imageName);

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <ImageDetailView id={id} />
    </Suspense>
  );
}
