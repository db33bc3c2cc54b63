import { InspectJson } from '@/components/container-detail/inspect-json';

export default async function InspectPage({ params }: { params: Promise<{ id: string }> }) {
  return <InspectJson id={(await params).id} />;
}
