import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { preload } from 'react-dom';
import { LayerMap } from '@/components/images/layer-map';
import { earlyLayerGraphUrl } from '@/lib/images/layer-map';
import { DEFAULT_ENGINE_NAME } from '@/lib/protocol/engine-name';
import { engineNameSchema } from '@/lib/protocol/engines';

export const metadata: Metadata = { title: 'Layer map' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function LayerMapPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // A full page load: the browser starts reading the graph with the HTML, and the map's early read
  // (hooks/use-images.ts) takes that answer. A client-side navigation reads it as usual.
  if ((await headers()).get('rsc') !== '1') {
    const raw = (await searchParams).engine;
    const engine = engineNameSchema.optional().safeParse(Array.isArray(raw) ? raw[0] : raw || undefined);
    if (engine.success) preload(earlyLayerGraphUrl(engine.data ?? DEFAULT_ENGINE_NAME), { as: 'fetch', crossOrigin: 'anonymous' });
  }
  return <LayerMap />;
}
