import type { ReactNode } from 'react';
import { ContainerFrame } from '@/components/container-detail/container-header';

export default async function ContainerLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ContainerFrame id={id}>{children}</ContainerFrame>;
}
