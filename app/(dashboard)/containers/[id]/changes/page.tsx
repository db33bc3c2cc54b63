import { ContainerChanges } from '@/components/container-detail/changes';

export default async function ChangesPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerChanges id={(await params).id} />;
}
