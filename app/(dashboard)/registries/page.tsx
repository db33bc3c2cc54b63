import type { Metadata } from 'next';
import { RegistriesPage } from '@/components/registries/registries-page';

export const metadata: Metadata = { title: 'Registries' };

export default function Page() {
  return <RegistriesPage />;
}
