import { ContainerOverview } from '@/components/container-detail/overview';

export default async function ContainerPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerOverview id={(await params).id} />;
}
