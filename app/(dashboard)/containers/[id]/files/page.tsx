import { ContainerFiles } from '@/components/container-detail/files';
import { titleFromParam } from '@/lib/ui/page-title';
import { containerName } from '../../../first-screen';

export const generateMetadata = titleFromParam('Files', containerName);

export default async function FilesPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerFiles id={(await params).id} />;
}
