import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EnginePage } from '@/components/engine/engine-page';

export const metadata: Metadata = { title: 'Engine' };

export default function Engine() {
  // useSearchParams (the page's engine) needs a Suspense boundary in a statically analysed page.
  return (
    <Suspense>
      <EnginePage />
    </Suspense>
  );
}
