import type { Metadata } from 'next';
import { LayerMap } from '@/components/images/layer-map';

export const metadata: Metadata = { title: 'Layer map' };

export default function LayerMapPage() {
  return <LayerMap />;
}
