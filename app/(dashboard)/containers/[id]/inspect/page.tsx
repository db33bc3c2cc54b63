import { InspectJson } from '@/components/container-detail/inspect-json';
import { titleFromParam } from '@/lib/ui/page-title';
import { containerName } from '../../../first-screen';

export const generateMetadata = titleFromParam('Inspect', containerName);

export default async function InspectPage({ params }: { params: Promise<{ id: string }> }) {
  return <InspectJson id={(await params).id} />;
}
