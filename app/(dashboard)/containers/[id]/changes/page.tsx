import { ContainerChanges } from '@/components/container-detail/changes';
import { titleFromParam } from '@/lib/ui/page-title';
import { containerName } from '../../../first-screen';

export const generateMetadata = titleFromParam('Changes', containerName);

export default async function ChangesPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerChanges id={(await params).id} />;
}
