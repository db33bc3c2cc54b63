import { ContainerOverview } from '@/components/container-detail/overview';
import { titleFromParam } from '@/lib/ui/page-title';

export const generateMetadata = titleFromParam();

export default async function ContainerPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerOverview id={(await params).id} />;
}
