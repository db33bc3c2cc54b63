import { ContainerFiles } from '@/components/container-detail/files';

export default async function FilesPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerFiles id={(await params).id} />;
}
