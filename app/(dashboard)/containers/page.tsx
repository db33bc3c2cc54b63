import type { Metadata } from 'next';
import { ContainerList } from '@/components/containers/container-list';
import { viewFromParams } from '@/lib/format/container-filter';
import { containerFirstScreen } from '@/lib/format/first-screen';
import { firstRows, searchParamsOf } from '../first-screen';

export const metadata: Metadata = { title: 'Containers' };

/** Rendered per request, with the first screen of the server's kept list: the first rows arrive with the page.
 * Not inside a Suspense boundary: its first screen would be streamed hidden and shown later (app/providers.tsx). */
export default async function ContainersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const all = await firstRows('containers', params);
  const firstScreen = all && containerFirstScreen(all, viewFromParams(searchParamsOf(params)));
  return <ContainerList firstScreen={firstScreen} />;
}
