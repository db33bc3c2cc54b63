import type { Metadata } from 'next';
import { ContainerStats } from '@/components/stats/container-stats';

export const metadata: Metadata = { title: 'Stats' };

export default async function ContainerStatsPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerStats id={(await params).id} />;
}
