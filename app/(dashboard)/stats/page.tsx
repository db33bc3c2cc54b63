import type { Metadata } from 'next';
import { StatsOverview } from '@/components/stats/stats-overview';

export const metadata: Metadata = { title: 'Stats' };

export default function StatsPage() {
  return <StatsOverview />;
}
