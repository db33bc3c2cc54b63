import { ContainerOverview } from '@/components/container-detail/overview';
import { titleFromParam } from '@/lib/ui/page-title';
import { containerName } from '../../first-screen';

export const generateMetadata = titleFromParam(undefined, containerName);

export default async function ContainerPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerOverview id={(await params).id} />;
}
