import { ContainerProcesses } from '@/components/container-detail/processes';
import { titleFromParam } from '@/lib/ui/page-title';
import { containerName } from '../../../first-screen';

export const generateMetadata = titleFromParam('Processes', containerName);

export default async function ProcessesPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerProcesses id={(await params).id} />;
}
