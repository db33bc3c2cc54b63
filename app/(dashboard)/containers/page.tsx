import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ContainerList } from '@/components/containers/container-list';

export const metadata: Metadata = { title: 'Containers' };

export default function ContainersPage() {
  return (
    <Suspense>
      <ContainerList />
    </Suspense>
  );
}
