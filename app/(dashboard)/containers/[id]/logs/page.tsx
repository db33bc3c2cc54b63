import { ContainerLogs } from '@/components/logs/container-logs';
import { titleFromParam } from '@/lib/ui/page-title';

export const generateMetadata = titleFromParam('Logs');

export default async function LogsPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerLogs id={(await params).id} />;
}
