import { TerminalTabs } from '@/components/terminal/terminal-tabs';

export default async function TerminalPage({ params }: { params: Promise<{ id: string }> }) {
  return <TerminalTabs id={(await params).id} />;
}
