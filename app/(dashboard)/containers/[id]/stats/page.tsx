import { ContainerStats } from '@/components/stats/container-stats';
import { titleFromParam } from '@/lib/ui/page-title';
import { containerName } from '../../../first-screen';

export const generateMetadata = titleFromParam('Stats', containerName);

export default async function ContainerStatsPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerStats id={(await params).id} />;
}
