import type { Metadata } from 'next';
import { RunForm } from '@/components/run/run-form';

export const metadata: Metadata = { title: 'New container' };

/** `?image=` prefills the image (an image's Run button); `?from=<container>` duplicates, `&edit=1` edits (recreates) it. */
export default async function NewContainerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' && v ? v : undefined);
  const from = one(q.from);
  return <RunForm key={`${from ?? ''}-${one(q.edit) ?? ''}`} image={one(q.image)} from={from} edit={Boolean(from) && q.edit === '1'} />;
}
