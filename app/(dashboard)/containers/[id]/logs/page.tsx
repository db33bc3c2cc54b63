import { ContainerLogs } from '@/components/logs/container-logs';
import { titleFromParam } from '@/lib/ui/page-title';
import { containerName } from '../../../first-screen';

export const generateMetadata = titleFromParam('Logs', containerName);

export default async function LogsPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerLogs id={(await params).id} />;
}
