import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ContainerList } from '@/components/containers/container-list';
import { firstRows } from '../first-screen';

export const metadata: Metadata = { title: 'Containers' };

/** Rendered per request, with the server's kept list: the first rows arrive with the page. */
export default async function ContainersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initialJson = await firstRows('containers', await searchParams);
  return (
    <Suspense>
      <ContainerList initialJson={initialJson} />
    </Suspense>
  );
}
