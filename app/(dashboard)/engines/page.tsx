import type { Metadata } from 'next';
import { EngineOverview } from '@/components/engines/engine-overview';

export const metadata: Metadata = { title: 'Engines' };

export default function EnginesPage() {
  return <EngineOverview />;
}
