import { TerminalTabs } from '@/components/terminal/terminal-tabs';
import { titleFromParam } from '@/lib/ui/page-title';
import { containerName } from '../../../first-screen';

export const generateMetadata = titleFromParam('Terminal', containerName);

export default async function TerminalPage({ params }: { params: Promise<{ id: string }> }) {
  return <TerminalTabs id={(await params).id} />;
}
