import { ContainerProcesses } from '@/components/container-detail/processes';

export default async function ProcessesPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerProcesses id={(await params).id} />;
}
