import { ContainerLogs } from '@/components/logs/container-logs';

export default async function LogsPage({ params }: { params: Promise<{ id: string }> }) {
  return <ContainerLogs id={(await params).id} />;
}
